using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>
/// The hard gates of the legality review (第二十五条至第二十八条), on every path that completes these tasks:
/// <list type="bullet">
/// <item>legality-submission: the system-assembled package (draft, legal bases, account of the procedures generated from
/// the step states) and a requested opinion date leaving the review time the definition guarantees (第二十六条, a period
/// rule the engine judges, <see cref="LegalitySubmissionPackage.ReviewTime"/>); nothing the
/// compliance report requires before the submission (risk, fair competition) may be pending or unmet.</item>
/// <item>legality-intake "returned": the list of what is missing (第二十六条).</item>
/// <item>legal-counsel-opinion: at least one signed counsel or staff-lawyer opinion (第二十八条).</item>
/// <item>legality-review: findings on authority, procedure and content (第二十七条), a counsel opinion of this round
/// (第二十八条), and the legal risk stated for an exploratory reform (第二十五条).</item>
/// </list>
/// </summary>
public sealed class LegalityGuards(WorkflowDbContext db, WorkflowEngine engine, DefinitionRegistry registry, ComplianceReportService reports)
    : IStepCompletionGuard
{
    public const string Submission = LegalityRules.Submission;
    public const string Intake = LegalityRules.Intake;
    public const string CounselStep = LegalityRules.CounselStep;
    public const string Review = LegalityRules.Review;

    public IReadOnlyCollection<string> Steps { get; } = [Submission, Intake, CounselStep, Review];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken) => context.Task.StepId switch
    {
        Submission => await SubmissionAsync(context, cancellationToken),
        Intake => IntakeReturned(context),
        CounselStep => LegalityRules.CounselCompletion(await db.Set<CounselOpinion>().AnyAsync(o => o.CounselTaskId == context.Task.Id, cancellationToken))
            is { } missing ? [missing] : [],
        Review => await ReviewAsync(context, cancellationToken),
        _ => [],
    };

    private async Task<IReadOnlyList<Refusal>> SubmissionAsync(StepCompletionContext context, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == context.MatterId, ct);
        foreach (var item in await reports.UnmetBeforeAsync(matter, Submission, ct))
        {
            refusals.Add(LegalityRules.PrerequisiteUnmet(new TwoLanguages(item.Title, item.TitleEn), item.DetailText ?? TwoLanguages.Of(item.Detail ?? ""), item.Article));
        }
        // The package travels with the completion (POST …/legality/submission) or was assembled for this submission
        // beforehand (POST …/legality/package), in which case the task may be completed on any path.
        var package = LegalitySubmissionPackage.Parse(context.DataJson) ?? await PreparedAsync(context, ct);
        var generated = LegalitySubmissionPackage.Account(context.Definition, context.State, engine.DeadlinesIn(context.State.Jurisdiction?.TimeZone));
        var facts = package is null ? null : new PackageFacts(package.DraftReference, package.LegalBases, package.RequestedOpinionDate,
            JsonSerializer.Serialize(generated) == JsonSerializer.Serialize(package.Procedures));
        var problems = LegalityRules.Package(facts);
        refusals.AddRange(problems);
        if (package is not null && !problems.Any(p => p.Code == "invalid-opinion-date"))
        {
            refusals.AddRange(RequestedDate(package.RequestedOpinionDate, context));
        }
        return refusals;
    }

    /// <summary>The package last assembled for this submission task (journal entry <c>LegalityPackageAssembled</c> of its iteration).</summary>
    private Task<LegalitySubmissionPackage?> PreparedAsync(StepCompletionContext context, CancellationToken ct) =>
        PreparedPackageAsync(db, context.State.Id, context.Task.Iteration, ct);

    /// <summary>
    /// The package last assembled (<c>POST …/legality/package</c>) for the submission task of <paramref name="iteration"/>:
    /// the package of a submission completed without one in its data. Shared with the web pages, which show it.
    /// </summary>
    internal static async Task<LegalitySubmissionPackage?> PreparedPackageAsync(WorkflowDbContext db, Guid instanceId, int? iteration, CancellationToken ct)
    {
        var entry = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.Type == LegalityEndpoints.PackageAssembled && j.StepId == Submission && j.Iteration == iteration)
            .OrderByDescending(j => j.Sequence).Select(j => new { j.Sequence, j.DataJson }).FirstOrDefaultAsync(ct);
        return entry is null ? null : LegalitySubmissionPackage.ParseAssembled(entry.DataJson, entry.Sequence);
    }

    /// <summary>
    /// 第二十六条: the requested opinion date may not fall before the end of the guaranteed review time. The period is the
    /// definition's (legality-review's minimum that restricts requests), judged by the engine.
    /// </summary>
    private IReadOnlyList<Refusal> RequestedDate(string requested, StepCompletionContext context)
    {
        var day = DateOnly.ParseExact(requested, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rule = LegalitySubmissionPackage.ReviewTime(engine, registry, context.Definition, context.State, context.Now, day);
        return LegalitySubmissionPackage.Refusals(rule, day);
    }

    private static IReadOnlyList<Refusal> IntakeReturned(StepCompletionContext context)
    {
        if (context.Outcome != LegalityOutcomes.Returned)
        {
            return [];
        }
        var missing = ModuleWrites.DataProperty(context.DataJson, "missing");
        var listed = missing is { ValueKind: JsonValueKind.Array } array
            && array.EnumerateArray().Any()
            && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString()));
        return LegalityRules.IntakeCompletion(context.Outcome, listed) is { } refused ? [refused] : [];
    }

    private async Task<IReadOnlyList<Refusal>> ReviewAsync(StepCompletionContext context, CancellationToken ct)
    {
        var findings = (await db.Set<LegalityFindings>().AsNoTracking().Where(f => f.ReviewTaskId == context.Task.Id)
            .ToListAsync(ct)).MaxBy(f => f.JournalSequence);
        var counselTask = context.State.Tasks.LastOrDefault(t => t.StepId == CounselStep && t.Status == WorkTaskStatus.Completed);
        var counselled = counselTask is not null && await db.Set<CounselOpinion>().AnyAsync(o => o.CounselTaskId == counselTask.Id, ct);
        return LegalityRules.ReviewCompletion(findings is not null, findings?.LegalRisk, counselled, context.Outcome);
    }
}
