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

    public static RecordRefusal? MayCreate(int year, int currentYear) =>
        year < currentYear - 1 || year > currentYear + 1
            ? RecordRefusal.Invalid("invalid-year", $"目录年度应为{currentYear - 1}至{currentYear + 1}年。A catalogue is for last, this or next year.")
            : null;

    /// <summary>An item: a title, a drafting unit under the organ, a planned quarter 1-4.</summary>
    public static RecordRefusal? MayAddItem(string status, string? title, bool unitUnderOrgan, int? plannedQuarter) =>
        status != CatalogueStatus.Draft
            ? RecordRefusal.Conflict("catalogue-not-draft",
                "党委同意后目录不再直接修改，请以调整（写明理由）的方式增减事项。After the Party committee's consent the catalogue changes only by an adjustment with a reason.", Article)
            : ItemProblem(title, unitUnderOrgan, plannedQuarter);

    public static RecordRefusal? MayRecordConsent(string status, int items, DateOnly? consentedOn, DateOnly today) =>
        status != CatalogueStatus.Draft
            ? RecordRefusal.Conflict("consent-already-recorded", "党委同意已经记录。The Party committee's consent is already recorded.", Article)
        : items == 0
            ? RecordRefusal.Conflict("catalogue-empty", "目录没有事项，不能报请同意。The catalogue has no item.", Article)
        : consentedOn is null || consentedOn > today
            ? RecordRefusal.Invalid("invalid-consent-date", "consentedOn 应为党委同意的日期，且不晚于今天。Give the day of the consent, not in the future.", Article)
        : null;

    /// <summary>第十条: published only after the Party committee at the same level consented.</summary>
    public static RecordRefusal? MayPublish(string status) => status switch
    {
        CatalogueStatus.Draft => RecordRefusal.Conflict("party-consent-missing",
            "决策事项目录应当经同级党委同意后向社会公布（第十条）。The catalogue is published only after the Party committee's consent.", Article),
        CatalogueStatus.Published => RecordRefusal.Conflict("catalogue-already-published", "目录已经公布。The catalogue is already published.", Article),
        _ => null,
    };

    /// <summary>An adjustment during the year: of a published catalogue, with a reason; withdrawing an item still listed; adding a valid item.</summary>
    public static RecordRefusal? MayAdjust(string status, string? kind, string? reason, bool? itemListed, string? title, bool unitUnderOrgan, int? plannedQuarter)
    {
        if (status != CatalogueStatus.Published)
        {
            return RecordRefusal.Conflict("catalogue-not-published",
                "目录公布前请直接修改草稿或重新报请同意；公布后的调整须写明理由并公布。Adjust a catalogue after it is published.", Article);
        }
        if (kind is null || !AdjustmentKinds.All.Contains(kind))
        {
            return RecordRefusal.Invalid("invalid-adjustment", "kind 应为 add 或 withdraw。kind must be add or withdraw.", Article);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return RecordRefusal.Invalid("adjustment-reason-required", "调整目录应当写明理由（第十条：根据实际情况进行调整）。Give the reason for the adjustment.", Article);
        }
        return kind == AdjustmentKinds.Withdraw
            ? itemListed == true ? null : RecordRefusal.Conflict("item-not-listed", "该事项不在目录中或已调出。The item is not listed.", Article)
            : ItemProblem(title, unitUnderOrgan, plannedQuarter);
    }

    /// <summary>A matter links to an item of its own organ's catalogue that is listed (published, not withdrawn).</summary>
    public static RecordRefusal? MayLink(string matterOrganId, string catalogueOrganId, string catalogueStatus, bool itemWithdrawn) =>
        matterOrganId != catalogueOrganId
            ? RecordRefusal.Invalid("item-of-another-organ", "只能关联本决策机关目录中的事项。Link to an item of the matter's own decision organ.", Article)
        : catalogueStatus != CatalogueStatus.Published
            ? RecordRefusal.Conflict("catalogue-not-published", "目录尚未公布。The catalogue is not published yet.", Article)
        : itemWithdrawn
            ? RecordRefusal.Conflict("item-not-listed", "该事项已调出目录。The item was withdrawn from the catalogue.", Article)
        : null;

    private static RecordRefusal? ItemProblem(string? title, bool unitUnderOrgan, int? plannedQuarter) =>
        string.IsNullOrWhiteSpace(title) || title.Length > 200
            ? RecordRefusal.Invalid("invalid-item", "事项名称必填，不超过200字。An item needs a title of at most 200 characters.")
        : !unitUnderOrgan
            ? RecordRefusal.Invalid("invalid-item", "承办单位应为本决策机关的下属单位。The drafting unit must be under the decision organ.")
        : plannedQuarter is not (>= 1 and <= 4)
            ? RecordRefusal.Invalid("invalid-item", "plannedQuarter 应为1至4。The planned quarter is 1 to 4.")
        : null;
}
