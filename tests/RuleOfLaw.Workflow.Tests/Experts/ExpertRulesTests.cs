using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Experts;
using RuleOfLaw.Workflow.Jurisdictions;
using static RuleOfLaw.Workflow.Tests.TestSupport.Refusals;

namespace RuleOfLaw.Workflow.Tests.Experts;

/// <summary>Expert argumentation's rules (第十九条至第二十一条) without a server.</summary>
public sealed class ExpertRulesTests
{
    private static readonly ExpertCandidate Wang = new("王专家", "demo-university");

    [Fact]
    public void The_pool_is_kept_by_the_review_office_with_name_field_and_employer()
    {
        Assert.Null(ExpertRules.ForbiddenPool(true));
        Refused(ExpertRules.ForbiddenPool(false), "forbidden", "第二十一条", RefusalClass.Forbidden);
        Assert.Null(ExpertRules.InvalidExpert("王专家", "交通运输规划", "示范大学"));
        Assert.Contains("专业领域", Refused(ExpertRules.InvalidExpert("王专家", " ", "示范大学"), "invalid-expert", null, RefusalClass.Invalid).Message);
        Refused(ExpertRules.UnknownOrganization("nowhere"), "unknown-organization", null, RefusalClass.Invalid);
        Refused(ExpertRules.UnknownUser("nobody"), "unknown-user", null, RefusalClass.Invalid);
    }

    [Fact]
    public void The_drafting_unit_chooses_neutral_experts_with_their_declaration()
    {
        Refused(ExpertRules.InvalidDeclaration(" "), "interest-declaration-required", "第二十条", RefusalClass.Invalid);
        Assert.Null(ExpertRules.InvalidDeclaration("与本事项无利害关系。"));
        Refused(ExpertRules.ForbiddenChoice(false), "forbidden", "第十九条", RefusalClass.Forbidden);
        Refused(ExpertRules.NoSuchExpert(), "not-found", null, RefusalClass.NotFound);
        Assert.Null(ExpertRules.MayJoin(Wang, false, "demo-transport", false));
        Assert.Contains("王专家", Refused(ExpertRules.MayJoin(Wang, true, "demo-transport", false), "expert-direct-interest", "第二十条", RefusalClass.Conflict).Message);
        Refused(ExpertRules.MayJoin(Wang, false, "demo-university", false), "expert-employed-by-drafting-unit", "第二十条", RefusalClass.Conflict);
        Refused(ExpertRules.MayJoin(Wang, false, "demo-transport", true), "expert-already-on-panel", null, RefusalClass.Conflict);
    }

    [Fact]
    public void A_panel_expert_signs_an_opinion_declaring_no_direct_interest()
    {
        Refused(ExpertRules.InvalidOpinion(""), "invalid-opinion", null, RefusalClass.Invalid);
        Assert.Null(ExpertRules.MaySign(true, true));
        Refused(ExpertRules.MaySign(false, true), "forbidden", "第十九条", RefusalClass.Forbidden);
        Refused(ExpertRules.MaySign(true, false), "expert-direct-interest", "第二十条", RefusalClass.Conflict);
        Refused(ExpertRules.NoSuchOpinion(), "not-found", null, RefusalClass.NotFound);
    }

    [Fact]
    public void An_opinion_not_adopted_in_full_is_answered_with_the_reason_by_the_drafting_unit()
    {
        Assert.Null(ExpertRules.InvalidAdoption("adopted", null));
        Refused(ExpertRules.InvalidAdoption("partly-adopted", " "), "invalid-adoption", null, RefusalClass.Invalid);
        Refused(ExpertRules.InvalidAdoption("ignored", "x"), "invalid-adoption", null, RefusalClass.Invalid);
        Refused(ExpertRules.ForbiddenAdoption(false), "forbidden", "第二十九条", RefusalClass.Forbidden);
    }

    [Fact]
    public void The_jurisdictions_panel_rules_are_checked_when_set()
    {
        var rules = new ExpertPanelRules(3, true, new Share(1, 3));
        Assert.Empty(ExpertRules.PanelProblems(7, 2, rules, "示范省"));
        Assert.Equal(["expert-panel-invalid"], ExpertRules.PanelProblems(0, 0, new ExpertPanelRules(null, false, null), "示范省").Select(r => r.Code));
        var problems = ExpertRules.PanelProblems(2, 1, rules, "示范省");
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Refused(p, "expert-panel-invalid", "第十九条、第二十条", RefusalClass.Conflict));
        Assert.Contains("至少3人", problems[0].Message);
        Assert.Contains("单数", problems[1].Message);
        Assert.Contains("1/3", problems[2].Message);
        Assert.Contains("1 of 2", problems[2].TextIn(TextCatalog.English));
    }

    [Fact]
    public void Every_panel_expert_signs_a_written_opinion()
    {
        Assert.Null(ExpertRules.OpinionsComplete([]));
        var missing = Refused(ExpertRules.OpinionsComplete(["王专家", "李专家"]), "expert-opinion-missing", "第十九条", RefusalClass.Conflict);
        Assert.Contains("王专家、李专家", missing.Message);
    }
}
