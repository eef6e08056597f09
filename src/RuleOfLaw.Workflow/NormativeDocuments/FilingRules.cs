using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>The recipients of a filing (备案机关).</summary>
public static class FilingRecipientKinds
{
    /// <summary>上一级人民政府: for government documents.</summary>
    public const string HigherGovernment = "higher-government";
    /// <summary>本级人大常委会: for government documents.</summary>
    public const string PeopleCongressStandingCommittee = "people-congress-standing-committee";
    /// <summary>本级人民政府: for department documents.</summary>
    public const string SameLevelGovernment = "same-level-government";
}

/// <summary>What the recipient decides on a filing.</summary>
public static class FilingReviewResults
{
    public const string Accepted = "accepted";
    public const string Correction = "correction";
}

/// <summary>Filing (备案) and filing review (备案审查).</summary>
public static class FilingRules
{
    /// <summary>
    /// Government documents go to the next higher government and the standing committee of the people's congress at
    /// the same level; department documents to the government at the same level (shared/domain, worked example 4).
    /// </summary>
    public static IReadOnlyList<string> Recipients(string documentKind) => documentKind switch
    {
        NormativeDocumentKinds.Government => [FilingRecipientKinds.HigherGovernment, FilingRecipientKinds.PeopleCongressStandingCommittee],
        NormativeDocumentKinds.Department => [FilingRecipientKinds.SameLevelGovernment],
        _ => throw new ArgumentOutOfRangeException(nameof(documentKind), documentKind, "unknown document kind"),
    };

    /// <summary>
    /// The filing deadline: within the setting's days of issuance (default 15), counted by the 民法典 rules (start
    /// day not counted, a last day on a rest day moves to the next working day).
    /// </summary>
    public static Deadline Due(DeadlineCalculator calculator, DateOnly issuedOn, NormativeDocumentSettings settings)
    {
        var period = settings.Period(NormativeDocumentSettings.FilingDeadline);
        return calculator.AfterDays(issuedOn, period.Days, period.Counting);
    }

    /// <summary>Timely when first filed on or before the last day; a re-filing after a return keeps the first date.</summary>
    public static bool Timely(DateOnly firstFiledOn, DateOnly lastDay) => firstFiledOn <= lastDay;

    /// <summary>Only a published document can be filed (Notice 37: an unpublished document is no basis for administration).</summary>
    public static Refusal? CheckCanFile(bool published) =>
        published ? null : NormativeTexts.Catalog.Conflict("not-published", NormativeArticles.PublicationRequired);

    /// <summary>A correction notice names what is wrong; accepting needs nothing more.</summary>
    public static Refusal? CheckReview(string result, string? reasons) => result switch
    {
        FilingReviewResults.Accepted => null,
        FilingReviewResults.Correction when !string.IsNullOrWhiteSpace(reasons) => null,
        FilingReviewResults.Correction => NormativeTexts.Catalog.Invalid("correction-reason-required", NormativeArticles.Filing),
        _ => NormativeTexts.Catalog.Invalid("filing-result-unknown", NormativeArticles.Filing, ("result", result)),
    };
}
