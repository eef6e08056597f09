using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Tasks;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// What a person scripting the API needs (issue 17 item 3): steps completed by id, English inbox titles, Location on
/// every create. Tests on their own matter or meetings share one server per database with other classes (<see
/// cref="SharedServers"/>) and read their own inbox items and count meetings against the start of the test; the audit,
/// which adds a service, starts its own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class ScriptingApiTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_step_is_completed_by_its_id_with_the_rules_and_idempotency_of_completing_by_task_id(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var drafter = await driver.As("drafter");
        var url = $"/api/matters/{instance.Id}/steps/public-participation/complete";

        // The guard still applies: no participation recorded yet, refused as by task id, nothing done.
        using var guardedResponse = await drafter.PostJsonAsync(url, new { outcome = "opinions-heard" });
        using var byTaskResponse = await driver.CompleteRawAsync("drafter", (await driver.OpenTaskAsync(instance.Id, "public-participation")).Id, "opinions-heard");
        Assert.True((int)guardedResponse.StatusCode >= 400, $"completing without participation answered {(int)guardedResponse.StatusCode}");
        Assert.Equal(byTaskResponse.StatusCode, guardedResponse.StatusCode);
        var guarded = await guardedResponse.ReadProblemAsync(guardedResponse.StatusCode);
        var byTask = await byTaskResponse.ReadProblemAsync(byTaskResponse.StatusCode);
        Assert.Equal(byTask.Code, guarded.Code);
        Assert.Equal(byTask.Article, guarded.Article);
        Assert.NotNull(guarded.Article);

        await driver.RecordForumAsync(instance.Id);
        using var first = await drafter.PostJsonAsync(url, new { outcome = "opinions-heard" }).ExpectAsync(HttpStatusCode.OK, server);
        var after = await first.ReadAsync<InstanceView>();
        Assert.Equal("opinion-consolidation", Assert.Single(after.OpenTasks).StepId);

        // A plain retry gets the first answer again and does not transition twice.
        using var retry = await drafter.PostJsonAsync(url, new { outcome = "opinions-heard" }).ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "TaskCompleted" && e.StepId == "public-participation");

        // Another's role: refused exactly as by task id (the opinion-consolidation task is the drafter's; the head may not).
        var head = await driver.As("drafthead");
        var notMine = await head.PostJsonAsync($"/api/matters/{instance.Id}/steps/opinion-consolidation/complete", new { outcome = "draft-finalised" })
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var notMineByTask = await driver.CompleteRawAsync("drafthead", (await driver.OpenTaskAsync(instance.Id, "opinion-consolidation")).Id, "draft-finalised")
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(notMineByTask.Code, notMine.Code);

        // A step with no task now, and a matter that does not exist.
        Assert.Equal("no-open-task", (await drafter.PostJsonAsync($"/api/matters/{instance.Id}/steps/legality-review/complete", new { outcome = "lawful" })
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        await drafter.PostJsonAsync($"/api/matters/{Guid.NewGuid()}/steps/initiation/complete", new { outcome = "draft-prepared" })
            .ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_inbox_names_each_step_in_english_too()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");

        var item = Assert.Single(await driver.InboxAsync("drafter", instance.Id));
        Assert.Equal(("public-participation", "公众参与", "Public participation"), (item.StepId, item.Title, item.TitleEn));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_meeting_created_twice_with_one_idempotency_key_is_one_meeting(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var secretary = await driver.As("secretary");
        var body = new { kind = "standing", date = driver.Today, decisionOrganId = "demo-county" };
        var before = await server.WithDatabaseAsync(db => Task.FromResult(db.Set<Meeting>().Count()));

        var first = await secretary.PostJsonAsync("/api/meetings", body, "double-click-1").ExpectAsync<MeetingView>(HttpStatusCode.Created, server);
        using var second = await secretary.PostJsonAsync("/api/meetings", body, "double-click-1").ExpectAsync(HttpStatusCode.Created, server);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Id, (await second.ReadAsync<MeetingView>()).Id);
        Assert.Equal($"/api/meetings/{first.Id}", second.Headers.Location?.OriginalString);
        // The same key for another meeting is refused; another key is another meeting.
        Assert.Equal("idempotency-key-reused", (await secretary.PostJsonAsync("/api/meetings", body with { kind = "plenary" }, "double-click-1")
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        await secretary.PostJsonAsync("/api/meetings", body, "another").ExpectAsync(HttpStatusCode.Created, server);
        Assert.Equal(before + 2, await server.WithDatabaseAsync(db => Task.FromResult(db.Set<Meeting>().Count())));
    }

    /// <summary>
    /// An audit: the server is watched while a matter goes from creation to its decision, publication and filing; every
    /// POST that answered 201 must carry a Location, and that address must answer a GET (as the same user) with 200.
    /// </summary>
    [Fact]
    public async Task Every_create_on_the_way_to_a_filed_decision_answers_201_with_a_location_that_answers()
    {
        var created = new ConcurrentQueue<(string Path, string? Location, string? Cookie, string? Authorization)>();
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, configure: f => f.ExtraServices.Add(s =>
            s.AddSingleton<IStartupFilter>(new CreatedWatcher(created))));
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);
        await driver.CompleteAsync(instance.Id, "publication", "published");
        await driver.CompleteAsync(instance.Id, "filing", "filed");
        var secretary = await driver.As("secretary");
        await secretary.PostJsonAsync("/api/meetings", new { kind = "plenary", date = driver.Today, decisionOrganId = "demo-county" }, "k-1")
            .ExpectAsync(HttpStatusCode.Created, server);
        await (await driver.As("drafter")).PostJsonAsync("/api/tokens", new { name = "script" }).ExpectAsync(HttpStatusCode.Created, server);

        Assert.True(created.Count >= 10, $"only {created.Count} creates seen");
        using var anonymous = server.CreateAnonymousClient();
        foreach (var (path, location, cookie, authorization) in created)
        {
            Assert.False(string.IsNullOrEmpty(location), $"POST {path} answered 201 without a Location");
            var get = new HttpRequestMessage(HttpMethod.Get, location);
            if (cookie is not null)
            {
                get.Headers.Add("Cookie", cookie);
            }
            using var response = await anonymous.SendAsync(get);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} → Location {location} answered {(int)response.StatusCode}");
        }
        var paths = created.Select(c => c.Path).ToList();
        Assert.Contains("/api/matters", paths);
        Assert.Contains("/api/instances", paths);
        Assert.Contains("/api/meetings", paths);
    }

    private sealed class CreatedWatcher(ConcurrentQueue<(string, string?, string?, string?)> created) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                var path = context.Request.Path.Value ?? "";
                var cookie = context.Request.Headers.Cookie.ToString();
                context.Response.OnStarting(() =>
                {
                    if (HttpMethods.IsPost(context.Request.Method) && context.Response.StatusCode == StatusCodes.Status201Created && path.StartsWith("/api/", StringComparison.Ordinal))
                    {
                        created.Enqueue((path, context.Response.Headers.Location.ToString(), cookie.Length == 0 ? null : cookie, null));
                    }
                    return Task.CompletedTask;
                });
                await proceed(context);
            });
            next(app);
        };
    }
}
