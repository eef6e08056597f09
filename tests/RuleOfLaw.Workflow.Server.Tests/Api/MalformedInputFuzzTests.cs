using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Issue 16 item 4: every operation of the OpenAPI document, on a database with the living demo's matters, gets
/// malformed values as signed-in users: NUL and other control characters, a lone surrogate, huge strings, dates in the
/// year 9999, wrong JSON types and invalid JSON, in the route, the query and the body. None may answer 5xx; the values
/// the input rules refuse (control characters, lone surrogates, dates out of range, wrong types) are never accepted;
/// and a refused write leaves every table's row count as it was. Values are sampled (one variant of each kind per
/// operation, all of the operation's fields at once), not combined, so the walk stays well under a minute per database.
/// </summary>
public sealed class MalformedInputFuzzTests(ITestOutputHelper output)
{
    private const string Nul = "停车\u0000收费";
    private const string Huge = "huge";

    /// <summary>Characters of 字 in a huge query, all parameters together: 9 bytes each once percent-encoded, about 6 KB.</summary>
    private const int HugeQueryLength = 660;
    private const string OutOfRange = "9999-12-31";

    /// <summary>Operations that end the caller's session or need no input: nothing of theirs can be malformed.</summary>
    private static readonly HashSet<string> Skipped = ["POST /api/auth/logout"];

    /// <summary>What a value the input rules refuse may get: their 400, or what the framework answers before binding.</summary>
    private static readonly HashSet<int> RuleRefusals = [400, 401, 403, 404, 405, 413, 415, 429];

    /// <summary>How a variant must be answered besides "no 5xx".</summary>
    private enum Expect
    {
        /// <summary>Anything but a 5xx (a huge string may be within a field's limit).</summary>
        Anything,

        /// <summary>A 4xx other than 409 (never "retry": the request cannot succeed): invalid JSON, wrong types.</summary>
        Refused,

        /// <summary>The input rules' 400 (or a refusal before binding): control characters, lone surrogates, dates out of range.</summary>
        InputRule,
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_operation_answers_malformed_values_without_a_5xx_and_a_refused_write_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var server = new ServerFactory(database);
        server.Settings["Demo:LivingMatters"] = "true";
        server.UseKestrel(0);
        server.StartServer();
        await server.Services.GetRequiredService<LivingDemo>().Ready.WaitAsync(TimeSpan.FromMinutes(4));

        var watch = Stopwatch.StartNew();
        var users = new Dictionary<string, HttpClient>();
        foreach (var user in new[] { "admin", "drafter", "drafthead", "reviewer", "secretary", "chief", "expert" })
        {
            users[user] = await PatientClientAsync(server, user);
        }
        var ids = await IdsAsync(server);
        using var anonymous = server.CreateAnonymousClient();
        using var documentResponse = await anonymous.GetAsync("/swagger/v1/swagger.json").ExpectAsync(HttpStatusCode.OK, server);
        var document = await documentResponse.ReadJsonAsync();
        var fuzz = new Fuzzer(document, ids);
        var counter = new RowCounter(server);

        var failures = new List<string>();
        var sent = 0;
        var operations = 0;
        var rotation = 0;
        foreach (var (path, item) in document.GetProperty("paths").EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            foreach (var (method, operation) in item.EnumerateObject().Select(o => (o.Name.ToUpperInvariant(), o.Value)))
            {
                if (Skipped.Contains($"{method} {path}"))
                {
                    continue;
                }
                operations++;
                foreach (var variant in fuzz.Variants(method, path, operation))
                {
                    var who = path.StartsWith("/api/admin", StringComparison.Ordinal) ? "admin" : users.Keys.ElementAt(rotation++ % users.Count);
                    var before = method == "GET" ? null : await counter.CountAsync();
                    using var request = variant.Build();
                    // The body only after the server agrees: a request refused by its query or route is answered before the body is on the wire.
                    request.Headers.ExpectContinue = request.Content is not null;
                    var what = $"{method} {path} [{variant.Kind}] as {who}";
                    HttpResponseMessage answered;
                    try
                    {
                        answered = await users[who].SendAsync(request);
                    }
                    catch (HttpRequestException e)
                    {
                        // Still a failure, but named: which request the connection broke on.
                        failures.Add($"{what}: no answer ({e.InnerException?.Message ?? e.Message})");
                        continue;
                    }
                    using var response = answered;
                    sent++;
                    var status = (int)response.StatusCode;
                    var body = status >= 400 ? await response.Content.ReadAsStringAsync() : "";
                    what = $"{what}: {status}";
                    if (status >= 500)
                    {
                        failures.Add($"{what} {Short(body)}");
                    }
                    else if (variant.Expect == Expect.InputRule && !RuleRefusals.Contains(status))
                    {
                        failures.Add($"{what}, expected the input rules' 400: {Short(body)}");
                    }
                    else if (variant.Expect == Expect.Refused && (status is < 400 or 409))
                    {
                        failures.Add($"{what}, expected a refusal that is not 'retry': {Short(body)}");
                    }
                    if (status >= 400 && before is not null && await counter.CountAsync() is var after && !after.SequenceEqual(before))
                    {
                        failures.Add($"{what} refused but wrote: " + string.Join(", ", before.Zip(after).Where(p => p.First.Value != p.Second.Value).Select(p => $"{p.First.Key} {p.First.Value}→{p.Second.Value}")));
                    }
                }
            }
        }
        foreach (var client in users.Values)
        {
            client.Dispose();
        }
        output.WriteLine($"{provider}: {operations} operations, {sent} malformed requests in {watch.Elapsed.TotalSeconds:F1} s, {failures.Count} failures");
        Assert.True(operations > 100, $"only {operations} operations in the OpenAPI document: the walk did not find them");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures) + server.DescribeServerLog());
    }

    /// <summary>
    /// A client signed in as <paramref name="user"/> that waits for the server's answer to <c>Expect: 100-continue</c>
    /// before it sends a body. The default client waits 1 s and then sends the body anyway: on a loaded machine a
    /// server that is about to refuse the request (a 413 for the huge variant, a 404 for its route) had not answered yet,
    /// the client was still writing when the server answered and closed, and the walk failed with a broken pipe that
    /// says nothing about the server (seen once in CI). With the wait, the body goes only after the server agrees.
    /// </summary>
    private static async Task<HttpClient> PatientClientAsync(ServerFactory server, string user)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(), AllowAutoRedirect = false, Expect100ContinueTimeout = TimeSpan.FromSeconds(60),
        })
        {
            BaseAddress = server.Options(handleCookies: true).BaseAddress,
        };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = DemoData.Password });
        await login.ExpectAsync(HttpStatusCode.OK, server);
        return client;
    }

    private static string Short(string text) => text.Length > 400 ? text[..400] + "…" : text;

    /// <summary>Real ids of the demo's rows by the route segment that names them, so requests reach the handlers.</summary>
    private static Task<Dictionary<string, List<string>>> IdsAsync(ServerFactory server) => server.WithDatabaseAsync(async db =>
    {
        var matters = await db.Matters.Select(m => m.Id.ToString()).ToListAsync();
        return new Dictionary<string, List<string>>
        {
            ["matters"] = matters,
            ["instances"] = matters,
            ["tasks"] = await db.Tasks.Select(t => t.Id.ToString()).ToListAsync(),
            ["consultations"] = await db.Set<Consultation>().Select(c => c.Id.ToString()).ToListAsync(),
            ["hearings"] = await db.Set<Hearing>().Select(h => h.Id.ToString()).ToListAsync(),
            ["meetings"] = await db.Set<Meeting>().Select(m => m.Id.ToString()).ToListAsync(),
            ["organizations"] = await db.Organizations.Select(o => o.Id).ToListAsync(),
            ["users"] = await db.Users.Select(u => u.Id).ToListAsync(),
        };
    });

    /// <summary>Every table's row count, one query: what a refused write must leave as it was.</summary>
    private sealed class RowCounter(ServerFactory server)
    {
        private string? _sql;

        public Task<List<KeyValuePair<string, long>>> CountAsync() => server.WithDatabaseAsync(async db =>
        {
            _sql ??= string.Join(" UNION ALL ", db.Model.GetEntityTypes()
                .Where(t => t.GetTableName() is not null && t.GetViewName() is null)
                .Select(t => t.GetSchema() is { } schema ? $"\"{schema}\".\"{t.GetTableName()}\"" : $"\"{t.GetTableName()}\"").Distinct()
                .Select(t => $"SELECT '{t.Replace("\"", "", StringComparison.Ordinal)}', COUNT(*) FROM {t}"));
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _sql;
                await using var reader = await command.ExecuteReaderAsync();
                var counts = new List<KeyValuePair<string, long>>();
                while (await reader.ReadAsync())
                {
                    counts.Add(new(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
                }
                counts.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                return counts;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    /// <summary>One malformed request: what kind, how it must be answered, and how to build it.</summary>
    private sealed record Variant(string Kind, Expect Expect, Func<HttpRequestMessage> Build);

    /// <summary>Builds the malformed requests of an operation from its parameters and request body schema.</summary>
    private sealed class Fuzzer(JsonElement document, Dictionary<string, List<string>> ids)
    {
        private readonly JsonElement _schemas = document.GetProperty("components").TryGetProperty("schemas", out var s) ? s : default;
        private int _pick;

        public IEnumerable<Variant> Variants(string method, string path, JsonElement operation)
        {
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var route = parameters.Where(x => x.GetProperty("in").GetString() == "path").ToList();
            var query = parameters.Where(x => x.GetProperty("in").GetString() == "query").ToList();
            JsonElement? body = null;
            string? mediaType = null;
            if (operation.TryGetProperty("requestBody", out var requestBody) && requestBody.TryGetProperty("content", out var content))
            {
                foreach (var media in content.EnumerateObject())
                {
                    if (media.Name.Contains("json", StringComparison.Ordinal) || media.Name == "multipart/form-data")
                    {
                        mediaType = media.Name;
                        body = media.Value.TryGetProperty("schema", out var found) ? found : default(JsonElement);
                        break;
                    }
                }
            }
            // Real ids in the route, so the body and query variants reach the handler.
            var values = route.ToDictionary(r => r.GetProperty("name").GetString()!, r => RouteValue(path, r));
            string Url(IReadOnlyDictionary<string, string> routeValues, string? queryString)
            {
                var url = routeValues.Aggregate(path, (u, v) => u.Replace("{" + v.Key + "}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal));
                return queryString is null ? url : url + "?" + queryString;
            }
            var validQuery = query.Count == 0 ? null : string.Join("&", query.Select(q => $"{q.GetProperty("name").GetString()}={Uri.EscapeDataString(Sample(q.GetProperty("schema"), "x"))}"));

            foreach (var r in route.Where(r => IsText(r.GetProperty("schema"))))
            {
                var name = r.GetProperty("name").GetString()!;
                yield return new Variant($"route {name} NUL", Expect.InputRule, () => Request(method, Url(new Dictionary<string, string>(values) { [name] = Nul }, validQuery), null));
                yield return new Variant($"route {name} huge", Expect.Anything, () => Request(method, Url(new Dictionary<string, string>(values) { [name] = new string('x', 5000) }, validQuery), null));
            }
            if (query.Count > 0)
            {
                string Query(Func<JsonElement, string> value) => string.Join("&", query.Select(q => $"{q.GetProperty("name").GetString()}={Uri.EscapeDataString(value(q.GetProperty("schema")))}"));
                yield return new Variant("query NUL", Expect.InputRule, () => Request(method, Url(values, Query(_ => Nul)), BodyFor(mediaType, body)));
                // As long as fits in Kestrel's request line (8 KB): a longer line is refused with 414 before the application
                // sees it, and Kestrel closes while the client may still be writing the head (a broken pipe in CI).
                var hugeQueryValue = new string('字', HugeQueryLength / query.Count);
                yield return new Variant("query huge", Expect.Anything, () => Request(method, Url(values, Query(_ => hugeQueryValue)), BodyFor(mediaType, body)));
                yield return new Variant("query wrong type", Expect.Anything, () => Request(method, Url(values, Query(s => IsText(s) ? "x" : "not-a-number")), BodyFor(mediaType, body)));
                if (query.Any(q => IsDate(q.GetProperty("schema"))))
                {
                    yield return new Variant("query date 9999", Expect.InputRule, () => Request(method, Url(values, Query(s => IsDate(s) ? OutOfRange : Sample(s, "x"))), BodyFor(mediaType, body)));
                }
            }
            if (body is { } schema && mediaType is not null)
            {
                var url = Url(values, validQuery);
                if (mediaType == "multipart/form-data")
                {
                    yield return new Variant("form NUL", Expect.InputRule, () => Request(method, url, Form(Nul)));
                    yield break;
                }
                var hasText = Walk(schema, 0).Any(IsText);
                yield return new Variant("invalid JSON", Expect.Refused, () => Raw(method, url, "{\"title\": \"未完"));
                yield return new Variant("wrong root type", Expect.Refused, () => Raw(method, url, Resolve(schema).TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "array" ? "{\"a\":1}" : "[1, \"x\"]"));
                yield return new Variant("wrong field types", Walk(schema, 0).Skip(1).Any(x => TypeOf(x) is "string" or "integer" or "number" or "boolean") ? Expect.Refused : Expect.Anything, () => Raw(method, url, Json(schema, "wrong-type", 0)));
                if (hasText)
                {
                    yield return new Variant("body NUL", Expect.InputRule, () => Raw(method, url, Json(schema, "nul", 0)));
                    yield return new Variant("body lone surrogate", Expect.InputRule, () => Raw(method, url, Json(schema, "surrogate", 0)));
                    yield return new Variant("body huge", Expect.Anything, () => Raw(method, url, Json(schema, "huge", 0)));
                }
                if (Walk(schema, 0).Any(IsDate))
                {
                    yield return new Variant("body date 9999", Expect.InputRule, () => Raw(method, url, Json(schema, "date", 0)));
                }
            }
        }

        private string RouteValue(string path, JsonElement parameter)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var schema = parameter.GetProperty("schema");
            var segments = path.Split('/');
            var at = Array.IndexOf(segments, "{" + name + "}");
            var owner = at > 0 ? segments[at - 1] : "";
            var key = name.EndsWith("Id", StringComparison.Ordinal) && name != "id" ? name[..^2] + "s" : owner;
            if (ids.TryGetValue(key, out var known) && known.Count > 0)
            {
                return known[_pick++ % known.Count];
            }
            return Sample(schema, "demo-county");
        }

        private static HttpRequestMessage Request(string method, string url, HttpContent? content) =>
            new(new HttpMethod(method), url) { Content = content };

        private static HttpRequestMessage Raw(string method, string url, string json) =>
            new(new HttpMethod(method), url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        private HttpContent? BodyFor(string? mediaType, JsonElement? schema) =>
            mediaType is null || schema is null ? null
            : mediaType == "multipart/form-data" ? Form("x")
            : new StringContent(Json(schema.Value, "valid", 0), Encoding.UTF8, "application/json");

        private static MultipartFormDataContent Form(string text)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(text), "kind" },
                { new StringContent(text), "title" },
            };
            var file = new ByteArrayContent("%PDF-1.4\n"u8.ToArray());
            file.Headers.ContentType = new("application/pdf");
            form.Add(file, "file", "材料.pdf");
            return form;
        }

        /// <summary>A JSON body shaped by <paramref name="schema"/> whose values are all of one malformed kind.</summary>
        private string Json(JsonElement schema, string kind, int depth)
        {
            schema = Resolve(schema);
            if (depth > 6)
            {
                return "null";
            }
            var type = TypeOf(schema);
            if (schema.TryGetProperty("enum", out var values) && kind is "valid" or "date" or "huge")
            {
                return values.EnumerateArray().First().GetRawText();
            }
            switch (type)
            {
                case "object":
                    var fields = new List<string>();
                    if (schema.TryGetProperty("properties", out var properties))
                    {
                        fields.AddRange(properties.EnumerateObject().Select(p => JsonSerializer.Serialize(p.Name) + ":" + Json(p.Value, kind, depth + 1)));
                    }
                    if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                    {
                        fields.Add("\"key\":" + Json(additional, kind, depth + 1));
                    }
                    return "{" + string.Join(",", fields) + "}";
                case "array":
                    return "[" + (schema.TryGetProperty("items", out var items) ? Json(items, kind, depth + 1) : "\"x\"") + "]";
                case "integer":
                case "number":
                    return kind == "wrong-type" ? "\"many\"" : "1";
                case "boolean":
                    return kind == "wrong-type" ? "\"yes\"" : "true";
                case "string":
                    var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                    return (kind, format) switch
                    {
                        ("date", "date") => $"\"{OutOfRange}\"",
                        ("date", "date-time") => $"\"{OutOfRange}T09:00:00+08:00\"",
                        ("wrong-type", _) => "{\"nested\": [1]}",
                        (_, "uuid") => $"\"{Guid.NewGuid()}\"",
                        (_, "date") => "\"2026-12-28\"",
                        (_, "date-time") => "\"2026-12-28T09:00:00+08:00\"",
                        ("nul", _) => JsonSerializer.Serialize(Nul),
                        ("surrogate", _) => "\"意见\\ud800内容\"",
                        ("huge", _) => JsonSerializer.Serialize(new string('字', 100_000)),
                        _ => "\"x\"",
                    };
                default:
                    return kind == "wrong-type" ? "[]" : "\"x\"";
            }
        }

        /// <summary>Every schema reachable from <paramref name="schema"/> (itself, properties, items, dictionary values).</summary>
        private IEnumerable<JsonElement> Walk(JsonElement schema, int depth)
        {
            schema = Resolve(schema);
            yield return schema;
            if (depth > 6)
            {
                yield break;
            }
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var nested in properties.EnumerateObject().SelectMany(p => Walk(p.Value, depth + 1)))
                {
                    yield return nested;
                }
            }
            if (schema.TryGetProperty("items", out var items))
            {
                foreach (var nested in Walk(items, depth + 1))
                {
                    yield return nested;
                }
            }
            if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
            {
                foreach (var nested in Walk(additional, depth + 1))
                {
                    yield return nested;
                }
            }
        }

        private JsonElement Resolve(JsonElement schema)
        {
            for (var i = 0; i < 10 && schema.ValueKind == JsonValueKind.Object; i++)
            {
                if (schema.TryGetProperty("$ref", out var reference))
                {
                    schema = _schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
                }
                else if ((schema.TryGetProperty("allOf", out var all) || schema.TryGetProperty("oneOf", out all) || schema.TryGetProperty("anyOf", out all))
                    && all.EnumerateArray().FirstOrDefault(x => TypeOf(x) != "null") is { ValueKind: JsonValueKind.Object } first)
                {
                    schema = first;
                }
                else
                {
                    break;
                }
            }
            return schema;
        }

        private static string? TypeOf(JsonElement schema) =>
            !schema.TryGetProperty("type", out var type) ? (schema.TryGetProperty("properties", out _) ? "object" : null)
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();

        private bool IsText(JsonElement schema)
        {
            schema = Resolve(schema);
            return TypeOf(schema) == "string" && !schema.TryGetProperty("enum", out _)
                && (!schema.TryGetProperty("format", out var format) || format.GetString() is not ("uuid" or "date" or "date-time" or "binary"));
        }

        private bool IsDate(JsonElement schema)
        {
            schema = Resolve(schema);
            return TypeOf(schema) == "string" && schema.TryGetProperty("format", out var format) && format.GetString() is "date" or "date-time";
        }

        private string Sample(JsonElement schema, string text)
        {
            schema = Resolve(schema);
            return TypeOf(schema) switch
            {
                "integer" or "number" => "1",
                "boolean" => "true",
                "string" when schema.TryGetProperty("format", out var f) && f.GetString() == "uuid" => Guid.NewGuid().ToString(),
                "string" when schema.TryGetProperty("format", out var f) && f.GetString() == "date" => "2026-12-28",
                "string" when schema.TryGetProperty("format", out var f) && f.GetString() == "date-time" => "2026-12-28T09:00:00+08:00",
                "string" when schema.TryGetProperty("enum", out var e) => e.EnumerateArray().First().GetString() ?? text,
                _ => text,
            };
        }
    }
}
