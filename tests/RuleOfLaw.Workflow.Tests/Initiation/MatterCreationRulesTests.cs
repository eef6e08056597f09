using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Initiation;
using RuleOfLaw.Workflow.Rules;
using static RuleOfLaw.Workflow.Tests.TestSupport.Refusals;

namespace RuleOfLaw.Workflow.Tests.Initiation;

/// <summary>What a new matter must satisfy (第三条、第十条) without a server.</summary>
public sealed class MatterCreationRulesTests
{
    private static string? FieldOf(Refusal refusal) => refusal.Arguments?.GetValueOrDefault(RequestField.Argument) as string;

    [Theory]
    [InlineData(null)]
    [InlineData("public-policy")]
    [InlineData("major-impact")]
    public void No_category_or_one_of_art_3s_kinds_is_accepted(string? category) =>
        Assert.Null(MatterCreationRules.Category(category));

    [Theory]
    [InlineData("macro-control", "宏观调控")]
    [InlineData("legislation", "政府立法")]
    [InlineData("emergency", "突发事件")]
    public void A_kind_art_3_para_2_excludes_is_refused_with_its_own_reason(string category, string reason)
    {
        var refusal = Refused(MatterCreationRules.Category(category), "category-excluded", "第三条第二款", RefusalClass.Invalid);
        Assert.Contains(reason, refusal.TextIn(TextCatalog.Chinese));
        Assert.Equal("category", FieldOf(refusal));
    }

    [Fact]
    public void Any_other_category_is_refused_listing_art_3s_kinds()
    {
        var refusal = Refused(MatterCreationRules.Category("misc"), "unknown-category", "第三条第一款", RefusalClass.Invalid);
        Assert.Contains("development-plan", refusal.TextIn(TextCatalog.English));
        Assert.Equal(MatterCategories.All.Keys, (IEnumerable<string>)refusal.Arguments!["categories"]!);
    }

    [Fact]
    public void An_attribute_the_procedure_does_not_define_is_refused_by_name()
    {
        string[] defined = ["urgent", "technical"];
        Assert.Null(MatterCreationRules.UnknownAttributes(["urgent"], defined));
        Assert.Null(MatterCreationRules.UnknownAttributes([], defined));
        var refusal = Refused(MatterCreationRules.UnknownAttributes(["urgent", "technicl"], defined), "unknown-attribute", null, RefusalClass.Invalid);
        Assert.Equal(["technicl"], (IEnumerable<string>)refusal.Arguments!["attributes"]!);
        Assert.Contains("technicl", refusal.TextIn(TextCatalog.Chinese));
        Assert.Equal("attributes", FieldOf(refusal));
    }

    [Fact]
    public void Only_a_drafting_unit_creates_a_matter()
    {
        Assert.Null(MatterCreationRules.DraftingUnit(holdsDraftingRole: true));
        var refusal = Refused(MatterCreationRules.DraftingUnit(holdsDraftingRole: false), "forbidden", "第十条", RefusalClass.Forbidden);
        Assert.Equal("draftingUnitId", FieldOf(refusal));
    }

    [Fact]
    public void Configuration_refusals_name_what_is_missing()
    {
        Assert.Contains("no-such", Refused(MatterCreationRules.DefinitionNotInstalled("no-such"), "definition-not-installed", null, RefusalClass.Invalid)
            .TextIn(TextCatalog.English));
        var unresolved = Refused(MatterCreationRules.AssignmentUnresolved([MatterCreationRules.AssignmentProblems.UnknownScope("expert-poool")]),
            "assignment-unresolved", null, RefusalClass.Invalid);
        Assert.EndsWith("未知的职责 expert-poool。", unresolved.TextIn(TextCatalog.Chinese));
        Assert.EndsWith("Unknown scope expert-poool.", unresolved.TextIn(TextCatalog.English));
        var jurisdiction = Refused(MatterCreationRules.JurisdictionNotFound("far-county", "no-such-province"), "jurisdiction-not-found", null, RefusalClass.Invalid);
        Assert.Contains("no-such-province", jurisdiction.TextIn(TextCatalog.English));
    }
}
