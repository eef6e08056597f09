using System.Globalization;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
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
    string JournalHead)
{
    public const string Article = "第二十六条";

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
                    lines.Add(new ProcedureAccountLine(step.Id, step.Title, "skipped", null, date, null, st.SkipReason));
                    break;
            }
        }
        return lines;
    }

    /// <summary>
    /// The last day of the guaranteed review time counted from <paramref name="now"/> with the jurisdiction's
    /// <c>legalityReviewMinimum</c> (第二十六条: generally not less than 7 working days), or the refusal if it cannot be counted.
    /// </summary>
    public static (Deadline? Deadline, Refusal? Refusal) Guaranteed(InstanceState state, JurisdictionSettings? settings, WorkflowEngine engine, DateTimeOffset now)
    {
        var period = state.Jurisdiction?.Periods.GetValueOrDefault(JurisdictionSettings.LegalityReviewMinimum)
            ?? settings?.Periods.GetValueOrDefault(JurisdictionSettings.LegalityReviewMinimum)
            ?? new SettingPeriod { Days = 7, Counting = DayCounting.WorkingDays, Article = Article };
        var calculator = engine.DeadlinesIn(state.Jurisdiction?.TimeZone ?? settings?.TimeZone);
        try
        {
            return (calculator.AfterDays(now, period.Days, period.Counting), null);
        }
        catch (CalendarYearMissingException e)
        {
            return (null, new Refusal("calendar-missing",
                $"无法计算合法性审查的法定最短期限（{period}）：{e.Message} Cannot count the guaranteed review time.", Article));
        }
    }
}
