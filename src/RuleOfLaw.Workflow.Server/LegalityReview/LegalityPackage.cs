using System.Globalization;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>
/// What the drafting head gives when submitting for legality review (第二十六条): the draft (until the Documents
/// module's versioned drafts are merged, a reference text such as file name and version, and optionally the SHA-256
/// of the draft file), the legal bases, and the date by which the opinion is requested (yyyy-MM-dd, local).
/// </summary>
public sealed record LegalitySubmissionRequest(string? DraftReference, string? DraftHash, IReadOnlyList<string>? LegalBases, string? RequestedOpinionDate);

/// <summary>One line of the account of the procedures performed (履行决策法定程序的说明), generated from the step states.</summary>
public sealed record ProcedureAccountLine(string StepId, string Title, string Status, string? Outcome, string? Date, string? By, string? Reason);

/// <summary>
/// The submission package the system assembles (第二十六条): the draft, the legal bases, the account of the procedures
/// performed and the requested opinion date with the guaranteed review time. Journaled as the data of the
/// legality-submission task's completion, anchored to the journal head it was generated from.
/// <see cref="GuaranteeProvisionalYear"/> is set when the review time reaches a year without a holiday calendar: then
/// <see cref="GuaranteedUntil"/> is its earliest end ("at least until", issue 16 item 6).
/// </summary>
public sealed record LegalitySubmissionPackage(
    string DraftReference,
    string? DraftHash,
    IReadOnlyList<string> LegalBases,
    string RequestedOpinionDate,
    string GuaranteedUntil,
    string GuaranteeRule,
    IReadOnlyList<ProcedureAccountLine> Procedures,
    long JournalSequence,
    string JournalHead,
    int? GuaranteeProvisionalYear = null)
{
    public const string Article = LegalityRules.Article;

    /// <summary>
    /// The package in a submission's data, or null when the data holds none (no data, or other form data). Data that
    /// is not JSON at all is corrupt and throws <see cref="InvalidDataException"/> (the server wrote it).
    /// </summary>
    public static LegalitySubmissionPackage? Parse(string? dataJson)
    {
        if (string.IsNullOrWhiteSpace(dataJson))
        {
            return null;
        }
        using var document = StoredJson.Parse(dataJson, "legality submission data");
        try
        {
            var package = document.Deserialize<LegalitySubmissionPackage>(ApiJson.Options);
            return package is { DraftReference: not null, LegalBases: not null, Procedures: not null, RequestedOpinionDate: not null } ? package : null;
        }
        catch (JsonException)
        {
            // JSON of another shape: form data that is not a package.
            return null;
        }
    }

    /// <summary>
    /// The package of a <c>LegalityPackageAssembled</c> journal entry, which holds nothing else: an entry that does not
    /// hold a package is corrupt (<see cref="InvalidDataException"/>), never read as "no package assembled".
    /// </summary>
    public static LegalitySubmissionPackage ParseAssembled(string? dataJson, long sequence) =>
        Parse(dataJson) ?? throw new InvalidDataException($"Journal entry {sequence} (LegalityPackageAssembled) does not hold a submission package: {dataJson}");

    /// <summary>Which steps were done (outcome, date, by whom) and which were skipped and why, in the definition's order.</summary>
    public static IReadOnlyList<ProcedureAccountLine> Account(ProcedureDefinition definition, InstanceState state, DeadlineCalculator local)
    {
        var lines = new List<ProcedureAccountLine>();
        foreach (var step in definition.Steps.Where(s => s.Kind != StepKind.Automatic))
        {
            if (!state.Steps.TryGetValue(step.Id, out var st))
            {
                continue;
            }
            var done = state.Tasks.LastOrDefault(t => t.StepId == step.Id && t.Status == WorkTaskStatus.Completed);
            var date = st.FinishedAt is { } at ? local.LocalDay(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            switch (st.Status)
            {
                case StepStatus.Completed:
                    lines.Add(new ProcedureAccountLine(step.Id, step.Title, "completed", st.Outcome, date, done?.CompletedByName, null));
                    break;
                case StepStatus.Skipped:
                    lines.Add(new ProcedureAccountLine(step.Id, step.Title, "skipped", null, date, null, st.SkipReasonIn(System.Globalization.CultureInfo.CurrentUICulture)));
                    break;
            }
        }
        return lines;
    }

    /// <summary>The step whose period rule protects the review office (第二十六条): its <c>minimum</c> restricts requests.</summary>
    public const string ProtectedStep = LegalityRules.Review;

    /// <summary>
    /// The guaranteed review time as the definition states it (第二十六条; version 4: <c>legality-review</c>'s
    /// <c>legalityReviewMinimum</c> counted from the submission, which is being made now), judged by the engine; with
    /// <paramref name="requested"/>, whether that opinion date leaves it. Null when the procedure has no such rule.
    /// When the review time reaches a year without a holiday calendar it is provisional (issue 16 item 6): its
    /// earliest end is known, a date before it is certainly too short and refused, and the work goes on otherwise
    /// (the office's review time is still the statutory one, counted on that year's calendar once it is loaded).
    /// </summary>
    public static RequestedDateRule? ReviewTime(
        WorkflowEngine engine, DefinitionRegistry registry, ProcedureDefinition definition, InstanceState state, DateTimeOffset now, DateOnly? requested) =>
        RequestedDateRules.Check(engine, registry, definition, state, ProtectedStep, now, now,
            requested is { } day ? RequestedDateRules.EndOfDay(engine, state, day) : null, null, allowProvisional: true);

    /// <summary>The refusals of a requested opinion date, the engine's "too early" in this module's words and code.</summary>
    public static IReadOnlyList<Refusal> Refusals(RequestedDateRule? rule, DateOnly requested) =>
        rule is null ? [] : [.. rule.Check.Refusals.Select(r => r.Code == RequestedDateCheck.TooEarly ? TooEarly(requested, rule) : r)];

    public static Refusal TooEarly(DateOnly day, RequestedDateRule rule) =>
        LegalityRules.TooEarly(day, rule.Check.Minimum!.LastDay, rule.Check.Rule, rule.Period, rule.Check.Article);
}
