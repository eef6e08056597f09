using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Record.Catalogue;

namespace RuleOfLaw.Workflow.Tests.Record;

/// <summary>The annual catalogue's rules (第十条第二款): draft freely, consent, publish only after consent, adjust with a reason.</summary>
public sealed class CatalogueRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static void Refused(Refusal? refusal, string code, RefusalClass kind)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, (RefusalClass?)kind), (refusal.Code, refusal.Class));
        // Both languages have the text (the catalog renders it, never the code itself).
        Assert.NotEqual(refusal.TextIn(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), refusal.TextIn(System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void A_catalogue_is_for_last_this_or_next_year()
    {
        Assert.Null(CatalogueRules.MayCreate(2027, 2026));
        Refused(CatalogueRules.MayCreate(2029, 2026), "invalid-year", RefusalClass.Invalid);
    }

    [Fact]
    public void Items_are_added_to_a_draft_only_and_must_be_complete()
    {
        Assert.Null(CatalogueRules.MayAddItem(CatalogueStatus.Draft, "城区停车收费调整", true, 2));
        var frozen = CatalogueRules.MayAddItem(CatalogueStatus.Consented, "城区停车收费调整", true, 2);
        Refused(frozen, "catalogue-not-draft", RefusalClass.Conflict);
        Assert.Equal("第十条", frozen!.Article);
        Refused(CatalogueRules.MayAddItem(CatalogueStatus.Draft, " ", true, 2), "invalid-item", RefusalClass.Invalid);
        Refused(CatalogueRules.MayAddItem(CatalogueStatus.Draft, "事项", false, 2), "invalid-item", RefusalClass.Invalid);
        Refused(CatalogueRules.MayAddItem(CatalogueStatus.Draft, "事项", true, 5), "invalid-item", RefusalClass.Invalid);
    }

    [Fact]
    public void Consent_needs_a_draft_with_items_and_a_day_not_in_the_future()
    {
        Assert.Null(CatalogueRules.MayRecordConsent(CatalogueStatus.Draft, 3, Today, Today));
        Refused(CatalogueRules.MayRecordConsent(CatalogueStatus.Consented, 3, Today, Today), "consent-already-recorded", RefusalClass.Conflict);
        Refused(CatalogueRules.MayRecordConsent(CatalogueStatus.Draft, 0, Today, Today), "catalogue-empty", RefusalClass.Conflict);
        Refused(CatalogueRules.MayRecordConsent(CatalogueStatus.Draft, 3, Today.AddDays(1), Today), "invalid-consent-date", RefusalClass.Invalid);
        Refused(CatalogueRules.MayRecordConsent(CatalogueStatus.Draft, 3, null, Today), "invalid-consent-date", RefusalClass.Invalid);
    }

    [Fact]
    public void Publication_comes_only_after_the_Party_committee_consented()
    {
        var early = CatalogueRules.MayPublish(CatalogueStatus.Draft);
        Refused(early, "party-consent-missing", RefusalClass.Conflict);
        Assert.Contains("经同级党委同意后向社会公布", early!.Message);
        Assert.Contains("Party committee", early.TextIn(System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Null(CatalogueRules.MayPublish(CatalogueStatus.Consented));
        Refused(CatalogueRules.MayPublish(CatalogueStatus.Published), "catalogue-already-published", RefusalClass.Conflict);
    }

    [Fact]
    public void An_adjustment_is_of_a_published_catalogue_with_a_reason()
    {
        Assert.Null(CatalogueRules.MayAdjust(CatalogueStatus.Published, AdjustmentKinds.Add, "上级部署新增", null, "新增事项", true, 3));
        Assert.Null(CatalogueRules.MayAdjust(CatalogueStatus.Published, AdjustmentKinds.Withdraw, "情况变化", true, null, false, null));
        Refused(CatalogueRules.MayAdjust(CatalogueStatus.Consented, AdjustmentKinds.Add, "理由", null, "事项", true, 3), "catalogue-not-published", RefusalClass.Conflict);
        Refused(CatalogueRules.MayAdjust(CatalogueStatus.Published, "rename", "理由", null, "事项", true, 3), "invalid-adjustment", RefusalClass.Invalid);
        Refused(CatalogueRules.MayAdjust(CatalogueStatus.Published, AdjustmentKinds.Add, "  ", null, "事项", true, 3), "adjustment-reason-required", RefusalClass.Invalid);
        Refused(CatalogueRules.MayAdjust(CatalogueStatus.Published, AdjustmentKinds.Withdraw, "理由", false, null, false, null), "item-not-listed", RefusalClass.Conflict);
        Refused(CatalogueRules.MayAdjust(CatalogueStatus.Published, AdjustmentKinds.Add, "理由", null, "事项", false, 3), "invalid-item", RefusalClass.Invalid);
    }

    [Fact]
    public void A_matter_links_to_a_listed_item_of_its_own_organs_published_catalogue()
    {
        Assert.Null(CatalogueRules.MayLink("gov", "gov", CatalogueStatus.Published, itemWithdrawn: false));
        Refused(CatalogueRules.MayLink("gov", "city", CatalogueStatus.Published, false), "item-of-another-organ", RefusalClass.Invalid);
        Refused(CatalogueRules.MayLink("gov", "gov", CatalogueStatus.Draft, false), "catalogue-not-published", RefusalClass.Conflict);
        Refused(CatalogueRules.MayLink("gov", "gov", CatalogueStatus.Published, true), "item-not-listed", RefusalClass.Conflict);
    }
}
