using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>An RFC 9457 problem response as the client sees it: status, the stable <c>code</c>, the <c>article</c> if any.</summary>
public sealed record ProblemBody(int Status, string? Code, string? Title, string? Detail, string? Article, JsonElement Json)
{
    public JsonElement? Errors => Json.TryGetProperty("errors", out var errors) ? errors : null;

    public override string ToString() => Json.GetRawText();
}

/// <summary>Small helpers for talking JSON to the API and asserting on its answers with useful failure messages.</summary>
public static class ApiHttp
{
    public const string ProblemMediaType = "application/problem+json";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: ApiJson.Options) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string mediaType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, mediaType));

    /// <summary>
    /// Posts with <c>Expect: 100-continue</c>: the client sends the body only after the server agrees, so a server
    /// that refuses by the Content-Length (413) answers before the body is on the wire, instead of closing the
    /// connection under a client that is still writing (which fails the request with a broken pipe, at random).
    /// </summary>
    public static Task<HttpResponseMessage> PostExpectingContinueAsync(this HttpClient client, string url, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        return client.SendAsync(request);
    }

    /// <summary>Fails with the response body (and what the server logged) unless the status is <paramref name="expected"/>.</summary>
    public static async Task<HttpResponseMessage> ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected, ServerFactory? server = null)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected} {expected}, " +
                $"got {(int)response.StatusCode} {response.StatusCode}: {body}{server?.DescribeServerLog()}");
        }
        return response;
    }

    public static async Task<HttpResponseMessage> ExpectAsync(this Task<HttpResponseMessage> response, HttpStatusCode expected, ServerFactory? server = null) =>
        await (await response).ExpectAsync(expected, server);

    /// <summary>Expects <paramref name="expected"/> and reads the body as <typeparamref name="T"/>.</summary>
    public static async Task<T> ExpectAsync<T>(this Task<HttpResponseMessage> response, HttpStatusCode expected, ServerFactory? server = null)
    {
        using var message = await response;
        await message.ExpectAsync(expected, server);
        return await message.ReadAsync<T>();
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<T>(text, ApiJson.Options)
            ?? throw new InvalidOperationException($"The response body is not a {typeof(T).Name}: {text}");
    }

    public static async Task<T> ReadAsync<T>(this Task<HttpResponseMessage> response)
    {
        using var message = await response;
        return await message.ReadAsync<T>();
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The response as a problem; fails unless it is one with the expected status and a <c>code</c>.</summary>
    public static async Task<ProblemBody> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == ProblemMediaType,
            $"expected {ProblemMediaType}, got '{response.Content.Headers.ContentType}': {text}");
        using var document = JsonDocument.Parse(text);
        var json = document.RootElement.Clone();
        string? Text(string name) => json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        Assert.True(json.TryGetProperty("status", out var status) && status.GetInt32() == (int)expected, $"problem status does not match: {text}");
        var problem = new ProblemBody(status.GetInt32(), Text("code"), Text("title"), Text("detail"), Text("article"), json);
        Assert.False(string.IsNullOrEmpty(problem.Code), $"a problem without a 'code': {text}");
        return problem;
    }

    public static async Task<ProblemBody> ReadProblemAsync(this Task<HttpResponseMessage> response, HttpStatusCode expected)
    {
        using var message = await response;
        return await message.ReadProblemAsync(expected);
    }
}
