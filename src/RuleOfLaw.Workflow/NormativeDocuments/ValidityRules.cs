using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>When a published document is in force, when its issuer is reminded, and when it lapses.</summary>
/// <param name="EffectiveFrom">The first day in force (施行之日).</param>
/// <param name="LastDayInForce">The last day in force: the day before the anniversary <c>ValidityYears</c> later.</param>
/// <param name="LapsesOn">The day it no longer has effect (local 00:00); it leaves the current catalogue then.</param>
/// <param name="ReminderOn">The day the issuer is asked to evaluate it (the configured months before <see cref="LapsesOn"/>).</param>
public sealed record ValidityPeriod(DateOnly EffectiveFrom, DateOnly LastDayInForce, DateOnly LapsesOn, DateOnly ReminderOn);

/// <summary>
/// The issuing organization's head (制定机关负责人): the one reminded before expiry who decides it, and who answers a
/// filing recipient's correction notice. A department's head holds <c>drafting-head</c> there; a government has no
/// drafting head, and its head is the chief executive (行政首长), so a government document's are the chief executive's.
/// </summary>
public static class IssuerHead
{
    public static readonly IReadOnlyList<string> Roles = [Organizations.Roles.DraftingHead, Organizations.Roles.ChiefExecutive];

    /// <summary>Whether one with <paramref name="memberships"/> heads <paramref name="issuerOrganizationId"/>.</summary>
    public static bool Is(IEnumerable<Membership> memberships, string issuerOrganizationId) =>
        memberships.Any(m => m.OrganizationId == issuerOrganizationId && Roles.Contains(m.Role));
}

/// <summary>What the issuer decides when reminded before expiry.</summary>
public static class ExpiryDecisions
{
    /// <summary>Re-issue: a new document goes through the procedure again; this one still lapses on its day.</summary>
    public const string Continue = "continue";
    public const string Amend = "amend";
    public const string Lapse = "lapse";

    public static bool IsKnown(string decision) => decision is Continue or Amend or Lapse;

}

/// <summary>The validity rules (有效期): the longest period a document may state, and its dates.</summary>
public static class ValidityRules
{
    /// <summary>
    /// A stated validity of at least one year and at most the setting: 5 years, 2 for titles with 暂行/试行 (common
    /// provincial measures; the setting's article is cited).
    /// </summary>
    public static Refusal? CheckYears(int years, bool provisional, NormativeDocumentSettings settings)
    {
        var maximum = provisional ? settings.ProvisionalMaximumValidityYears : settings.MaximumValidityYears;
        if (years < 1)
        {
            return NormativeTexts.Catalog.Invalid("validity-required", settings.ValidityArticle, ("years", years));
        }
        return years > maximum
            ? NormativeTexts.Catalog.Invalid(provisional ? "validity-too-long-provisional" : "validity-too-long", settings.ValidityArticle, ("years", years), ("maximum", maximum))
            : null;
    }

    /// <summary>
    /// The dates of a validity of <paramref name="years"/> from <paramref name="effectiveFrom"/>. The effective day
    /// is itself in force, so the document ends on the day before the anniversary (a document in force from
    /// 2026-10-01 for 5 years is in force through 2031-09-30); a 29 February start has its anniversary on 28 February
    /// (《民法典》第二百零二条: no corresponding day → the month's last day). Expiry is not a period for someone to act
    /// in, so no rest-day roll-forward applies: the document lapses on that day "without further act".
    /// </summary>
    public static ValidityPeriod Period(DateOnly effectiveFrom, int years, int reminderMonths)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(years);
        var lapses = effectiveFrom.AddYears(years);
        return new ValidityPeriod(effectiveFrom, lapses.AddDays(-1), lapses, lapses.AddMonths(-reminderMonths));
    }

    /// <summary>
    /// The issuer's decision before expiry: “有效期届满前……评估” — continue (re-issue through the procedure), amend, or let
    /// it lapse (<see cref="ExpiryDecisions"/>), given while the document is in force, on its last day at the latest.
    /// After that day it has ceased to have effect without further act, and there is nothing left to decide.
    /// </summary>
    public static Refusal? CheckExpiryDecision(string? decision, DateOnly lastDayInForce, DateOnly today, NormativeDocumentSettings settings)
    {
        if (string.IsNullOrWhiteSpace(decision))
        {
            return NormativeTexts.Catalog.Invalid("expiry-decision-required", settings.ValidityArticle);
        }
        if (!ExpiryDecisions.IsKnown(decision))
        {
            return NormativeTexts.Catalog.Invalid("expiry-decision-unknown", settings.ValidityArticle, ("decision", decision));
        }
        return today > lastDayInForce
            ? NormativeTexts.Catalog.Conflict("expiry-decision-after-expiry", settings.ValidityArticle,
                ("lastDay", lastDayInForce.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            : null;
    }

    /// <summary>In force on <paramref name="day"/>: published, not repealed or declared invalid, and within its period.</summary>
    public static bool InForce(ValidityPeriod period, bool published, bool ended, DateOnly day) =>
        published && !ended && day >= period.EffectiveFrom && day <= period.LastDayInForce;
}
