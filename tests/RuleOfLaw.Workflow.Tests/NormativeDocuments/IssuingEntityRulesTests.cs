using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>The issuing-entity list (制定主体清单) and the drafting refusals it gives (Notice 37).</summary>
public sealed class IssuingEntityRulesTests
{
    private static IssuingEntity Entity(string kind, bool listed = true) =>
        new(Guid.NewGuid(), "gov", "示范区人民政府", "XQ", kind, "X府规", listed);

    [Theory]
    [InlineData(IssuingEntityKinds.CoordinationBody)]
    [InlineData(IssuingEntityKinds.TemporaryBody)]
    [InlineData(IssuingEntityKinds.InternalDivision)]
    public void A_coordination_body_temporary_body_or_internal_division_cannot_be_listed(string kind)
    {
        var refusal = Assert.Single(IssuingEntityRules.CheckListing(new IssuingEntityListing("某领导小组", "LX", kind, "X领"), []));
        Assert.Equal("issuer-kind-not-allowed", refusal.Code);
        Assert.Contains("议事协调机构、临时机构、内设机构不得制发", refusal.Article);
        Assert.Equal(kind, refusal.Arg("kind"));
    }

    [Theory]
    [InlineData(IssuingEntityKinds.CoordinationBody)]
    [InlineData(IssuingEntityKinds.TemporaryBody)]
    [InlineData(IssuingEntityKinds.InternalDivision)]
    public void Drafting_is_refused_for_those_kinds_even_if_a_row_says_listed(string kind)
    {
        var refusal = IssuingEntityRules.CheckDrafting(Entity(kind), NormativeDocumentKinds.Department);
        Assert.Equal("issuer-kind-not-allowed", refusal?.Code);
        Assert.Contains("国办发〔2018〕37号", refusal!.Article);
    }

    [Fact]
    public void Drafting_is_refused_for_an_entity_not_on_the_list_or_taken_off_it()
    {
        var none = IssuingEntityRules.CheckDrafting(null, NormativeDocumentKinds.Department);
        Assert.Equal("issuer-not-on-list", none?.Code);
        Assert.Contains("制定主体清单", none!.Article);
        Assert.Equal("issuer-not-on-list", IssuingEntityRules.CheckDrafting(Entity(IssuingEntityKinds.Department, listed: false), NormativeDocumentKinds.Department)?.Code);
    }

    [Fact]
    public void A_government_issues_government_documents_and_a_department_department_documents()
    {
        Assert.Null(IssuingEntityRules.CheckDrafting(Entity(IssuingEntityKinds.Government), NormativeDocumentKinds.Government));
        Assert.Null(IssuingEntityRules.CheckDrafting(Entity(IssuingEntityKinds.GovernmentOffice), NormativeDocumentKinds.Government));
        Assert.Null(IssuingEntityRules.CheckDrafting(Entity(IssuingEntityKinds.Department), NormativeDocumentKinds.Department));
        var mismatch = IssuingEntityRules.CheckDrafting(Entity(IssuingEntityKinds.Department), NormativeDocumentKinds.Government);
        Assert.Equal("document-kind-mismatch", mismatch?.Code);
        Assert.Equal(NormativeDocumentKinds.Department, mismatch!.Arg("expected"));
        Assert.Equal("document-kind-unknown", IssuingEntityRules.CheckDrafting(Entity(IssuingEntityKinds.Department), "circular")?.Code);
    }

    [Fact]
    public void A_listing_needs_a_known_kind_a_unique_well_formed_code_a_name_and_a_prefix()
    {
        Assert.Empty(IssuingEntityRules.CheckListing(new IssuingEntityListing("示范区教育局", "XJY", IssuingEntityKinds.Department, "X教规"), ["XQ"]));
        Assert.Equal("issuer-code-taken", Assert.Single(IssuingEntityRules.CheckListing(new IssuingEntityListing("示范区教育局", "XQ", IssuingEntityKinds.Department, "X教规"), ["XQ"])).Code);
        Assert.Equal("issuer-code-invalid", Assert.Single(IssuingEntityRules.CheckListing(new IssuingEntityListing("示范区教育局", "xq-1", IssuingEntityKinds.Department, "X教规"), [])).Code);
        Assert.Equal("issuer-kind-unknown", Assert.Single(IssuingEntityRules.CheckListing(new IssuingEntityListing("示范区教育局", "XJ", "bureau", "X教规"), [])).Code);
        var codes = IssuingEntityRules.CheckListing(new IssuingEntityListing(" ", "XJ", IssuingEntityKinds.Department, ""), []).Select(r => r.Code);
        Assert.Equal(["issuer-name-required", "issuer-prefix-required"], codes);
    }
}
