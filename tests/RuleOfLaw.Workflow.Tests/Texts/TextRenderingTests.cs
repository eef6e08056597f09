using System.Globalization;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Tests.Texts;

public sealed class TextRenderingTests
{
    [Fact]
    public void A_period_end_reads_as_the_last_days_24_00_and_an_instant_in_local_time()
    {
        var arguments = new Dictionary<string, object?>
        {
            ["end"] = new PeriodEnd(new DateOnly(2026, 3, 12)),
            ["at"] = new LocalTime(new DateTimeOffset(2026, 3, 12, 16, 0, 0, TimeSpan.Zero), "Asia/Shanghai"),
        };
        Assert.Equal("截止2026-03-12 24:00，收到于2026-03-13 00:00", TextCatalog.Fill("截止{end}，收到于{at}", arguments, TextCatalog.Chinese));
    }

    [Fact]
    public void An_instant_without_its_time_zone_is_refused_rather_than_shown_in_UTC()
    {
        Assert.Throws<ArgumentException>(() => TextCatalog.Format(DateTimeOffset.UnixEpoch, TextCatalog.Chinese));
    }

    [Fact]
    public void Lists_join_in_the_readers_way_and_unknown_placeholders_stay()
    {
        var arguments = new Dictionary<string, object?> { ["names"] = new[] { "王", "李" }, ["n"] = 1234 };
        Assert.Equal("王、李 1234 {other}", TextCatalog.Fill("{names} {n} {other}", arguments, TextCatalog.Chinese));
        Assert.Equal("王, 李 1234 {other}", TextCatalog.Fill("{names} {n} {other}", arguments, TextCatalog.English));
    }

    [Theory]
    [InlineData("该事项同时被其他请求修改，请重试。Another request changed this at the same time; please retry.", "该事项同时被其他请求修改，请重试。", "Another request changed this at the same time; please retry.")]
    [InlineData("操作被拒绝 / The action was refused", "操作被拒绝", "The action was refused")]
    [InlineData("会议定于2026-03-12召开，尚不能记录。The meeting has not taken place yet.", "会议定于2026-03-12召开，尚不能记录。", "The meeting has not taken place yet.")]
    public void A_bilingual_legacy_text_is_read_in_one_language(string text, string chinese, string english)
    {
        Assert.Equal(chinese, BilingualText.Pick(text, TextCatalog.Chinese));
        Assert.Equal(english, BilingualText.Pick(text, CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public void A_text_in_one_language_only_is_kept_whole()
    {
        Assert.Equal("仅中文。", BilingualText.Pick("仅中文。", TextCatalog.English));
        Assert.Equal("English only.", BilingualText.Pick("English only.", TextCatalog.Chinese));
    }
}
