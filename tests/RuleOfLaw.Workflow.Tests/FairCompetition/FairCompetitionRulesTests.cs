using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.FairCompetition;
using static RuleOfLaw.Workflow.Tests.TestSupport.Refusals;

namespace RuleOfLaw.Workflow.Tests.FairCompetition;

/// <summary>The fair-competition review's rules (第二十九条第一项) without a server.</summary>
public sealed class FairCompetitionRulesTests
{
    [Fact]
    public void A_conclusion_is_one_of_four_and_all_but_compliant_state_the_situation()
    {
        Assert.Null(FairCompetitionRules.Invalid("compliant", null));
        Assert.Null(FairCompetitionRules.Invalid("adjusted", "已删除第七条。"));
        Refused(FairCompetitionRules.Invalid("adjusted", " "), "invalid-fair-competition-review", null, RefusalClass.Invalid);
        Refused(FairCompetitionRules.Invalid("fine", "x"), "invalid-fair-competition-review", null, RefusalClass.Invalid);
        Refused(FairCompetitionRules.Invalid(null, null), "invalid-fair-competition-review", null, RefusalClass.Invalid);
        Refused(FairCompetitionRules.Invalid("exception", new string('x', FairCompetitionRules.MaxDetail + 1)), "invalid-fair-competition-review", null,
            RefusalClass.Invalid);
    }

    [Fact]
    public void Only_the_drafting_unit_reviews()
    {
        Assert.Null(FairCompetitionRules.Forbidden(draftingUnit: true));
        Refused(FairCompetitionRules.Forbidden(draftingUnit: false), "forbidden", "第二十九条第一项", RefusalClass.Forbidden);
    }

    [Fact]
    public void The_task_completes_only_with_a_conclusion_that_lets_the_draft_go_on()
    {
        Refused(FairCompetitionRules.Completion(null), "fair-competition-conclusion-missing", "第二十九条第一项", RefusalClass.Conflict);
        Refused(FairCompetitionRules.Completion("not-compliant"), "fair-competition-not-compliant", "第二十九条第一项", RefusalClass.Conflict);
        Assert.Null(FairCompetitionRules.Completion("adjusted"));
        Assert.Null(FairCompetitionRules.Completion("exception"));
    }
}
