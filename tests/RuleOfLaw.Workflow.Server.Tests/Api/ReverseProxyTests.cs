using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Behind a reverse proxy (issue 16 item 1), on real Kestrel so the connection has a real address (the loopback):
/// forwarded headers count only from a configured proxy; then each citizen has their own rate-limit bucket and the
/// session cookie is Secure for HTTPS ended at the proxy. From any other address the headers are ignored.
/// The forwarded addresses are documentation addresses (RFC 5737) written into a header, never contacted.
/// </summary>
public sealed class ReverseProxyTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Through_a_trusted_proxy_100_clients_send_10_comments_each_and_all_are_accepted(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: s =>
        {
            s.UseKestrel(0);
            s.Settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
            s.Settings["ReverseProxy:KnownProxies:1"] = "::1";
            s.Settings["Participation:PublicComments:PermitLimit"] = "10";
            s.Settings["Participation:PublicComments:WindowSeconds"] = "600";
        });
        using var driver = new ProcedureDriver(server);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);
        using var proxy = server.CreateAnonymousClient();

        var clients = Enumerable.Range(0, 100).Select(i => $"198.51.100.{i + 1}").ToList();
        var statuses = new List<HttpStatusCode>();
        foreach (var batch in clients.Chunk(10))
        {
            statuses.AddRange(await Task.WhenAll(batch.SelectMany(client => Enumerable.Range(1, 10).Select(n => SendAsync(proxy, consultation.Id, client, $"{client}的第{n}条意见")))));
        }
        Assert.Equal(1000, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(1000, await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync()));

        // Each client has its own bucket: the eleventh from one client is limited, another client is not.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync(proxy, consultation.Id, clients[0], "第十一条"));
        Assert.Equal(HttpStatusCode.Created, await SendAsync(proxy, consultation.Id, "203.0.113.7", "另一位公众的意见"));

        // HTTPS ended at the trusted proxy: the session cookie is Secure; plain HTTP gets no Secure flag.
        Assert.Contains("secure", await SignInCookieAsync(proxy, "https"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SignInCookieAsync(proxy, null), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_client_spoofing_forwarded_headers_from_an_untrusted_address_is_limited_as_itself(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: s =>
        {
            s.UseKestrel(0);
            // A proxy elsewhere is trusted; the loopback the test connects from is not (nor is anything by default).
            s.Settings["ReverseProxy:KnownProxies:0"] = "192.0.2.10";
            s.Settings["Participation:PublicComments:PermitLimit"] = "10";
            s.Settings["Participation:PublicComments:WindowSeconds"] = "600";
        });
        using var driver = new ProcedureDriver(server);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);
        using var client = server.CreateAnonymousClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 12; i++)
        {
            statuses.Add(await SendAsync(client, consultation.Id, $"198.51.100.{i}", $"伪造地址的第{i}条意见"));
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
        Assert.Equal(10, await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync()));
        // Nor does a forged X-Forwarded-Proto make the cookie Secure.
        Assert.DoesNotContain("secure", await SignInCookieAsync(client, "https"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_per_consultation_cap_limits_all_clients_together_with_a_clear_429(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: s =>
        {
            s.UseKestrel(0);
            s.Settings["ReverseProxy:KnownNetworks:0"] = "127.0.0.0/8";
            s.Settings["ReverseProxy:KnownNetworks:1"] = "::1/128";
            s.Settings["Participation:PublicComments:PerConsultationLimit"] = "5";
            s.Settings["Participation:PublicComments:PerConsultationWindowSeconds"] = "600";
        });
        using var driver = new ProcedureDriver(server);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);
        using var proxy = server.CreateAnonymousClient();
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await SendAsync(proxy, consultation.Id, $"198.51.100.{i}", $"第{i}条"));
        }
        using var request = Comment(consultation.Id, "198.51.100.99", "第六条");
        using var limited = await proxy.SendAsync(request);
        var problem = await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate-limited", problem.Code);
        Assert.Contains("本次征求意见", problem.Detail);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(5, await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync()));
    }

    private static HttpRequestMessage Comment(Guid consultationId, string forwardedFor, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/consultations/{consultationId}/comments")
        {
            Content = JsonContent(new { submitterType = "anonymous", text }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, Guid consultationId, string forwardedFor, string text)
    {
        using var request = Comment(consultationId, forwardedFor, text);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> SignInCookieAsync(HttpClient client, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent(new { userName = "drafter", password = DemoData.Password }) };
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("rolw.session=", StringComparison.Ordinal));
    }
}
