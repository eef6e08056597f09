using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Participation;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>
/// Issue 18 items 1 and 4 end to end: two server processes behind nginx (round-robin, no sticky sessions) on one
/// PostgreSQL database. Each test looks at nginx's <c>X-Upstream</c> to be sure a session or form token made on one
/// node was used on the other, not merely that requests succeeded.
/// </summary>
[Collection(ProxiedClusterCollection.Name)]
public sealed partial class ProxiedClusterTests(ProxiedCluster cluster)
{
    [NginxFact]
    public async Task Signed_in_on_one_server_a_user_acts_on_the_other()
    {
        using var client = cluster.Client(cookies: true);
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "drafter", password = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var signedInOn = ProxiedCluster.Upstream(login);

        // Until a matter was created through the other node: nginx alternates, but on a loaded machine it may leave a node
        // out for a while (max_fails, fail_timeout), so the test waits for the event, not for a fixed number of requests.
        var actedOn = new List<string>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        for (var i = 0; !actedOn.Any(u => u != signedInOn); i++)
        {
            Assert.True(DateTime.UtcNow < deadline, $"within a minute, {i} matters were all created through {signedInOn}: nginx does not alternate{cluster.Describe()}");
            using var created = await client.PostAsJsonAsync("/api/matters", new { title = $"跨节点事项{i}", category = "public-policy" });
            Assert.True(created.StatusCode == HttpStatusCode.Created,
                $"creating a matter through {ProxiedCluster.Upstream(created)} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}{cluster.Describe()}");
            actedOn.Add(ProxiedCluster.Upstream(created));
        }
        Assert.Contains(actedOn, u => u != signedInOn);
        Assert.Equal(cluster.Nodes.Select(n => n.Upstream).Order(), actedOn.Append(signedInOn).Distinct().Order());
    }

    [NginxFact]
    public async Task A_pages_form_token_from_one_server_is_accepted_by_the_other()
    {
        // A browser: the sign-in page (its antiforgery cookie and hidden token) from one node, the form posted to the next.
        // Tried until a pair lands on two nodes (a bounded wait for that event, not a fixed number of pairs).
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            using var browser = cluster.Client(cookies: true);
            using var page = await browser.GetAsync("/account/login");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var token = TokenField().Match(await page.Content.ReadAsStringAsync());
            Assert.True(token.Success, "the sign-in page has no antiforgery token");
            using var posted = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["UserName"] = "drafter",
                ["Password"] = DemoData.Password,
            }));
            if (ProxiedCluster.Upstream(posted) == ProxiedCluster.Upstream(page))
            {
                continue; // another client's request came between: try again until the post lands on the other node
            }
            // Signed in (a redirect with the session cookie), not 400 for a token the node could not read.
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect,
                $"form from {ProxiedCluster.Upstream(page)} posted to {ProxiedCluster.Upstream(posted)} answered {(int)posted.StatusCode}{cluster.Describe()}");
            Assert.Contains(posted.Headers.GetValues("Set-Cookie"), c => c.StartsWith("rolw.session=", StringComparison.Ordinal));
            return;
        }
        Assert.Fail($"within a minute, every page/post pair landed on one node: nginx is not alternating{cluster.Describe()}");
    }

    [NginxFact]
    public async Task A_comment_is_accepted_through_either_server()
    {
        using var client = cluster.Client();
        var receipts = new List<(string Upstream, CommentReceipt Receipt)>();
        // Until both nodes have answered (a bounded wait for that event: nginx may leave a node out for a while).
        var deadline = DateTime.UtcNow.AddMinutes(1);
        for (var i = 0; receipts.Select(r => r.Upstream).Distinct().Count() < 2; i++)
        {
            Assert.True(DateTime.UtcNow < deadline, $"within a minute, {i} comments were all answered by {string.Join(", ", receipts.Select(r => r.Upstream).Distinct())}: nginx does not alternate{cluster.Describe()}");
            using var response = await client.PostAsJsonAsync($"/api/public/consultations/{cluster.ConsultationId}/comments",
                new { submitterType = "anonymous", text = $"经由代理提交的第{i + 1}条意见。" });
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{cluster.Describe()}");
            receipts.Add((ProxiedCluster.Upstream(response), (await response.Content.ReadFromJsonAsync<CommentReceipt>())!));
        }
        Assert.Equal(2, receipts.Select(r => r.Upstream).Distinct().Count());
        var numbers = receipts.Select(r => r.Receipt.ReceiptNumber).ToList();
        var stored = await CountReceiptsAsync(numbers);
        Assert.Equal(numbers.Count, stored);
    }

    private Task<int> CountReceiptsAsync(IReadOnlyCollection<string> numbers) =>
        WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync(c => numbers.Contains(c.ReceiptNumber)));

    private async Task<T> WithDatabaseAsync<T>(Func<WorkflowDbContext, Task<T>> work)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(options, cluster.Database.Options, Path.GetTempPath());
        await using var db = new WorkflowDbContext(options.Options);
        return await work(db);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>The proxied cluster's tests share one cluster (two processes and nginx, started once) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ProxiedClusterCollection : ICollectionFixture<ProxiedCluster>
{
    public const string Name = "Proxied cluster";
}
