using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Initiation;
using RuleOfLaw.Workflow.Rules;
using static RuleOfLaw.Workflow.Tests.TestSupport.Refusals;

namespace RuleOfLaw.Workflow.Tests.Initiation;

/// <summary>The initiation's rules (第三条、第十条至第十五条) without a server.</summary>
public sealed class InitiationRulesTests
{
    private static readonly InitiationForm Complete = new("department", null, true, 2026, "第3项 城区停车收费调整", null, null);
    private static readonly Dictionary<string, bool> Plain = [];

    private static Refusal For(IReadOnlyList<Refusal> refusals, string field) =>
        Assert.Single(refusals, r => r.Arguments?.GetValueOrDefault(RequestField.Argument) as string == field);

    [Fact]
    public void A_complete_record_is_accepted()
    {
        Assert.Empty(InitiationRules.Invalid(Complete, Plain));
        Assert.Empty(InitiationRules.Invalid(Complete with { InCatalogue = false, CatalogueYear = null, CatalogueItem = null }, Plain));
    }

    [Fact]
    public void An_incomplete_record_is_refused_with_one_refusal_per_field_and_its_article()
    {
        var refusals = InitiationRules.Invalid(new InitiationForm("mayor", null, true, 1999, null, null, null),
            new Dictionary<string, bool> { ["urgent"] = true, ["notDisclosable"] = true });
        Refused(refusals[0], "invalid-initiation", "第十条至第十五条", RefusalClass.Invalid);
        Refused(For(refusals, "proposalSource"), "invalid-initiation", "第十条", RefusalClass.Invalid);
        Refused(For(refusals, "catalogue"), "invalid-initiation", "第三条第三款", RefusalClass.Invalid);
        Refused(For(refusals, "notDisclosableGround"), "invalid-initiation", "第十四条、第三十二条", RefusalClass.Invalid);
        Refused(For(refusals, "urgentReason"), "invalid-initiation", "第十五条", RefusalClass.Invalid);
        Assert.Equal(5, refusals.Count);
        Refused(For(InitiationRules.Invalid(Complete with { ProposalDetail = new string('x', InitiationRules.MaxText + 1) }, Plain), "text"),
            "invalid-initiation", null, RefusalClass.Invalid);
    }

    [Fact]
    public void Only_the_drafting_unit_records_the_initiation_and_changes_attributes()
    {
        Assert.Null(InitiationRules.Forbidden(true));
        Refused(InitiationRules.Forbidden(false), "forbidden", "第十条", RefusalClass.Forbidden);
        Refused(InitiationRules.Forbidden(false, attributes: true), "forbidden", "第十条", RefusalClass.Forbidden);
    }

    [Fact]
    public void An_attribute_change_names_attributes_and_a_reason()
    {
        Assert.Null(InitiationRules.InvalidAttributeChange(new Dictionary<string, bool> { ["technical"] = true }, "专业性较强。"));
        Refused(InitiationRules.InvalidAttributeChange(new Dictionary<string, bool> { ["technical"] = true }, " "), "invalid-attribute-change", null, RefusalClass.Invalid);
        Refused(InitiationRules.InvalidAttributeChange(new Dictionary<string, bool>(), "理由"), "invalid-attribute-change", null, RefusalClass.Invalid);
    }

    [Fact]
    public void Initiation_completes_only_with_the_ground_of_a_secret_matter_and_the_reason_of_an_urgent_one()
    {
        var both = new Dictionary<string, bool> { ["urgent"] = true, ["notDisclosable"] = true };
        var refusals = InitiationRules.Completion(both, null, " ");
        Refused(refusals[0], "not-disclosable-ground-required", "第十四条、第三十二条", RefusalClass.Conflict);
        Refused(refusals[1], "urgent-reason-required", "第十五条", RefusalClass.Conflict);
        Assert.Empty(InitiationRules.Completion(both, "《保守国家秘密法》第九条", "春节前须实施。"));
        Assert.Empty(InitiationRules.Completion(Plain, null, null));
        Refused(InitiationRules.NoRecord(), "not-found", null, RefusalClass.NotFound);
    }
}
