using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Record.Catalogue;

/// <summary>The states of a year's catalogue: drafted, consented by the Party committee, published (then adjusted).</summary>
public static class CatalogueStatus
{
    public const string Draft = "draft";
    public const string Consented = "consented";
    public const string Published = "published";
}

public static class AdjustmentKinds
{
    /// <summary>An item added during the year.</summary>
    public const string Add = "add";

    /// <summary>An item taken out during the year (it stays listed, marked withdrawn, with the reason).</summary>
    public const string Withdraw = "withdraw";

    public static readonly IReadOnlyList<string> All = [Add, Withdraw];
}

/// <summary>
/// The annual catalogue of major decisions (重大行政决策事项目录), 《重大行政决策程序暂行条例》第十条第二款: the decision organ
/// fixes its catalogue, publishes it **after the Party committee at the same level consents** (经同级党委同意后向社会公布),
/// and adjusts it as circumstances require. Drafting is free until the consent; after it, the text the committee
/// consented to is frozen and every change is an adjustment with a reason, published like the catalogue.
/// </summary>
public static class CatalogueRules
{
    public const string Article = "第十条";

    private static RecordTexts T => RecordTexts.Catalog;

    public static Refusal? MayCreate(int year, int currentYear) =>
        year < currentYear - 1 || year > currentYear + 1 ? T.Invalid("invalid-year", null, ("from", currentYear - 1), ("to", currentYear + 1)) : null;

    /// <summary>An item: a title, a drafting unit under the organ, a planned quarter 1-4.</summary>
    public static Refusal? MayAddItem(string status, string? title, bool unitUnderOrgan, int? plannedQuarter) =>
        status != CatalogueStatus.Draft ? T.Conflict("catalogue-not-draft", Article) : ItemProblem(title, unitUnderOrgan, plannedQuarter);

    public static Refusal? MayRecordConsent(string status, int items, DateOnly? consentedOn, DateOnly today) =>
        status != CatalogueStatus.Draft ? T.Conflict("consent-already-recorded", Article)
        : items == 0 ? T.Conflict("catalogue-empty", Article)
        : consentedOn is null || consentedOn > today ? T.Invalid("invalid-consent-date", Article)
        : null;

    /// <summary>第十条: published only after the Party committee at the same level consented (经同级党委同意后向社会公布).</summary>
    public static Refusal? MayPublish(string status) => status switch
    {
        CatalogueStatus.Draft => T.Conflict("party-consent-missing", Article),
        CatalogueStatus.Published => T.Conflict("catalogue-already-published", Article),
        _ => null,
    };

    /// <summary>An adjustment during the year: of a published catalogue, with a reason; withdrawing an item still listed; adding a valid item.</summary>
    public static Refusal? MayAdjust(string status, string? kind, string? reason, bool? itemListed, string? title, bool unitUnderOrgan, int? plannedQuarter)
    {
        if (status != CatalogueStatus.Published)
        {
            return T.Conflict("catalogue-not-published.adjust", Article);
        }
        if (kind is null || !AdjustmentKinds.All.Contains(kind))
        {
            return T.Invalid("invalid-adjustment", Article, ("kinds", AdjustmentKinds.All));
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return T.Invalid("adjustment-reason-required", Article);
        }
        return kind == AdjustmentKinds.Withdraw
            ? itemListed == true ? null : T.Conflict("item-not-listed", Article)
            : ItemProblem(title, unitUnderOrgan, plannedQuarter);
    }

    /// <summary>A matter links to an item of its own organ's catalogue that is listed (published, not withdrawn).</summary>
    public static Refusal? MayLink(string matterOrganId, string catalogueOrganId, string catalogueStatus, bool itemWithdrawn) =>
        matterOrganId != catalogueOrganId ? T.Invalid("item-of-another-organ", Article)
        : catalogueStatus != CatalogueStatus.Published ? T.Conflict("catalogue-not-published.link", Article)
        : itemWithdrawn ? T.Conflict("item-not-listed", Article)
        : null;

    private static Refusal? ItemProblem(string? title, bool unitUnderOrgan, int? plannedQuarter) =>
        string.IsNullOrWhiteSpace(title) || title.Length > 200 ? T.Invalid("invalid-item.title")
        : !unitUnderOrgan ? T.Invalid("invalid-item.unit")
        : plannedQuarter is not (>= 1 and <= 4) ? T.Invalid("invalid-item.quarter")
        : null;
}
