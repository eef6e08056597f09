using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>A document's history notes in the reader's language: the codes and fixed phrases the acts write, without a server.</summary>
public sealed class HistoryNotesTests
{
    private static (string? Chinese, string? English) Both(string type, string? note) =>
        (HistoryNotes.Render(type, note, TextCatalog.Chinese), HistoryNotes.Render(type, note, TextCatalog.English));

    [Fact]
    public void The_review_conclusion_and_a_late_opinion_read_as_words()
    {
        Assert.Equal(("合法", "lawful"), Both("reviewed", "lawful"));
        Assert.Equal(("不合法（逾期：最迟应于2026-03-06出具）", "unlawful (late: due by 2026-03-06 at the latest)"), Both("reviewed", "unlawful（逾期：最迟2026-03-06）"));
    }

    [Fact]
    public void A_filings_recipient_reads_as_the_recipient_and_the_reviewers_words_stay()
    {
        Assert.Equal(("上一级人民政府", "the next higher government"), Both("filed", "higher-government"));
        Assert.Equal(("本级人民政府（补正后重新报送）", "the government at the same level (re-filed after completing the material)"),
            Both("filed", "same-level-government（补正后重新报送）"));
        Assert.Equal(("本级人大常委会 缺少起草说明", "the standing committee of the people's congress at the same level 缺少起草说明"),
            Both("filing-returned", "people-congress-standing-committee 缺少起草说明"));
        Assert.Equal(("本级人民政府", "the government at the same level"), Both("filing-accepted", "same-level-government"));
    }

    [Fact]
    public void The_meetings_decision_reads_as_the_meeting_and_its_outcome()
    {
        Assert.Equal(("部门办公会议：通过", "the department's office meeting: approved"), Both("deliberated", "office-meeting approved"));
        Assert.Equal(("政府常务会议或者全体会议：不通过", "the government's executive or plenary meeting: not approved"), Both("not-adopted", "executive-meeting not-approved"));
        // Version 2's head's record: the meeting in words, its day and attendees as written.
        Assert.Equal("部门办公会议 2026-03-12；出席：李局长", HistoryNotes.Render("deliberated", "office-meeting 2026-03-12；出席：李局长", TextCatalog.Chinese));
    }

    [Fact]
    public void Publication_reminder_and_lapse_read_in_one_language()
    {
        Assert.Equal(("自2026-04-01起施行，有效期至2031-03-31", "in force from 2026-04-01 through 2031-03-31"), Both("published", "施行2026-04-01，有效期至2031-03-31"));
        Assert.Equal(("已提醒2人评估：继续施行、修改或者到期失效", "2 reminded to evaluate: continue, amend or let it lapse"),
            Both("expiry-reminder", "提醒2人评估：继续、修改或到期失效。Reminded 2 to evaluate."));
        Assert.Equal(("有效期届满（2031-03-31），自动失效", "its validity ended (2031-03-31); lapsed"), Both("lapsed", "有效期届满（2031-03-31），自动失效。Validity ended; lapsed."));
    }

    [Fact]
    public void Decisions_and_clean_up_results_read_as_words_and_what_people_wrote_stays()
    {
        Assert.Equal(("修改 第八条需修改", "amend 第八条需修改"), Both("expiry-decision", "amend 第八条需修改"));
        Assert.Equal("2026年专项清理：废止，上位法已废止", HistoryNotes.Render("cleanup-result", "2026年专项清理：repeal，上位法已废止", TextCatalog.Chinese));
        Assert.Equal("2026年专项清理：continue in force", HistoryNotes.Render("cleanup-approved", "2026年专项清理：continue", TextCatalog.English));
        Assert.Equal("继续有效；2026年专项清理：仍然适用", HistoryNotes.Render("cleanup-published", "continue；2026年专项清理：仍然适用", TextCatalog.Chinese));
    }

    [Fact]
    public void A_note_in_no_known_form_is_shown_as_stored()
    {
        Assert.Equal(("示范县政府投资项目管理办法", "示范县政府投资项目管理办法"), Both("drafted", "示范县政府投资项目管理办法"));
        Assert.Equal(("maybe", "maybe"), Both("reviewed", "maybe"));
        Assert.Equal((null, null), Both("signed", null));
    }
}
