using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Tests.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Texts;

/// <summary>
/// Texts the engine and the server store (a skip reason, a fault, a journal comment, a timer's note) are kept as a
/// catalog code and arguments next to their zh-CN text, and rendered when read in the reader's language (issue 12
/// item 5); what was stored before the codes is shown as it is.
/// </summary>
public sealed class StoredTextsTests
{
    private static EngineTexts T => EngineTexts.Catalog;

    [Fact]
    public void A_stored_text_renders_again_in_both_languages_with_its_arguments()
    {
        var text = T.Line("note.child-cancelled",
            ("step", new TwoLanguages("专家论证", "Expert argumentation")),
            ("reason", T.Line("note.interrupted", ("event", new TwoLanguages("决策中止", "Decision suspended")), ("article", "第三十七条"))));

        var restored = StoredTexts.Restore(StoredTexts.Code(text), StoredTexts.ArgumentsJson(text));

        Assert.Equal("engine:note.child-cancelled", StoredTexts.Code(text));
        Assert.NotNull(restored);
        Assert.Equal("上级流程的步骤“专家论证”已不再等待本子流程：因“决策中止”（第三十七条）中断。", restored.ToText(TextCatalog.Chinese));
        Assert.Equal("The parent's step 'Expert argumentation' no longer waits for this sub-procedure: Interrupted by 'Decision suspended' (第三十七条).",
            restored.ToText(TextCatalog.English));
        Assert.Equal(text.ToText(TextCatalog.English), restored.ToText(TextCatalog.English));
    }

    [Fact]
    public void Times_lists_and_numbers_keep_their_reading_through_the_store()
    {
        var at = new DateTimeOffset(2026, 3, 12, 1, 30, 0, TimeSpan.Zero);
        var text = T.Line("minimum-period-not-elapsed",
            ("title", "合法性审查"), ("length", 7), ("end", new PeriodEnd(new DateOnly(2026, 3, 20))), ("rule", new LocalTime(at, "Asia/Shanghai")));
        var steps = T.Line("note.fault-stuck", ("steps", new List<string> { "a", "b" }));

        var restored = StoredTexts.Restore(StoredTexts.Code(text), StoredTexts.ArgumentsJson(text))!;
        var list = StoredTexts.Restore(StoredTexts.Code(steps), StoredTexts.ArgumentsJson(steps))!;

        Assert.Equal(text.ToText(TextCatalog.Chinese), restored.ToText(TextCatalog.Chinese));
        Assert.Contains("2026-03-20 24:00", restored.ToText(TextCatalog.English));
        Assert.Contains("2026-03-12 09:30", restored.ToText(TextCatalog.English)); // the jurisdiction's time, never UTC
        Assert.Equal("以下步骤等待的前序步骤已不可能完成：a、b。", list.ToText(TextCatalog.Chinese));
        Assert.Equal("These steps wait for steps that can no longer finish: a, b.", list.ToText(TextCatalog.English));
        Assert.Throws<ArgumentException>(() => StoredTexts.ArgumentsJson(T.Line("note.fault-loop", ("limit", at))));
    }

    [Fact]
    public void A_row_without_a_code_or_with_an_unknown_one_is_shown_as_stored()
    {
        const string older = "流程已结束。The instance has ended.";
        Assert.Equal(older, StoredTexts.Render(null, null, older, TextCatalog.English));
        Assert.Equal(older, StoredTexts.Render("nowhere:note.x", "{}", older, TextCatalog.English));
        Assert.Equal(older, StoredTexts.Render("engine:no-such-key", "{}", older, TextCatalog.English));
        Assert.Equal(older, StoredTexts.Render("engine:note.fault-loop", "not json", older, TextCatalog.English));
        Assert.Equal(older, StoredText.Render(null, older, TextCatalog.English));
        Assert.Equal(older, StoredTexts.Comment(older, "{\"signal\":\"x\"}", TextCatalog.English));
    }

    [Fact]
    public void A_journal_comment_is_read_from_the_code_in_its_data_or_in_the_commands_data_it_nests()
    {
        var text = T.Line("note.fault-loop", ("limit", 1000));
        var data = StoredTexts.WithComment("{\"signal\":\"s\"}", text);
        var nested = $"{{\"signal\":\"s\",\"data\":{data}}}";

        Assert.Equal("More than 1000 automatic activations in one command: the definition loops.", StoredTexts.Comment("旧", data, TextCatalog.English));
        Assert.Equal("超过1000次连续自动步骤，疑似定义循环。", StoredTexts.Comment("旧", nested, TextCatalog.Chinese));
        Assert.Equal("More than 1000 automatic activations in one command: the definition loops.", StoredTexts.Comment("旧", nested, TextCatalog.English));
    }

    private const string Conditional = """
        {
          "id": "conditional", "version": 1, "title": "条件步骤", "legalBasis": "测试",
          "attributes": [ { "name": "technical", "title": "专业性较强" } ],
          "start": "drafting",
          "steps": [
            { "id": "drafting", "kind": "humanTask", "title": "拟订草案", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已拟订" } ], "next": ["expert-opinion"] },
            { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "article": "第十九条", "role": "expert", "organization": "expert-pool",
              "when": "technical", "outcomes": [ { "id": "given", "title": "已出具意见" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" } ] }
          ]
        }
        """;

    [Fact]
    public void A_skipped_steps_reason_and_its_journal_comment_read_in_the_readers_language()
    {
        var run = new EngineHarness(Conditional);
        run.Start();
        run.Complete("drafting", "done", Drafter);

        var skipped = run.Step("expert-opinion");
        var entry = Assert.Single(run.Journal, e => e.Type == JournalEntryTypes.StepSkipped);
        const string chinese = "适用条件“technical”不成立（technical=false），本步骤不适用（第十九条）。";
        const string english = "Condition 'technical' is false (technical=false): the step does not apply (第十九条).";
        Assert.Equal((chinese, chinese), (skipped.SkipReason, entry.Comment)); // the stored text, which the hash covers
        Assert.Equal(english, skipped.SkipReasonIn(TextCatalog.English));
        Assert.Equal(chinese, skipped.SkipReasonIn(TextCatalog.Chinese));
        Assert.Equal(english, StoredTexts.Comment(entry.Comment, entry.DataJson, TextCatalog.English));
        Assert.Equal(chinese, StoredTexts.Comment(entry.Comment, entry.DataJson, TextCatalog.Chinese));
    }
}
