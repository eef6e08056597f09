using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Input;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Tests.Input;

/// <summary>The input rules without a server: which characters text may hold, the date window, the hearing cap.</summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("\u0000", 0)]
    [InlineData("ab\u0001", 2)]
    [InlineData("a\u001fb", 1)]
    [InlineData("a\u007f", 1)]
    [InlineData("a\u0085", 1)]
    [InlineData("a\u009f", 1)]
    public void Control_characters_are_found(string text, int at) => Assert.Equal(at, InputRules.FindForbidden(text));

    [Fact]
    public void Lone_surrogates_are_found()
    {
        // Built at run time: an attribute's string cannot carry a lone surrogate (the metadata stores it as UTF-8).
        Assert.Equal(1, InputRules.FindForbidden("a" + (char)0xD800 + "b"));
        Assert.Equal(1, InputRules.FindForbidden("a" + (char)0xDC00));
        Assert.Equal(0, InputRules.FindForbidden(((char)0xD83D).ToString()));
        Assert.Equal(1, InputRules.FindForbidden("a" + (char)0xDE00 + (char)0xD83D));
    }

    [Theory]
    [InlineData("")]
    [InlineData("第一段\r\n\t第二段")]
    [InlineData("表情 \ud83d\ude00 与生僻字 \ud840\udc00")]
    [InlineData("\u00a0不换行空格与\u200b零宽空格")]
    public void Tab_line_feed_carriage_return_and_paired_surrogates_are_text(string text) => Assert.Equal(-1, InputRules.FindForbidden(text));

    [Fact]
    public void A_refusal_names_the_field_the_character_and_its_position_from_one()
    {
        var refusal = InputRules.CheckText("title", "停车\u0000收费");
        Assert.NotNull(refusal);
        Assert.Equal(("control-character", RefusalClass.Invalid), (refusal.Code, refusal.Class!.Value));
        Assert.Equal("“title”含有控制字符（U+0000，第3个字符处）；文本中只允许制表符、换行符和回车符这三种控制字符。", refusal.TextIn(TextCatalog.Chinese));
        Assert.StartsWith("'title' holds a control character (U+0000 at position 3)", refusal.TextIn(TextCatalog.English));
        Assert.Equal("invalid-unicode", InputRules.CheckText("name", "a" + (char)0xD800)!.Code);
        Assert.Null(InputRules.CheckText("name", null));
    }

    [Fact]
    public void Dates_lie_between_the_founding_of_the_republic_and_the_end_of_2100()
    {
        Assert.Null(InputRules.CheckDate("d", new DateOnly(1949, 10, 1)));
        Assert.Null(InputRules.CheckDate("d", new DateOnly(2100, 12, 31)));
        Assert.Equal("date-out-of-range", InputRules.CheckDate("d", new DateOnly(1949, 9, 30))!.Code);
        var far = InputRules.CheckDate("closesAt", new DateOnly(9999, 12, 31))!;
        Assert.Equal("“closesAt”的日期9999-12-31超出允许范围（1949-10-01至2100-12-31）。", far.TextIn(TextCatalog.Chinese));
        Assert.Equal("date-out-of-range", InputRules.CheckInstant("at", new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero))!.Code);
        Assert.Null(InputRules.CheckInstant("at", new DateTimeOffset(2100, 12, 31, 23, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_matter_holds_at_most_ten_hearings_cancelled_ones_included()
    {
        Assert.Null(Hearings.MayAnnounceAnother(Hearings.MaxPerMatter - 1));
        var refusal = Hearings.MayAnnounceAnother(Hearings.MaxPerMatter);
        Assert.NotNull(refusal);
        Assert.Equal(("too-many-hearings", "第十六条", RefusalClass.Invalid), (refusal.Code, refusal.Article, refusal.Class!.Value));
    }
}
