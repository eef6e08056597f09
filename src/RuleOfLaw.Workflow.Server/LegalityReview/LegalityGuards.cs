using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
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
    public const string Submission = "legality-submission";
    public const string Intake = "legality-intake";
    public const string CounselStep = "legal-counsel-opinion";
    public const string Review = "legality-review";

    public IReadOnlyCollection<string> Steps { get; } = [Submission, Intake, CounselStep, Review];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken) => context.Task.StepId switch
    {
        Submission => await SubmissionAsync(context, cancellationToken),
        Intake => IntakeReturned(context),
        CounselStep => await db.Set<CounselOpinion>().AnyAsync(o => o.CounselTaskId == context.Task.Id, cancellationToken)
            ? []
            : [new Refusal("counsel-opinion-missing",
                "尚未记录法律顾问或公职律师的书面法律意见（POST /api/matters/{id}/legality/counsel-opinions）。No written opinion of a legal counsel or staff lawyer has been recorded.",
                "第二十八条")],
        Review => await ReviewAsync(context, cancellationToken),
        _ => [],
    };

    private async Task<IReadOnlyList<Refusal>> SubmissionAsync(StepCompletionContext context, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == context.MatterId, ct);
        foreach (var item in await reports.UnmetBeforeAsync(matter, Submission, ct))
        {
            refusals.Add(new Refusal("prerequisite-unmet",
                $"送请合法性审查前须满足：{item.Title}（{item.Detail}）。Required before the legality submission: {item.TitleEn}.", item.Article));
        }
        // The package travels with the completion (POST …/legality/submission) or was assembled for this submission
        // beforehand (POST …/legality/package), in which case the task may be completed on any path.
        var package = LegalitySubmissionPackage.Parse(context.DataJson) ?? await PreparedAsync(context, ct);
        if (package is null)
        {
            refusals.Add(new Refusal("submission-package-required",
                "送审材料由系统生成：请通过 POST /api/matters/{id}/legality/submission 提交决策草案、法律依据和要求出具意见的日期。" +
                "The package is assembled by the system: submit through POST /api/matters/{id}/legality/submission.", LegalitySubmissionPackage.Article));
            return refusals;
        }
        if (string.IsNullOrWhiteSpace(package.DraftReference))
        {
            refusals.Add(new Refusal("draft-required", "送审材料必须包括决策草案。The package must include the draft.", LegalitySubmissionPackage.Article));
        }
        if (package.LegalBases.Count == 0 || package.LegalBases.Any(string.IsNullOrWhiteSpace))
        {
            refusals.Add(new Refusal("legal-bases-required",
                "送审材料必须列明有关法律、法规、规章等依据。The package must list the legal bases.", LegalitySubmissionPackage.Article));
        }
        var generated = LegalitySubmissionPackage.Account(context.Definition, context.State, engine.DeadlinesIn(context.State.Jurisdiction?.TimeZone));
        if (JsonSerializer.Serialize(generated) != JsonSerializer.Serialize(package.Procedures))
        {
            refusals.Add(new Refusal("procedure-account-mismatch",
                "履行决策法定程序的说明须由系统根据程序记录生成，且与当前记录一致；请重新提交。The account of the procedures must be the one the system generates from the current record.",
                LegalitySubmissionPackage.Article));
        }
        refusals.AddRange(RequestedDate(package.RequestedOpinionDate, context));
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
        if (!DateOnly.TryParseExact(requested, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return [new Refusal("invalid-opinion-date", "要求出具意见的日期格式应为 yyyy-MM-dd。requestedOpinionDate must be yyyy-MM-dd.", LegalitySubmissionPackage.Article)];
        }
        var rule = LegalitySubmissionPackage.ReviewTime(engine, registry, context.Definition, context.State, context.Now, day);
        return LegalitySubmissionPackage.Refusals(rule, day);
    }

    private static IReadOnlyList<Refusal> IntakeReturned(StepCompletionContext context)
    {
        if (context.Outcome != "returned")
        {
            return [];
        }
        var missing = ModuleWrites.DataProperty(context.DataJson, "missing");
        var listed = missing is { ValueKind: JsonValueKind.Array } array
            && array.EnumerateArray().Any()
            && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString()));
        return listed
            ? []
            : [new Refusal("missing-items-required",
                "退回送审材料时须在 data.missing 中逐项列明缺少或不符合要求的材料。Returning a package must list what is missing in data.missing.",
                LegalitySubmissionPackage.Article)];
    }

    private async Task<IReadOnlyList<Refusal>> ReviewAsync(StepCompletionContext context, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        var findings = (await db.Set<LegalityFindings>().AsNoTracking().Where(f => f.ReviewTaskId == context.Task.Id)
            .ToListAsync(ct)).MaxBy(f => f.JournalSequence);
        if (findings is null)
        {
            refusals.Add(new Refusal("review-findings-missing",
                "尚未记录对决策权限、程序和内容的审查意见（POST /api/matters/{id}/legality/findings）。The findings on authority, procedure and content have not been recorded.",
                "第二十七条"));
        }
        var counselTask = context.State.Tasks.LastOrDefault(t => t.StepId == CounselStep && t.Status == WorkTaskStatus.Completed);
        if (counselTask is null || !await db.Set<CounselOpinion>().AnyAsync(o => o.CounselTaskId == counselTask.Id, ct))
        {
            refusals.Add(new Refusal("counsel-opinion-missing",
                "本轮合法性审查没有法律顾问或公职律师的法律意见。This review round has no opinion of a legal counsel or staff lawyer.", "第二十八条"));
        }
        if (context.Outcome == "exploratory-reform" && string.IsNullOrWhiteSpace(findings?.LegalRisk))
        {
            refusals.Add(new Refusal("legal-risk-required",
                "探索性改革事项须在审查意见中明示法律风险（findings.legalRisk）。An exploratory reform is submitted only with the legal risk stated.", "第二十五条"));
        }
        return refusals;
    }
}
