using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>“三统一” numbers, the deliberation gate (Notice 37) and clean-up results.</summary>
public sealed class NumberingAndDeliberationTests
{
    private static readonly IssuingEntity Government = new(Guid.NewGuid(), "gov", "示范区人民政府", "XX", IssuingEntityKinds.Government, "X府规", true);

    [Fact]
    public void The_numbers_follow_the_jurisdiction_patterns()
    {
        var numbers = NumberingRules.Format(NormativeDocumentSettings.Default, Government, 2026, 9);
        Assert.Equal("XXGS—2026—9", numbers.RegistrationNumber);
        Assert.Equal("X府规〔2026〕9号", numbers.DocumentNumber);
    }

    [Fact]
    public void Gap_free_means_exactly_one_to_n()
    {
        Assert.True(NumberingRules.IsGapFree([3, 1, 2]));
        Assert.False(NumberingRules.IsGapFree([1, 3]));
        Assert.False(NumberingRules.IsGapFree([1, 2, 2]));
    }

    [Fact]
    public void A_document_not_reviewed_or_found_unlawful_may_not_be_deliberated()
    {
        var none = DeliberationRules.CheckCanDeliberate(null, false, false);
        Assert.Equal("not-reviewed", none?.Code);
        Assert.Contains("未经合法性审核或者经审核不合法的，不得提交集体审议", none!.Article);
        Assert.Equal("review-found-unlawful", DeliberationRules.CheckCanDeliberate(ReviewConclusions.Unlawful, false, false)?.Code);
        Assert.Equal("major-decision-incomplete", DeliberationRules.CheckCanDeliberate(ReviewConclusions.Lawful, true, false)?.Code);
        Assert.Null(DeliberationRules.CheckCanDeliberate(ReviewConclusions.Lawful, true, true));
        Assert.Null(DeliberationRules.CheckCanDeliberate(ReviewConclusions.Amend, false, false));
        Assert.Equal(DeliberationMeetings.ExecutiveMeeting, DeliberationMeetings.For(NormativeDocumentKinds.Government));
        Assert.Equal(DeliberationMeetings.OfficeMeeting, DeliberationMeetings.For(NormativeDocumentKinds.Department));
    }

    [Fact]
    public void A_meeting_record_names_its_date_who_attended_and_its_conclusion()
    {
        var day = new DateOnly(2026, 3, 9);
        Assert.Null(DeliberationRules.CheckRecord(day, "李局长", decided: true));
        foreach (var incomplete in new[]
                 {
                     DeliberationRules.CheckRecord(null, "李局长", true), DeliberationRules.CheckRecord(day, " ", true),
                     DeliberationRules.CheckRecord(day, "李局长", decided: false),
                 })
        {
            Assert.Equal(("deliberation-record-incomplete", NormativeArticles.Notice37, Engine.Execution.RefusalClass.Invalid),
                (incomplete?.Code, incomplete?.Article, incomplete?.Class));
        }
    }

    [Fact]
    public void A_clean_up_result_needs_a_known_result_and_a_reason_and_approval_needs_all_results()
    {
        Assert.Null(CleanupRules.CheckResult(CleanupResults.Repeal, "上位法已废止"));
        Assert.Equal("cleanup-reason-required", CleanupRules.CheckResult(CleanupResults.Continue, " ")?.Code);
        Assert.Equal("cleanup-result-unknown", CleanupRules.CheckResult("suspend", "x")?.Code);
        var incomplete = CleanupRules.CheckApproval(26, 25);
        Assert.Equal("cleanup-incomplete", incomplete?.Code);
        Assert.Contains("谁制定谁清理", incomplete!.Article);
        Assert.Null(CleanupRules.CheckApproval(26, 26));
    }
}
