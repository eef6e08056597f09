using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>Drafting (title, legal bases, validity) and the validity dates (有效期: 5 years, 2 for 暂行/试行).</summary>
public sealed class DraftingAndValidityTests
{
    private static readonly NormativeDocumentSettings Settings = NormativeDocumentSettings.Default;
    private static readonly IssuingEntity Bureau = new(Guid.NewGuid(), "gov", "示范区教育局", "XJY", IssuingEntityKinds.Department, "X教规", true);

    private static DraftRecord Draft(string title = "示范区校外培训机构管理办法", bool provisional = false, int years = 5, params string[] bases) =>
        new(title, NormativeDocumentKinds.Department, provisional, years, false, false, bases.Length == 0 ? ["《中华人民共和国教育法》"] : bases);

    [Fact]
    public void A_well_formed_draft_by_a_listed_department_is_accepted()
    {
        Assert.Empty(DraftingRules.Check(Draft(), Bureau, Settings));
        Assert.Empty(DraftingRules.Check(Draft("示范区校外培训机构管理暂行办法", provisional: true, years: 2), Bureau, Settings));
    }

    [Fact]
    public void Validity_longer_than_five_years_is_refused_citing_the_setting()
    {
        var refusal = Assert.Single(DraftingRules.Check(Draft(years: 6), Bureau, Settings));
        Assert.Equal("validity-too-long", refusal.Code);
        Assert.Equal(Settings.ValidityArticle, refusal.Article);
        Assert.Equal("5", refusal.Arg("maximum"));
    }

    [Fact]
    public void A_provisional_document_may_run_two_years_not_three()
    {
        var refusal = Assert.Single(DraftingRules.Check(Draft("示范区校外培训机构管理试行办法", provisional: true, years: 3), Bureau, Settings));
        Assert.Equal("validity-too-long-provisional", refusal.Code);
        Assert.Equal("2", refusal.Arg("maximum"));
        Assert.Equal("validity-required", ValidityRules.CheckYears(0, false, Settings)?.Code);
    }

    [Fact]
    public void The_provisional_flag_must_agree_with_the_title()
    {
        Assert.Equal("provisional-title-mismatch", Assert.Single(DraftingRules.Check(Draft("示范区校外培训机构管理暂行办法", provisional: false, years: 2), Bureau, Settings)).Code);
        Assert.Equal("provisional-title-mismatch", Assert.Single(DraftingRules.Check(Draft(provisional: true, years: 2), Bureau, Settings)).Code);
    }

    [Fact]
    public void A_draft_without_title_or_legal_basis_or_issuer_lists_every_refusal()
    {
        var codes = DraftingRules.Check(Draft(title: "", years: 5, bases: " "), null, Settings).Select(r => r.Code);
        Assert.Equal(["issuer-not-on-list", "title-required", "legal-basis-required"], codes);
    }

    [Fact]
    public void A_document_in_force_from_2026_10_01_for_5_years_ends_2031_09_30_and_is_recalled_six_months_before()
    {
        var period = ValidityRules.Period(new DateOnly(2026, 10, 1), 5, 6);
        Assert.Equal(new DateOnly(2031, 9, 30), period.LastDayInForce);
        Assert.Equal(new DateOnly(2031, 10, 1), period.LapsesOn);
        Assert.Equal(new DateOnly(2031, 4, 1), period.ReminderOn);
        Assert.True(ValidityRules.InForce(period, published: true, ended: false, new DateOnly(2031, 9, 30)));
        Assert.False(ValidityRules.InForce(period, published: true, ended: false, new DateOnly(2031, 10, 1)));
        Assert.False(ValidityRules.InForce(period, published: false, ended: false, new DateOnly(2027, 1, 1)));
        Assert.False(ValidityRules.InForce(period, published: true, ended: true, new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void The_expiry_decision_is_one_of_three_given_on_the_last_day_in_force_at_the_latest()
    {
        var last = new DateOnly(2031, 9, 30);
        Assert.Null(ValidityRules.CheckExpiryDecision(ExpiryDecisions.Continue, last, new DateOnly(2031, 4, 1), Settings));
        Assert.Null(ValidityRules.CheckExpiryDecision(ExpiryDecisions.Lapse, last, last, Settings));

        var required = ValidityRules.CheckExpiryDecision(" ", last, last, Settings)!;
        Assert.Equal(("expiry-decision-required", Settings.ValidityArticle), (required.Code, required.Article));
        var unknown = ValidityRules.CheckExpiryDecision("extend", last, last, Settings)!;
        Assert.Equal(("expiry-decision-unknown", "extend"), (unknown.Code, unknown.Arg("decision")));
        Assert.Equal(RefusalClass.Invalid, unknown.Class);
        // The day after the last day in force it has lapsed by itself: nothing is left to decide (409).
        var late = ValidityRules.CheckExpiryDecision(ExpiryDecisions.Amend, last, new DateOnly(2031, 10, 1), Settings)!;
        Assert.Equal(("expiry-decision-after-expiry", "2031-09-30", Settings.ValidityArticle), (late.Code, late.Arg("lastDay"), late.Article));
        Assert.Equal(RefusalClass.Conflict, late.Class);
    }

    [Fact]
    public void A_29_February_start_has_its_anniversary_on_28_February()
    {
        var period = ValidityRules.Period(new DateOnly(2028, 2, 29), 1, 6);
        Assert.Equal(new DateOnly(2029, 2, 28), period.LapsesOn);
        Assert.Equal(new DateOnly(2029, 2, 27), period.LastDayInForce);
    }

    [Fact]
    public void The_issuers_head_is_a_departments_drafting_head_or_a_governments_chief_executive()
    {
        // A government has no drafting head: its document's expiry decision and correction answers are its chief
        // executive's (found walking a government document to its expiry, where no one could decide).
        Assert.True(IssuerHead.Is([new Membership("county", Roles.ChiefExecutive)], "county"));
        Assert.True(IssuerHead.Is([new Membership("county-drc", Roles.DraftingHead)], "county-drc"));
        Assert.False(IssuerHead.Is([new Membership("county-drc", Roles.DraftingOfficer)], "county-drc"));
        Assert.False(IssuerHead.Is([new Membership("county", Roles.ChiefExecutive)], "county-drc"));
        Assert.False(IssuerHead.Is([new Membership("county-drc", Roles.DraftingHead)], "county"));
    }
}
