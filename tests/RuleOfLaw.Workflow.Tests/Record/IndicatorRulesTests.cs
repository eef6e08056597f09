using RuleOfLaw.Workflow.Record.Indicators;

namespace RuleOfLaw.Workflow.Tests.Record;

public sealed class IndicatorRulesTests
{
    [Fact]
    public void A_legal_100_percent_rule_counts_its_breakers_and_never_rounds_a_breach_to_100()
    {
        var figure = IndicatorRules.Share(MajorDecisionIndicators.LegalityReview, 2499, 2500);
        Assert.Equal((99.9m, false, 1L, 100L), (figure.Percent!.Value, figure.Met!.Value, figure.Breaking, figure.Target!.Value));
        var all = IndicatorRules.Share(MajorDecisionIndicators.LegalityReview, 7, 7);
        Assert.Equal((100m, true, 0L), (all.Percent!.Value, all.Met!.Value, all.Breaking));
    }

    [Fact]
    public void Nothing_to_count_is_met_with_no_rate()
    {
        var figure = IndicatorRules.Share(MajorDecisionIndicators.ExpertArgumentation, 0, 0);
        Assert.Equal((null, true, 0L), (figure.Percent, figure.Met, figure.Breaking));
    }

    [Fact]
    public void Rates_round_half_away_from_zero_to_one_decimal()
    {
        Assert.Equal(66.7m, IndicatorRules.Percent(2, 3));
        Assert.Equal(12.5m, IndicatorRules.Percent(1, 8));
        Assert.Equal(0.1m, IndicatorRules.Percent(1, 1000));
    }

    [Fact]
    public void A_target_share_and_a_yearly_minimum_are_judged_against_their_target()
    {
        var counsel = IndicatorRules.Share(MajorDecisionIndicators.CounselParticipation, 3, 4, MajorDecisionIndicators.CounselTargetPercent);
        Assert.Equal((75m, false, 0L), (counsel.Percent!.Value, counsel.Met!.Value, counsel.Breaking));
        Assert.False(IndicatorRules.Count(MajorDecisionIndicators.EvaluationsStarted, 1, 2).Met);
        Assert.True(IndicatorRules.Count(MajorDecisionIndicators.EvaluationsStarted, 2, 2).Met);
        Assert.Null(IndicatorRules.Count(MajorDecisionIndicators.HearingsHeld, 5).Met);
    }

    [Fact]
    public void A_share_larger_than_its_base_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorRules.Share(MajorDecisionIndicators.Archiving, 3, 2));
    }

    [Fact]
    public void The_local_year_of_Beijing_starts_at_16_00_UTC_the_day_before()
    {
        var (from, to) = IndicatorRules.YearBounds(2026, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), to);
        Assert.Equal(TimeSpan.Zero, from.Offset);
    }

    [Fact]
    public void Every_indicator_has_a_definition_and_a_legal_basis_and_a_unique_id()
    {
        Assert.All(MajorDecisionIndicators.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Definition));
            Assert.Contains("第", d.LegalBasis);
        });
        Assert.Equal(MajorDecisionIndicators.All.Count, MajorDecisionIndicators.All.Select(d => d.Id).Distinct().Count());
        Assert.All(MajorDecisionIndicators.StepShares, d => Assert.NotNull(d.StepId));
    }

    /// <summary>Issue 12 item 5: a reader gets one language; the Chinese field has no English sentence and the English none in Chinese.</summary>
    [Fact]
    public void Every_indicator_says_its_name_and_definition_once_in_each_language()
    {
        var cjk = new System.Text.RegularExpressions.Regex(@"\p{IsCJKUnifiedIdeographs}");
        var englishSentence = new System.Text.RegularExpressions.Regex(@"[A-Z][a-z]+ [a-z]+ [a-z]+");
        Assert.All(MajorDecisionIndicators.All.Concat(RuleOfLaw.Workflow.NormativeDocuments.NormativeIndicators.All), d =>
        {
            Assert.Matches(cjk, d.Definition);
            Assert.DoesNotMatch(englishSentence, d.Definition);
            Assert.False(string.IsNullOrWhiteSpace(d.DefinitionEn), d.Id);
            Assert.DoesNotMatch(cjk, d.NameEn);
            // The English definition may name the Chinese term it explains (三统一) in brackets, nothing more.
            Assert.DoesNotMatch(cjk, System.Text.RegularExpressions.Regex.Replace(d.DefinitionEn, @"\([^)]*\)", ""));
        });
    }
}
