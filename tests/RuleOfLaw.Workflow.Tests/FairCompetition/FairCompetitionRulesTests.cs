using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.FairCompetition;
using RuleOfLaw.Workflow.Tests.TestSupport;
using static RuleOfLaw.Workflow.Tests.TestSupport.Refusals;

namespace RuleOfLaw.Workflow.Tests.FairCompetition;

/// <summary>The fair-competition review's rules without a server, each refusal citing the rule of the matter's procedure.</summary>
public sealed class FairCompetitionRulesTests
{
    private static readonly string MajorDecision = FairCompetitionRules.ArticleIn(RepositoryFiles.MajorAdministrativeDecision);

    private static string NormativeDocument => FairCompetitionRules.ArticleIn(
        RepositoryFiles.LoadedDefinitions.Where(d => d.Id == "normative-document").MaxBy(d => d.Version)!);

    [Fact]
    public void A_major_decision_cites_the_regulation_and_a_normative_document_the_fair_competition_review_rules()
    {
        Assert.Equal("第二十九条第一项", MajorDecision);
        // The normative-document procedure's review step names the fair-competition review rules, not the
        // major-decision Regulation (a normative document is not a major decision by itself).
        Assert.Equal("《公平竞争审查条例》", NormativeDocument);
    }

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
        Assert.Null(FairCompetitionRules.Forbidden(draftingUnit: true, MajorDecision));
        Refused(FairCompetitionRules.Forbidden(draftingUnit: false, MajorDecision), "forbidden", "第二十九条第一项", RefusalClass.Forbidden);
        Refused(FairCompetitionRules.Forbidden(draftingUnit: false, NormativeDocument), "forbidden", "《公平竞争审查条例》", RefusalClass.Forbidden);
    }

    [Fact]
    public void The_task_completes_only_with_a_conclusion_that_lets_the_draft_go_on()
    {
        Refused(FairCompetitionRules.Completion(null, MajorDecision), "fair-competition-conclusion-missing", "第二十九条第一项", RefusalClass.Conflict);
        Refused(FairCompetitionRules.Completion("not-compliant", MajorDecision), "fair-competition-not-compliant", "第二十九条第一项", RefusalClass.Conflict);
        Refused(FairCompetitionRules.Completion(null, NormativeDocument), "fair-competition-conclusion-missing", "《公平竞争审查条例》", RefusalClass.Conflict);
        Refused(FairCompetitionRules.Completion("not-compliant", NormativeDocument), "fair-competition-not-compliant", "《公平竞争审查条例》", RefusalClass.Conflict);
        Assert.Null(FairCompetitionRules.Completion("adjusted", NormativeDocument));
        Assert.Null(FairCompetitionRules.Completion("exception", MajorDecision));
    }
}
