using System.Net;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tasks;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// Drives the major-administrative-decision procedure through the API with the demo users, one signed-in client per
/// user (kept for the test's lifetime).
/// </summary>
public sealed partial class ProcedureDriver(ServerFactory server) : IDisposable
{
    /// <summary>Which demo user performs each step of workflows/major-administrative-decision.json in the demo county.</summary>
    public static IReadOnlyDictionary<string, string> Performer { get; } = new Dictionary<string, string>
    {
        ["initiation"] = "drafter",
        ["public-participation"] = "drafter",
        ["specific-group-consultation"] = "drafter",
        ["expert-argumentation"] = "drafter",
        ["risk-assessment"] = "assessor",
        ["risk-draft-revision"] = "drafter",
        ["fair-competition-review"] = "drafter",
        ["opinion-consolidation"] = "drafter",
        ["legality-submission"] = "drafthead",
        ["legality-intake"] = "reviewer",
        ["legal-counsel-opinion"] = "counsel",
        ["legality-review"] = "reviewer",
        ["draft-revision"] = "drafter",
        ["unlawful-disposition"] = "drafthead",
        ["meeting-scheduling"] = "secretary",
        ["collective-decision"] = "chief",
        ["amendment-incorporation"] = "drafter",
        ["rejection-disposition"] = "drafthead",
        ["party-committee-report"] = "secretary",
        ["publication"] = "secretary",
        ["filing"] = "secretary",
        ["archiving"] = "drafter",
        ["execution"] = "drafter",
        ["execution-problem-decision"] = "chief",
        ["post-decision-evaluation"] = "evaluator",
    };

    private readonly Dictionary<string, HttpClient> _clients = [];

    public ServerFactory Server => server;

    /// <summary>The signed-in client of <paramref name="user"/> (signs in on first use).</summary>
    public async Task<HttpClient> As(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = await server.SignInAsync(user);
            _clients[user] = client;
        }
        return client;
    }

    /// <summary>
    /// Moves the server's clock. Session cookies are issued on the server's clock (8 hours), so the users sign in
    /// again afterwards, as real people would after days away.
    /// </summary>
    public void MoveClockTo(DateTimeOffset instant)
    {
        server.Clock.MoveTo(instant);
        SignOutAll();
    }

    public void SignOutAll()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        _clients.Clear();
    }

    public async Task<MatterView> CreateMatterAsync(string title = "示范县城区停车收费调整方案", IReadOnlyDictionary<string, bool>? attributes = null, string user = "drafter")
    {
        var client = await As(user);
        using var response = await client.PostJsonAsync("/api/matters", new { title, category = "public-policy", attributes });
        await response.ExpectAsync(HttpStatusCode.Created, server);
        return await response.ReadAsync<MatterView>();
    }

    public async Task<InstanceView> StartAsync(Guid matterId, string user = "drafter")
    {
        var client = await As(user);
        using var response = await client.PostJsonAsync("/api/instances", new { matterId });
        await response.ExpectAsync(HttpStatusCode.Created, server);
        return await response.ReadAsync<InstanceView>();
    }

    /// <summary>A new matter (by default with no attributes set) and its started procedure.</summary>
    public async Task<InstanceView> StartNewAsync(IReadOnlyDictionary<string, bool>? attributes = null, string title = "示范县城区停车收费调整方案") =>
        await StartAsync((await CreateMatterAsync(title, attributes)).Id);

    public async Task<InstanceView> GetInstanceAsync(Guid instanceId, string user = "drafter")
    {
        var client = await As(user);
        using var response = await client.GetAsync($"/api/instances/{instanceId}");
        await response.ExpectAsync(HttpStatusCode.OK, server);
        return await response.ReadAsync<InstanceView>();
    }

    /// <summary>The one open task of <paramref name="stepId"/> (the step's own: not a party's, e.g. a member's at the meeting); fails if there is none.</summary>
    public async Task<TaskView> OpenTaskAsync(Guid instanceId, string stepId)
    {
        var instance = await GetInstanceAsync(instanceId);
        var open = instance.OpenTasks.Where(t => t.StepId == stepId && t.PartyId is null).ToList();
        Assert.True(open.Count == 1,
            $"expected one open task of {stepId}; open: {string.Join(", ", instance.OpenTasks.Select(t => $"{t.StepId}#{t.Iteration}"))}");
        return open[0];
    }

    public async Task<HttpResponseMessage> CompleteRawAsync(string user, Guid taskId, string outcome, string? comment = null, string? idempotencyKey = null)
    {
        var client = await As(user);
        return await client.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, comment }, idempotencyKey);
    }

    /// <summary>Completes the open task of <paramref name="stepId"/> as the user who performs that step; returns the instance after.</summary>
    public async Task<InstanceView> CompleteAsync(Guid instanceId, string stepId, string outcome, string? comment = null)
    {
        var task = await OpenTaskAsync(instanceId, stepId);
        if (await CompleteThroughMeetingAsync(instanceId, stepId, outcome, comment) is { } decided)
        {
            return decided;
        }
        await PrepareAsync(instanceId, stepId, outcome);
        using var response = await CompleteRawAsync(Performer[stepId], task.Id, outcome, comment);
        await response.ExpectAsync(HttpStatusCode.OK, server);
        return await response.ReadAsync<InstanceView>();
    }

    /// <summary>From a fresh start (no attributes) to the open legality-review task: initiation … legal counsel's opinion.</summary>
    public async Task<InstanceView> AdvanceToLegalityReviewAsync(Guid instanceId)
    {
        await CompleteAsync(instanceId, "initiation", "draft-prepared");
        await CompleteAsync(instanceId, "public-participation", "opinions-heard");
        await CompleteAsync(instanceId, "opinion-consolidation", "draft-finalised");
        return await AdvanceFromSubmissionToReviewAsync(instanceId);
    }

    /// <summary>Submission, intake and counsel's opinion, up to the open legality-review task.</summary>
    public async Task<InstanceView> AdvanceFromSubmissionToReviewAsync(Guid instanceId)
    {
        await CompleteAsync(instanceId, "legality-submission", "submitted");
        await CompleteAsync(instanceId, "legality-intake", "accepted");
        return await CompleteAsync(instanceId, "legal-counsel-opinion", "opinion-given");
    }

    /// <summary>
    /// Before a step is completed, records what its domain guard requires (a closed consultation with answered
    /// comments, signed expert opinions, a meeting's record …) in the least eventful lawful way, so tests about other
    /// steps can pass through it. Each part of the procedure adds its case here and implements it in
    /// <c>ProcedureDriver.{Part}.cs</c>; tests of the part itself call its endpoints directly.
    /// </summary>
    private Task PrepareAsync(Guid instanceId, string stepId, string outcome) => (stepId, outcome) switch
    {
        ("initiation", _) => PrepareInitiationAsync(instanceId),
        ("public-participation", _) => RecordForumAsync(instanceId),
        ("specific-group-consultation", _) => RecordGroupConsultationAsync(instanceId),
        ("party-committee-report" or "publication" or "filing" or "archiving" or "execution" or "post-decision-evaluation", _) =>
            PrepareAfterDecisionAsync(instanceId, stepId, outcome),
        ("expert-argumentation", _) => PrepareExpertArgumentationAsync(instanceId),
        ("risk-assessment", _) => PrepareRiskAssessmentAsync(instanceId, outcome),
        ("fair-competition-review", _) => PrepareFairCompetitionAsync(instanceId),
        ("legality-submission", _) => PrepareLegalitySubmissionAsync(instanceId),
        ("legal-counsel-opinion", _) => PrepareCounselOpinionAsync(instanceId),
        ("legality-review", _) => PrepareLegalityReviewAsync(instanceId, outcome),
        _ => Task.CompletedTask,
    };

    public async Task<List<InboxItem>> InboxAsync(string user, string status = "open")
    {
        var client = await As(user);
        using var response = await client.GetAsync($"/api/tasks/mine?status={status}");
        await response.ExpectAsync(HttpStatusCode.OK, server);
        return await response.ReadAsync<List<InboxItem>>();
    }

    /// <summary>
    /// <paramref name="user"/>'s inbox items of one instance: what a test on a shared server (<see cref="SharedServers"/>)
    /// asserts, so that other tests' matters on that server cannot change the answer.
    /// </summary>
    public async Task<List<InboxItem>> InboxAsync(string user, Guid instanceId, string status = "open") =>
        (await InboxAsync(user, status)).Where(item => item.InstanceId == instanceId).ToList();

    public async Task<List<JournalEntryView>> JournalAsync(Guid instanceId, string user = "drafter")
    {
        var client = await As(user);
        using var response = await client.GetAsync($"/api/instances/{instanceId}/journal");
        await response.ExpectAsync(HttpStatusCode.OK, server);
        return await response.ReadAsync<List<JournalEntryView>>();
    }

    public async Task<JournalVerification> VerifyJournalAsync(Guid instanceId, string user = "drafter")
    {
        var client = await As(user);
        using var response = await client.GetAsync($"/api/instances/{instanceId}/journal/verify");
        await response.ExpectAsync(HttpStatusCode.OK, server);
        return await response.ReadAsync<JournalVerification>();
    }

    public void Dispose() => SignOutAll();
}
