using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests.Procedure;

/// <summary>The meeting materials by procedure: 第二十九条's for a major decision, a normative document's own list.</summary>
public sealed class MeetingMaterialListsTests
{
    private static readonly Engine.Definitions.ProcedureDefinition Normative =
        RepositoryFiles.LoadedDefinitions.Where(d => d.Id == NormativeSteps.Definition).MaxBy(d => d.Version)!;

    [Fact]
    public void A_major_decision_brings_the_materials_of_article_29()
    {
        var list = MeetingMaterialLists.For(RepositoryFiles.MajorAdministrativeDecision);
        Assert.Equal("第二十九条", list.Article);
        Assert.Equal(
            ["draft", "drafting-explanation", "public-opinions", "group-opinions", "expert-opinions", "risk-assessment-report",
                "fair-competition-review", "legal-counsel-opinion", "legality-review-opinion"],
            list.Materials.Select(m => m.Code));
        Assert.Equal("第二十九条第一项", list.Materials.Single(m => m.Code == "fair-competition-review").Article);
        Assert.Equal("第二十九条", MeetingMaterialLists.ArticleFor(RepositoryFiles.MajorAdministrativeDecision.Id));
    }

    [Fact]
    public void A_normative_document_brings_what_the_domain_file_names_before_its_deliberation_each_from_a_step_of_its_procedure()
    {
        var list = MeetingMaterialLists.For(Normative);
        Assert.Equal(NormativeArticles.NoDeliberationWithoutReview, list.Article);
        Assert.Equal(NormativeArticles.NoDeliberationWithoutReview, MeetingMaterialLists.ArticleFor(NormativeSteps.Definition));
        Assert.Equal(
            [
                ("draft", NormativeSteps.ReviewSubmission, NormativeArticles.ReviewPackage),
                ("legal-bases", NormativeSteps.ReviewSubmission, NormativeArticles.ReviewPackage),
                ("consultation-record", NormativeSteps.Consultation, NormativeArticles.ReviewPackage),
                // The fair-competition review cites the rule the procedure's own step gives it, not the Regulation's 第二十九条第一项.
                ("fair-competition-review", NormativeSteps.FairCompetition, "《公平竞争审查条例》"),
                ("legality-review-opinion", NormativeSteps.LegalityReview, NormativeArticles.NoDeliberationWithoutReview),
            ],
            list.Materials.Select(m => (m.Code, m.StepId, m.Article)));
        // None of the major decision's art. 29 materials (experts, risk assessment, counsel) is asked of a normative document.
        Assert.DoesNotContain(list.Materials, m => m.Article.StartsWith("第二", StringComparison.Ordinal));
        // Every step named is a step of the procedure (a material can only come from a step the document goes through).
        Assert.All(list.Materials, m => Assert.Contains(Normative.Steps, s => s.Id == m.StepId));
        Assert.All(list.Materials, m => Assert.False(string.IsNullOrWhiteSpace(m.TitleEn)));
    }

    [Fact]
    public void Every_step_of_the_major_decision_list_is_a_step_of_that_procedure()
    {
        Assert.All(MeetingMaterialLists.MajorDecision.Materials,
            m => Assert.Contains(RepositoryFiles.MajorAdministrativeDecision.Steps, s => s.Id == m.StepId));
    }
}
