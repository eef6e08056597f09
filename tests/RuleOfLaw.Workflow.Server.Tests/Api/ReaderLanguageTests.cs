using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Refusals in the reader's language (issue 12): the API renders a module's refusal from its catalog in the language
/// <c>Accept-Language</c> asks for, zh-CN without the header; texts not yet in a catalog are split to one language only
/// when a language was asked for. Both tests only read or are refused: the servers shared with other classes, one per
/// provider (<see cref="SharedServers"/>).
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class ReaderLanguageTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_api_answers_in_the_language_the_client_asks_for(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var secretary = await driver.As("secretary");
        var body = new { kind = "weekly", date = "2026-03-12", title = "例会" };

        async Task<ProblemBody> RefusedIn(string? language, string path = "/api/meetings")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }
            return await secretary.SendAsync(request).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        }

        var english = await RefusedIn("en-US,en;q=0.9");
        Assert.Equal(("invalid-meeting-kind", "第三十条"), (english.Code, english.Article));
        Assert.Equal("The request is not acceptable", english.Json.GetProperty("title").GetString());
        Assert.Equal("A matter is discussed at a standing (standing), plenary (plenary) or department office meeting (office).", english.Json.GetProperty("detail").GetString());
        Assert.Equal(english.Json.GetProperty("detail").GetString(), english.Json.GetProperty("refusals")[0].GetProperty("message").GetString());

        var chinese = await RefusedIn("zh-CN");
        Assert.Equal("集体讨论须在常务会议（standing）、全体会议（plenary）或者部门办公会议（office）进行。", chinese.Json.GetProperty("detail").GetString());
        Assert.Equal("请求内容不符合要求", chinese.Json.GetProperty("title").GetString());

        // No header (or a language the server does not speak): zh-CN.
        Assert.Equal(chinese.Json.GetProperty("detail").GetString(), (await RefusedIn(null)).Json.GetProperty("detail").GetString());
        Assert.Equal(chinese.Json.GetProperty("detail").GetString(), (await RefusedIn("fr-FR")).Json.GetProperty("detail").GetString());
    }

    /// <summary>The engine's own refusals come from its catalog too (<c>EngineTexts</c>): one language per reader.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_engines_refusals_answer_in_the_language_the_client_asks_for(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var initiation = Assert.Single((await driver.StartNewAsync()).OpenTasks);
        var reviewer = await driver.As("reviewer");

        async Task<ProblemBody> RefusedIn(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{initiation.Id}/complete")
            {
                Content = JsonContent.Create(new { outcome = "draft-prepared" }),
            };
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }
            return await reviewer.SendAsync(request).ReadProblemAsync(HttpStatusCode.Forbidden);
        }

        var english = await RefusedIn("en");
        Assert.Equal(("not-authorized-for-task", "第十条至第十三条"), (english.Code, english.Article));
        Assert.Contains("may only be completed by a 'drafting-officer'", english.Detail);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english.Detail);
        var chinese = await RefusedIn(null);
        Assert.Contains("担任“drafting-officer”角色的人员办理", chinese.Detail);
        Assert.DoesNotContain("may only", chinese.Detail);
    }

    /// <summary>
    /// The server-wide texts (not-found, the administration API's refusals) come from catalogs like the modules' ones:
    /// without <c>Accept-Language</c> the API answers in zh-CN only, with it in the language asked for only.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Server_wide_refusals_answer_in_one_language(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");

        async Task<string> DetailIn(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/matters/{Guid.NewGuid()}/documents");
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }
            var problem = await drafter.SendAsync(request).ReadProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("not-found", problem.Code);
            return problem.Json.GetProperty("detail").GetString()!;
        }

        var byDefault = await DetailIn(null);
        var english = await DetailIn("en");
        var chinese = await DetailIn("zh");
        Assert.Equal("没有这个决策事项，或您无权查看。", chinese);
        Assert.Equal(chinese, byDefault);
        Assert.Equal("No such matter, or you may not see it.", english);
    }

    /// <summary>
    /// What the engine writes itself (a skipped step's reason, its journal comment) is stored as its zh-CN text with a
    /// catalog code (issue 12 item 5): the instance and the journal answer it in the reader's language, zh-CN without
    /// <c>Accept-Language</c>; the journal's <c>comment</c> stays the stored text, which the entry's hash covers.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_engines_notes_in_the_instance_and_the_journal_answer_in_the_readers_language(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var started = await driver.StartNewAsync();
        await driver.CompleteAsync(started.Id, "initiation", "draft-prepared"); // no attributes: expert argumentation is skipped (第十九条)
        var drafter = await driver.As("drafter");

        async Task<JsonElement> GetIn(string path, string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }
            using var response = await drafter.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.ReadJsonAsync();
        }
        async Task<string?> SkipReasonIn(string? language) =>
            (await GetIn($"/api/instances/{started.Id}", language)).GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == "expert-argumentation").GetProperty("skipReason").GetString();
        async Task<(string? Comment, string? Text)> SkippedEntryIn(string? language)
        {
            var entry = (await GetIn($"/api/instances/{started.Id}/journal", language)).EnumerateArray()
                .Single(e => e.GetProperty("type").GetString() == "StepSkipped" && e.GetProperty("stepId").GetString() == "expert-argumentation");
            return (entry.GetProperty("comment").GetString(), entry.GetProperty("commentText").GetString());
        }

        var chinese = await SkipReasonIn(null);
        var english = await SkipReasonIn("en");
        Assert.Matches("^适用条件“.+”不成立（.+），本步骤不适用（.*第十九条.*）。$", chinese);
        Assert.Matches("^Condition '.+' is false \\(.+\\): the step does not apply \\(.*第十九条.*\\)\\.$", english);
        Assert.Equal(chinese, await SkipReasonIn("zh-CN"));

        Assert.Equal((chinese, chinese), await SkippedEntryIn(null));
        Assert.Equal((chinese, english), await SkippedEntryIn("en"));
    }
}
