using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>
/// The worked examples of shared/domain/normative-documents.md on the real 2026 calendar and the repository's
/// jurisdiction settings, plus the legality-review checklist.
/// </summary>
public sealed class WorkedExampleTests
{
    private static readonly NormativeDocumentSettings Settings = RepositoryFiles.Jurisdiction("default").NormativeDocuments;

    [Fact]
    public void Example_1_filing_of_a_document_issued_2026_09_16_is_due_2026_10_08()
    {
        var due = FilingRules.Due(RepositoryFiles.Calculator(), new DateOnly(2026, 9, 16), Settings);
        Assert.Equal(new DateOnly(2026, 10, 8), due.LastDay);
        Assert.True(FilingRules.Timely(new DateOnly(2026, 10, 8), due.LastDay));
        Assert.False(FilingRules.Timely(new DateOnly(2026, 10, 9), due.LastDay));
    }

    [Fact]
    public void Example_2_a_7_working_day_consultation_published_2026_06_15_stays_open_through_2026_06_25()
    {
        var calculator = RepositoryFiles.Calculator();
        var close = ConsultationRules.EarliestClose(calculator, new DateOnly(2026, 6, 15), Settings, affectsMarketActors: false);
        Assert.Equal(new DateOnly(2026, 6, 25), close.LastDay);
        var refusal = ConsultationRules.CheckClosingDay(calculator, new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 24), Settings, false);
        Assert.Equal("consultation-too-short", refusal?.Code);
        Assert.Contains("7个工作日", refusal!.Article);
        Assert.Null(ConsultationRules.CheckClosingDay(calculator, new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 25), Settings, false));
    }

    [Fact]
    public void With_market_actors_the_same_consultation_needs_30_days()
    {
        var close = ConsultationRules.EarliestClose(RepositoryFiles.Calculator(), new DateOnly(2026, 6, 15), Settings, affectsMarketActors: true);
        Assert.Equal(new DateOnly(2026, 7, 15), close.LastDay);
        Assert.Contains("30日", ConsultationRules.Minimum(Settings, true).Article);
    }

    [Fact]
    public void Example_3_a_review_submitted_2026_02_09_may_end_on_2026_02_14_and_must_by_2026_03_06()
    {
        var window = LegalityReviewRules.Window(RepositoryFiles.Calculator(), new DateOnly(2026, 2, 9), Settings);
        Assert.Equal(new DateOnly(2026, 2, 14), window.Earliest.LastDay);
        Assert.Equal(new DateOnly(2026, 3, 6), window.Latest.LastDay);
        var early = LegalityReviewRules.CheckOpinionDay(window, new DateOnly(2026, 2, 13), Settings);
        Assert.Equal("review-minimum-not-elapsed", early?.Code);
        Assert.Contains("5个工作日", early!.Article);
        Assert.Equal("2026-02-14", early!.Arg("earliest"));
        Assert.Null(LegalityReviewRules.CheckOpinionDay(window, new DateOnly(2026, 2, 14), Settings));
        Assert.False(LegalityReviewRules.IsOverdue(window, new DateOnly(2026, 3, 6)));
        Assert.True(LegalityReviewRules.IsOverdue(window, new DateOnly(2026, 3, 7)));
    }

    [Fact]
    public void Example_4_a_department_document_has_one_recipient_a_government_document_two()
    {
        Assert.Equal([FilingRecipientKinds.SameLevelGovernment], FilingRules.Recipients(NormativeDocumentKinds.Department));
        Assert.Equal([FilingRecipientKinds.HigherGovernment, FilingRecipientKinds.PeopleCongressStandingCommittee], FilingRules.Recipients(NormativeDocumentKinds.Government));
        var unpublished = FilingRules.CheckCanFile(published: false);
        Assert.Equal("not-published", unpublished?.Code);
        Assert.Contains("未经公布的行政规范性文件不得作为行政管理依据", unpublished!.Article);
        Assert.Equal("correction-reason-required", FilingRules.CheckReview(FilingReviewResults.Correction, "")?.Code);
        Assert.Equal("filing-result-unknown", FilingRules.CheckReview("maybe", null)?.Code);
        Assert.Null(FilingRules.CheckReview(FilingReviewResults.Accepted, null));
    }

    private static List<ChecklistAnswer> AllNo() => LegalityReviewRules.ChecklistItems.Select(i => new ChecklistAnswer(i, false, null)).ToList();

    [Fact]
    public void A_yes_on_the_checklist_forbids_the_conclusion_lawful()
    {
        Assert.Empty(LegalityReviewRules.CheckOpinion(ReviewConclusions.Lawful, AllNo()));
        var answers = AllNo();
        answers[1] = new ChecklistAnswer("creates-penalty", true, "第十二条设定罚款");
        var refusal = Assert.Single(LegalityReviewRules.CheckOpinion(ReviewConclusions.Lawful, answers));
        Assert.Equal("checklist-forbids-lawful", refusal.Code);
        Assert.Equal("creates-penalty", refusal.Arg("items"));
        Assert.Contains("严禁越权发文", refusal.Article);
        Assert.Empty(LegalityReviewRules.CheckOpinion(ReviewConclusions.Amend, answers));
    }

    [Fact]
    public void The_checklist_is_answered_item_by_item()
    {
        var answers = AllNo().Skip(1).Append(new ChecklistAnswer("adds-duties", false, null)).Append(new ChecklistAnswer("invented", false, null))
            .Append(new ChecklistAnswer("restricts-competition", true, " ")).ToList();
        var refusals = LegalityReviewRules.CheckOpinion("fine", answers);
        Assert.Equal(["review-conclusion-unknown", "checklist-item-unknown", "checklist-item-twice", "checklist-item-twice", "checklist-incomplete", "checklist-note-required"],
            refusals.Select(r => r.Code));
        Assert.Equal(["adds-duties", "restricts-competition"], refusals.Where(r => r.Code == "checklist-item-twice").Select(r => r.Arg("item")));
        Assert.Equal("creates-licence", refusals.Single(r => r.Code == "checklist-incomplete").Arg("items"));
    }
}
