using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// The installed procedure can be read as steps and edges; a definition can be validated without installing it.
/// Nothing here writes: the servers shared with other classes, one per provider (<see cref="SharedServers"/>).
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class DefinitionEndpointTests(SharedServers servers)
{
    private const string DefinitionId = "major-administrative-decision";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_installed_procedure_is_listed_and_shown_with_its_step_graph(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var client = await driver.As("drafter");

        var list = await client.GetAsync("/api/definitions").ExpectAsync<List<DefinitionSummary>>(HttpStatusCode.OK, server);
        // The two shipped procedures: major decisions, and normative documents (issue 14).
        Assert.Equal([DefinitionId, "normative-document"], list.Select(d => d.Id).Order(StringComparer.Ordinal));
        var summary = Assert.Single(list, d => d.Id == DefinitionId);
        Assert.Equal(DefinitionId, summary.Id);
        Assert.Equal(7, summary.Version);
        Assert.True(summary.Current);
        Assert.Equal("重大行政决策", summary.Title);
        Assert.Equal(64, summary.ContentHash.Length);
        Assert.Equal(TestClock.DefaultStart, summary.InstalledAt);

        using var response = await client.GetAsync($"/api/definitions/{DefinitionId}").ExpectAsync(HttpStatusCode.OK, server);
        var detail = await response.ReadJsonAsync();
        var definition = detail.GetProperty("definition");
        Assert.Equal(DefinitionId, definition.GetProperty("id").GetString());
        Assert.Equal("initiation", definition.GetProperty("start").GetString());
        var file = ReadRealDefinition();
        var steps = definition.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(file["steps"]!.AsArray().Select(s => (string)s!["id"]!), steps.Select(s => s.GetProperty("id").GetString()));
        var review = steps.Single(s => s.GetProperty("id").GetString() == "legality-review");
        Assert.Equal("humanTask", review.GetProperty("kind").GetString());
        Assert.Equal("legality-reviewer", review.GetProperty("role").GetString());
        // Version 4: the review's minimum protects the office (it restricts the dates asked of it, not its completion),
        // counted from the submission and citing exactly art. 26.
        var minimum = review.GetProperty("minimum");
        Assert.Equal(("legalityReviewMinimum", "legality-submission", "第二十六条"),
            (minimum.GetProperty("setting").GetString(), minimum.GetProperty("from").GetString(), minimum.GetProperty("article").GetString()));
        Assert.Equal(summary.ContentHash, definition.GetProperty("contentHash").GetString());
        // Version 5's meeting: one task per member present, all of them, the head last (第三十条), completed only by the
        // meeting record; what a client needs to drive it is in the view, not only in the file.
        var meeting = steps.Single(s => s.GetProperty("id").GetString() == "collective-decision");
        Assert.Equal("meeting-record", meeting.GetProperty("completedBy").GetString());
        var parties = meeting.GetProperty("parties");
        Assert.Equal(("meeting-member", true, "meeting-secretary"),
            (parties.GetProperty("role").GetString(), parties.GetProperty("last").GetBoolean(), parties.GetProperty("recorderRole").GetString()));
        Assert.Equal("all", parties.GetProperty("completion").GetProperty("kind").GetString());
        Assert.Equal(["agree", "agree-with-amendments", "disagree", "abstain"],
            parties.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        // Version 6's expert panel: one task per expert, in the pool, completed only by her signed opinion, the drafting
        // unit's own task last (第十九条、第二十条).
        var argumentation = steps.Single(s => s.GetProperty("id").GetString() == "expert-argumentation");
        Assert.Equal("drafting-officer", argumentation.GetProperty("role").GetString());
        Assert.False(argumentation.TryGetProperty("completedBy", out _));
        var panel = argumentation.GetProperty("parties");
        Assert.Equal(("expert", "expert-pool", "expert-opinion", true),
            (panel.GetProperty("role").GetString(), panel.GetProperty("organization").GetString(), panel.GetProperty("completedBy").GetString(),
             panel.GetProperty("last").GetBoolean()));
        var execution = steps.Single(s => s.GetProperty("id").GetString() == "execution");
        var events = execution.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        var objection = events[0];
        Assert.Equal(("objection-threshold-reached", "第三十五条", true),
            (objection.GetProperty("signal").GetString(), objection.GetProperty("article").GetString(), objection.GetProperty("interrupting").GetBoolean()));
        Assert.False(objection.TryGetProperty("sentBy", out _));
        // Version 7: the head's suspension of execution, sent only by the module's command (第三十七条), and the step
        // waiting for the resumption.
        var suspension = events[1];
        Assert.Equal(("execution-suspended", "第三十七条", true, "execution-suspension"),
            (suspension.GetProperty("signal").GetString(), suspension.GetProperty("article").GetString(), suspension.GetProperty("interrupting").GetBoolean(),
             suspension.GetProperty("sentBy").GetString()));
        var suspended = steps.Single(s => s.GetProperty("id").GetString() == "execution-suspended");
        Assert.Equal(("event", "execution-resumed", "execution-resumption"),
            (suspended.GetProperty("kind").GetString(), suspended.GetProperty("signal").GetString(), suspended.GetProperty("completedBy").GetString()));
        Assert.False(review.TryGetProperty("parties", out _)); // a single task: no parties (nulls are left out)

        var edges = detail.GetProperty("edges").EnumerateArray()
            .Select(e => (e.GetProperty("from").GetString(), e.GetProperty("to").GetString(), e.GetProperty("via").GetString())).ToList();
        Assert.Contains(("initiation", "expert-argumentation", "next"), edges);
        Assert.Contains(("legality-review", "draft-revision", "needs-revision"), edges);
        Assert.Contains(("legality-review", "meeting-scheduling", "lawful"), edges);
        Assert.Contains(("draft-revision", "legality-submission", "next"), edges);
        Assert.Contains(("execution", "execution-problem-decision", "signal:objection-threshold-reached"), edges);
        // Version 7: the head's suspension of execution and its resumption (第三十七条).
        Assert.Contains(("execution", "execution-suspended", "signal:execution-suspended"), edges);
        Assert.Contains(("execution-suspended", "execution", "next"), edges);
        Assert.DoesNotContain(edges, e => e.Item1 == "legality-review" && e.Item2 == "collective-decision");
        Assert.Equal(edges.Count, edges.Distinct().Count());

        // The same by explicit version; versions and procedures that are not installed are not found.
        // (Versions 1 to 3 were never installed in this fresh database: version 2 took the publication, filing and
        // archiving periods from the jurisdiction settings; version 3 moved the legality review's 7 working days to
        // the requested opinion date of the submission; version 4 expresses that and the other statutory periods in
        // the definition itself; version 5 puts the meeting's members on party tasks; version 6 the panel's experts;
        // version 7 states the suspension of execution.)
        using var v7 = await client.GetAsync($"/api/definitions/{DefinitionId}?version=7").ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal("not-found", (await client.GetAsync($"/api/definitions/{DefinitionId}?version=6").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync($"/api/definitions/{DefinitionId}?version=5").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync($"/api/definitions/{DefinitionId}?version=4").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync($"/api/definitions/{DefinitionId}?version=3").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync($"/api/definitions/{DefinitionId}?version=1").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync($"/api/definitions/{DefinitionId}?version=2").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await client.GetAsync("/api/definitions/no-such-procedure").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_real_definition_validates(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var client = await driver.As("drafter");

        var result = await client.PostRawAsync("/api/definitions/validate", File.ReadAllText(RealDefinitionPath))
            .ExpectAsync<ValidationResultView>(HttpStatusCode.OK, server);
        Assert.True(result.Valid);
        Assert.Equal(DefinitionId, result.Id);
        Assert.Equal(7, result.Version);
        Assert.Equal(ReadRealDefinition()["steps"]!.AsArray().Count, result.Steps);
        Assert.Empty(result.Errors);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_dangling_reference_is_reported_with_its_json_path(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var client = await driver.As("drafter");

        var definition = ReadRealDefinition();
        var steps = definition["steps"]!.AsArray();
        var index = steps.Select((s, i) => (Id: (string)s!["id"]!, i)).Single(s => s.Id == "legal-counsel-opinion").i;
        steps[index]!["next"] = new JsonArray("legality-reviw");

        var problem = await client.PostRawAsync("/api/definitions/validate?fileName=broken-procedure.json", definition.ToJsonString())
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-definition", problem.Code);
        var errors = problem.Errors!.Value.EnumerateArray().ToList();
        Assert.Contains(errors, e =>
            e.GetProperty("path").GetString() == $"$.steps[{index}].next[0]"
            && e.GetProperty("file").GetString() == "broken-procedure.json"
            && e.GetProperty("problem").GetString()!.Contains("legality-reviw"));
        Assert.Contains($"broken-procedure.json: $.steps[{index}].next[0]: ", problem.Detail);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Invalid_json_is_reported_with_its_line(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var client = await driver.As("drafter");

        // Drop the comma after "start": the parser stops at the next line ("steps").
        var lines = File.ReadAllLines(RealDefinitionPath);
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("\"start\"", StringComparison.Ordinal));
        lines[start] = lines[start].TrimEnd().TrimEnd(',');
        var brokenLine = start + 2; // 1-based number of the line after "start"

        var problem = await client.PostRawAsync("/api/definitions/validate", string.Join('\n', lines)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-definition", problem.Code);
        var error = Assert.Single(problem.Errors!.Value.EnumerateArray());
        Assert.Contains($"line {brokenLine}", error.GetProperty("problem").GetString());

        var notJson = await client.PostRawAsync("/api/definitions/validate", "this is not json").ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("line 1", Assert.Single(notJson.Errors!.Value.EnumerateArray()).GetProperty("problem").GetString());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_definition_larger_than_a_megabyte_is_refused(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var client = await driver.As("drafter");

        var huge = "{\"id\": \"x\", \"padding\": \"" + new string('a', DefinitionEndpoints.MaxDefinitionBytes) + "\"}";
        var problem = await client.PostRawAsync("/api/definitions/validate", huge).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("definition-too-large", problem.Code);
    }

    internal static string RealDefinitionPath => Path.Combine(RepositoryRoot, "workflows", $"{DefinitionId}.json");

    /// <summary>The normative-document procedure: a server does not start without it (its module names its steps).</summary>
    internal static string NormativeDefinitionPath => Path.Combine(RepositoryRoot, "workflows", "normative-document.json");

    /// <summary>Copies the normative-document procedure into a test's own workflows folder.</summary>
    internal static void CopyNormativeDefinition(string workflows) =>
        File.Copy(NormativeDefinitionPath, Path.Combine(workflows, Path.GetFileName(NormativeDefinitionPath)));

    internal static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "RuleOfLaw.Workflow.sln")))
                {
                    return folder.FullName;
                }
            }
            throw new InvalidOperationException($"No RuleOfLaw.Workflow.sln above {AppContext.BaseDirectory}.");
        }
    }

    private static JsonObject ReadRealDefinition() =>
        JsonNode.Parse(File.ReadAllText(RealDefinitionPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
}
