using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Tests.Participation;

/// <summary>
/// The compliance lines of participation name a method and a consultation's state through keys built from their codes
/// (<c>method.{code}</c>, <c>compliance.comments.{status}</c>), which the catalog coverage test cannot see as constants:
/// every code the rules can produce has its text in both languages, and the Chinese method names are the ones the
/// pages and the validation use (<see cref="ParticipationTerms.Methods"/>).
/// </summary>
public sealed class ParticipationLineTextsTests
{
    private static readonly ParticipationTexts T = ParticipationTexts.Catalog;

    [Fact]
    public void Every_participation_method_has_its_name_in_both_languages_and_the_chinese_is_the_terms_name()
    {
        Assert.NotEmpty(ParticipationTerms.Methods);
        foreach (var (code, chinese) in ParticipationTerms.Methods)
        {
            Assert.Equal(chinese, T.Entries(TextCatalog.Chinese).GetValueOrDefault($"method.{code}"));
            Assert.False(string.IsNullOrWhiteSpace(T.Entries(TextCatalog.English).GetValueOrDefault($"method.{code}")), $"method.{code} has no English name");
        }
        Assert.Equal("forum (2026-03-09)", T.Line("compliance.method-on", ("method", T.Line("method.forum")), ("day", new DateOnly(2026, 3, 9))).ToText(TextCatalog.English));
    }

    [Theory]
    [InlineData(-1, "scheduled", "尚未开始征求意见")]
    [InlineData(0, "open", "正在征求意见")]
    [InlineData(40, "ended", "期限已届满，尚未结束")]
    public void Every_state_of_a_running_consultation_has_its_comments_line(int daysAfterOpening, string status, string chinese)
    {
        var opens = new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero);
        var state = Consultations.Status(opens, new DateTimeOffset(2026, 4, 8, 16, 0, 0, TimeSpan.Zero), null, null, null, opens.AddDays(daysAfterOpening));
        Assert.Equal(status, state);
        (string, object?)[] received = [("count", 3), ("groups", 2), ("hidden", 1)];
        Assert.EndsWith(chinese + "。", T.Line($"compliance.comments.{state}", received).ToText(TextCatalog.Chinese));
        Assert.StartsWith("3 comments received in 2 groups, 1 hidden", T.Line($"compliance.comments.{state}", received).ToText(TextCatalog.English));
    }
}
