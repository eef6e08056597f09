namespace RuleOfLaw.Workflow.Record.Indicators;

/// <summary>How a figure is judged.</summary>
public enum IndicatorRequirement
{
    /// <summary>A count with no target (matters started, comments received …).</summary>
    Count,

    /// <summary>The law requires every counted matter to meet it: anything under 100 % lists the matters that break it.</summary>
    AllByLaw,

    /// <summary>A target set by policy or the jurisdiction (the seeds' "participation rate 100 %", "at least 2 evaluations a year").</summary>
    Target,
}

/// <summary>
/// One indicator of the annual record (issue 15 item 2), with its definition and legal basis written next to it so the
/// figure, the page and the report all say what was counted and why. <see cref="Procedure"/> names the procedure
/// whose provider computes it (a normative-documents provider adds its own definitions the same way). Names and
/// definitions come in both languages as separate fields (issue 12 item 5), so a reader gets one language; the legal
/// basis cites Chinese statutes and stays Chinese.
/// </summary>
public sealed record IndicatorDefinition(
    string Id, string Procedure, string Group, string Name, string NameEn, string Definition, string DefinitionEn, string LegalBasis,
    IndicatorRequirement Requirement, string? StepId = null);

/// <summary>
/// A computed figure: <see cref="Value"/> of <see cref="Of"/> (null for a plain count), the rate in percent, the target
/// and whether it is met, and how many matters break it (for <see cref="IndicatorRequirement.AllByLaw"/> figures).
/// </summary>
public sealed record IndicatorFigure(string Id, long Value, long? Of, decimal? Percent, long? Target, bool? Met, long Breaking);

/// <summary>One matter (and the journal entries) behind a figure: whether it counts, and whether it breaks a 100 % rule.</summary>
public sealed record IndicatorRow(
    Guid MatterId, string Number, string Title, string DraftingUnitId, bool Counted, bool Breaks, IReadOnlyList<long> JournalSequences, string? Note);
