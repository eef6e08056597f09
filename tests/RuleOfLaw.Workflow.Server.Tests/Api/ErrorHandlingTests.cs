using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Tasks;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Bad input gets a ProblemDetails answer with a stable code that says what is wrong, and changes nothing. The tests on
/// the in-memory server share one per provider with other classes (<see cref="SharedServers"/>): each counts the
/// matters before it starts and checks that a refusal added none.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class ErrorHandlingTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Malformed_json_is_a_400_invalid_request(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        var matters = await MattersAsync(server);
        using var client = await server.SignInAsync("drafter");

        foreach (var body in new[] { "{\"title\": ", "{\"title\": \"x\",, }", "not json", "[1, 2]", "{\"title\": 42}" })
        {
            var problem = await client.PostRawAsync("/api/matters", body).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.Code == "invalid-request", $"{body}: {problem}");
            Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        }
        var empty = await client.PostRawAsync("/api/matters", "").ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid-request", empty.Code);
        Assert.Equal(matters, await MattersAsync(server));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_matter_without_a_title_is_refused_naming_the_field(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        var matters = await MattersAsync(server);
        using var client = await server.SignInAsync("drafter");

        foreach (var body in new object[] { new { summary = "没有标题" }, new { title = "" }, new { title = new string('长', 201) } })
        {
            // The request's own validation (required, at most 200 characters): 400, the field named.
            var problem = await client.PostJsonAsync("/api/matters", body).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.Code == "validation-failed", $"{JsonSerializer.Serialize(body)}: {problem}");
            Assert.Equal(["title"], problem.Errors!.Value.EnumerateObject().Select(e => e.Name.ToLowerInvariant()));
        }
        Assert.Equal(matters, await MattersAsync(server));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Unknown_attributes_and_categories_are_422_with_the_allowed_values(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        var matters = await MattersAsync(server);
        using var client = await server.SignInAsync("drafter");

        var attribute = await client.PostJsonAsync("/api/matters", new { title = "事项", attributes = new Dictionary<string, bool> { ["technicl"] = true } })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-attribute", attribute.Code);
        Assert.Contains("technicl", attribute.Detail);
        Assert.Contains("technical", attribute.Errors!.Value.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()));

        var category = await client.PostJsonAsync("/api/matters", new { title = "事项", category = "misc" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-category", category.Code);

        var scope = await client.PostJsonAsync("/api/matters", new { title = "事项", assignments = new Dictionary<string, string> { ["expert-pool"] = "no-such-org" } })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("assignment-unresolved", scope.Code);
        Assert.Equal(matters, await MattersAsync(server));

        // Only a drafting unit creates matters (art. 10), and only for itself.
        using var reviewer = await server.SignInAsync("reviewer");
        var forbidden = await reviewer.PostJsonAsync("/api/matters", new { title = "事项" }).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", forbidden.Code);
        Assert.Equal("第十条", forbidden.Article);
        var otherUnit = await client.PostJsonAsync("/api/matters", new { title = "事项", draftingUnitId = "demo-county-justice" }).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("第十条", otherUnit.Article);
        Assert.Equal(matters, await MattersAsync(server));
    }

    /// <summary>Art. 10: the drafting unit carries the matter, so the chief executive, who sees it, still may not start it.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Only_the_drafting_unit_starts_the_procedure_and_a_refused_start_starts_nothing(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await driver.CreateMatterAsync();
        using var chief = await server.SignInAsync("chief");
        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync($"/api/matters/{matter.Id}")).StatusCode);

        var refused = await chief.PostJsonAsync("/api/instances", new { matterId = matter.Id }).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", refused.Code);
        Assert.Equal("第十条", refused.Article);
        Assert.Contains("只有承办单位的经办人或负责人可以启动决策程序", refused.Detail);
        Assert.Equal("not-found", (await chief.GetAsync($"/api/instances/{matter.Id}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);

        using var drafter = await server.SignInAsync("drafter");
        var started = await drafter.PostJsonAsync("/api/instances", new { matterId = matter.Id }).ExpectAsync<InstanceView>(HttpStatusCode.Created, server);
        Assert.Equal(matter.Id, started.Id);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Overlong_comments_data_and_keys_are_refused_and_change_nothing(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = Assert.Single(instance.OpenTasks);
        var drafter = await driver.As("drafter");

        using (var response = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", new string('评', CompleteTaskRequest.MaxCommentLength + 1)))
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("validation-failed", problem.Code);
            Assert.Equal(["comment"], problem.Errors!.Value.EnumerateObject().Select(e => e.Name.ToLowerInvariant()));
        }

        var data = new Dictionary<string, string> { ["blob"] = new('x', CompleteTaskRequest.MaxDataLength) };
        var tooMuchData = await drafter.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "draft-prepared", data })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("data-too-large", tooMuchData.Code);

        var longKey = await drafter.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "draft-prepared" }, new string('k', 101))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-idempotency-key", longKey.Code);

        var noOutcome = await drafter.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { comment = "没有结果" }).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", noOutcome.Code);
        Assert.Equal(["outcome"], noOutcome.Errors!.Value.EnumerateObject().Select(e => e.Name.ToLowerInvariant()));

        var after = await driver.GetInstanceAsync(instance.Id);
        Assert.Equal(instance.JournalEntries, after.JournalEntries);
        Assert.Equal(task.Id, Assert.Single(after.OpenTasks).Id);

        // The exact limit is accepted.
        instance = await drafter.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "draft-prepared", comment = new string('评', CompleteTaskRequest.MaxCommentLength) })
            .ExpectAsync<RuleOfLaw.Workflow.Server.Instances.InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(CompleteTaskRequest.MaxCommentLength, (await driver.JournalAsync(instance.Id)).Single(e => e.Type == "TaskCompleted").Comment!.Length);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Bad_sign_in_and_token_requests_are_400_naming_the_field(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var anonymous = server.CreateAnonymousClient();
        Assert.Equal("invalid-request", (await anonymous.PostRawAsync("/api/auth/login", "{\"userName\": ").ReadProblemAsync(HttpStatusCode.BadRequest)).Code);

        using var client = await server.SignInAsync("drafter");
        // The drafter's tokens from other tests on the shared server: the refusals add none.
        var tokens = await client.GetAsync("/api/tokens")
            .ExpectAsync<List<RuleOfLaw.Workflow.Server.Auth.TokenView>>(HttpStatusCode.OK, server);
        foreach (var (body, field) in new (object, string)[] { (new { name = "x", expiresInDays = 0 }, "expiresindays"), (new { name = "x", expiresInDays = 5000 }, "expiresindays"), (new { expiresInDays = 1 }, "name") })
        {
            var problem = await client.PostJsonAsync("/api/tokens", body).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.Code == "validation-failed", $"{JsonSerializer.Serialize(body)}: {problem}");
            Assert.Equal([field], problem.Errors!.Value.EnumerateObject().Select(e => e.Name.ToLowerInvariant()));
        }
        var after = await client.GetAsync("/api/tokens")
            .ExpectAsync<List<RuleOfLaw.Workflow.Server.Auth.TokenView>>(HttpStatusCode.OK, server);
        Assert.Equal(tokens.OrderBy(t => t.Id), after.OrderBy(t => t.Id));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Framework_errors_are_problems_with_a_code_too(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var client = await server.SignInAsync("drafter");

        Assert.Equal("not-found", (await client.GetAsync("/api/no-such-thing").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync($"/api/matters/{Guid.NewGuid()}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync($"/api/instances/{Guid.NewGuid()}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync($"/api/tasks/{Guid.NewGuid()}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.PostJsonAsync("/api/instances", new { matterId = Guid.NewGuid() }).ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("method-not-allowed", (await client.DeleteAsync("/api/matters").ReadProblemAsync(HttpStatusCode.MethodNotAllowed)).Code);
        var text = await client.PostAsync("/api/matters", new StringContent("title=x", Encoding.UTF8, "text/plain")).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported-media-type", text.Code);
        Assert.Equal("invalid-paging", (await client.GetAsync("/api/matters?pageSize=0").ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("invalid-status", (await client.GetAsync("/api/tasks/mine?status=late").ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("invalid-request", (await client.GetAsync("/api/matters?page=abc").ReadProblemAsync(HttpStatusCode.BadRequest)).Code);
    }

    /// <summary>
    /// The query, preference, key and form refusals of the server-wide endpoints (issue 19's list of codes no test had
    /// asserted): each a 422 with its code, in zh-CN without Accept-Language, and nothing changes.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Out_of_range_queries_unknown_values_and_unreadable_forms_are_422s_with_their_codes(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var admin = await server.SignInAsync("admin");
        using var drafter = await server.SignInAsync("drafter");

        var outbox = await admin.GetAsync("/api/admin/outbox?limit=0").ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("invalid-query", "limit 须在1到5000之间。"), (outbox.Code, outbox.Detail));
        var deadlines = await admin.GetAsync("/api/admin/deadlines?days=0").ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-query", deadlines.Code);

        var keys = server.Services.GetRequiredService<KeyRing>();
        var current = KeyRing.Purposes.Select(p => keys.Current(p).Id).ToList();
        var purpose = await admin.PostJsonAsync("/api/admin/keys/no-such-purpose/rotate", new { }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-key-purpose", purpose.Code);
        Assert.Contains("no-such-purpose", purpose.Detail);
        Assert.Equal(current, KeyRing.Purposes.Select(p => keys.Current(p).Id).ToList());

        var preference = await drafter.PutAsJsonAsync("/api/mail/preference", new { delivery = "hourly" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-mail-preference", preference.Code);

        // A multipart body whose boundary never closes: the form cannot be read.
        using var driver = new ProcedureDriver(server);
        var matter = Guid.Parse((await driver.StartNewAsync()).MatterId);
        var documents = await server.WithDatabaseAsync(db => db.Set<MatterDocument>().CountAsync());
        var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nx", Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var form = await drafter.PostAsync($"/api/matters/{matter}/documents", broken).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-form", form.Code);
        Assert.Equal(documents, await server.WithDatabaseAsync(db => db.Set<MatterDocument>().CountAsync()));
    }

    /// <summary>
    /// The 2 MB request limit is Kestrel's (Program.cs configures it on Kestrel), so this test runs the server on real
    /// Kestrel instead of the in-memory test server, which has no body limit.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_body_over_two_megabytes_is_a_413(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: factory => factory.UseKestrel(0));
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = Assert.Single(instance.OpenTasks);
        var drafter = await driver.As("drafter");
        var large = new string('x', 2 * 1024 * 1024 + 1);

        // docs/api.md: request-too-large (the exception handler) or http-413 (Kestrel rejected it before a handler read it).
        string[] tooLarge = ["request-too-large", "http-413"];
        var matter = await drafter.PostExpectingContinueAsync("/api/matters", $"{{\"title\": \"大请求\", \"summary\": \"{large}\"}}").ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(matter.Code, tooLarge);

        var completion = await drafter.PostExpectingContinueAsync($"/api/tasks/{task.Id}/complete", $"{{\"outcome\": \"draft-prepared\", \"comment\": \"{large}\"}}")
            .ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(completion.Code, tooLarge);

        var definition = await drafter.PostExpectingContinueAsync("/api/definitions/validate", large).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(definition.Code, tooLarge.Append("definition-too-large"));

        // Just under the limit is read (and refused for what it says, not for its size).
        var under = await drafter.PostRawAsync("/api/matters", $"{{\"title\": \"大请求\", \"summary\": \"{large[..(1024 * 1024)]}\"}}");
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, under.StatusCode);
        Assert.Equal(instance.JournalEntries, (await driver.GetInstanceAsync(instance.Id)).JournalEntries);
    }

    private static Task<int> MattersAsync(ServerFactory server) => server.WithDatabaseAsync(db => db.Matters.CountAsync());
}
