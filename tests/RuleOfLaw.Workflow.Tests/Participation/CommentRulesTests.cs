using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests.Participation;

/// <summary>What every comment must be, and the period rule of a comment received on paper (第十五条: the day received counts).</summary>
public sealed class CommentRulesTests
{
    private static readonly ConsultationFacts Consultation = new("征求意见稿", "Asia/Shanghai",
        new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 8, 16, 0, 0, TimeSpan.Zero));

    private static void Refused(Refusal? refusal, string code, string? article, RefusalClass kind)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, article, (RefusalClass?)kind), (refusal.Code, refusal.Article, refusal.Class));
    }

    [Fact]
    public void A_comment_has_a_text_of_at_most_5000_characters()
    {
        Refused(Comments.Check(new("anonymous", null, null, "  ")), "comment-text-required", null, RefusalClass.Invalid);
        Assert.Null(Comments.Check(new("anonymous", null, null, new string('意', ParticipationLimits.CommentLength))));
        var tooLong = Comments.Check(new("anonymous", null, null, new string('意', ParticipationLimits.CommentLength + 1)));
        Refused(tooLong, "comment-too-long", null, RefusalClass.TooLarge);
        Assert.Contains("5001", tooLong!.Message);
    }

    [Fact]
    public void An_individual_or_organization_gives_its_name_and_anyone_may_stay_anonymous()
    {
        Refused(Comments.Check(new("robot", null, null, "意见。")), "invalid-submitter-type", null, RefusalClass.Invalid);
        Refused(Comments.Check(new("individual", " ", null, "意见。")), "submitter-name-required", null, RefusalClass.Invalid);
        Assert.Contains("组织名称", Comments.Check(new("organization", null, null, "意见。"))!.Message);
        Refused(Comments.Check(new("individual", new string('张', 201), null, "意见。")), "field-too-long", null, RefusalClass.Invalid);
        Refused(Comments.Check(new("anonymous", null, new string('1', 201), "意见。")), "field-too-long", null, RefusalClass.Invalid);
        Assert.Null(Comments.Check(new(" Individual ", "张三", null, "意见。")));
        Assert.Equal(new Submitter("individual", "张三", null), Comments.SubmitterOf(new(" Individual ", " 张三 ", " ", "意见。")));
    }

    [Fact]
    public void A_paper_comment_counts_by_the_local_day_received_from_the_first_day_to_the_last_inclusive()
    {
        var calendar = RepositoryFiles.Calculator();
        var later = new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);
        Assert.Null(Comments.MayEnter(Consultation, new("letter", new DateOnly(2026, 3, 9)), later, calendar));
        // Received on the last day and entered after the close: accepted (the day received is what the rule reads).
        Assert.Null(Comments.MayEnter(Consultation, new(" Fax ", new DateOnly(2026, 4, 8)), later, calendar));
        Refused(Comments.MayEnter(Consultation, new("letter", new DateOnly(2026, 4, 9)), later, calendar), "received-after-close", "第十五条", RefusalClass.Invalid);
        Refused(Comments.MayEnter(Consultation, new("letter", new DateOnly(2026, 3, 8)), later, calendar), "received-before-open", "第十五条", RefusalClass.Invalid);
    }

    [Fact]
    public void A_paper_comment_needs_a_known_channel_and_a_day_not_after_today()
    {
        var calendar = RepositoryFiles.Calculator();
        var today = new DateTimeOffset(2026, 3, 20, 15, 59, 0, TimeSpan.Zero); // 23:59 on 20 March in Beijing
        Refused(Comments.MayEnter(Consultation, new("email", new DateOnly(2026, 3, 10)), today, calendar), "invalid-channel", null, RefusalClass.Invalid);
        Refused(Comments.MayEnter(Consultation, new("phone", null), today, calendar), "received-on-required", null, RefusalClass.Invalid);
        Assert.Null(Comments.MayEnter(Consultation, new("phone", new DateOnly(2026, 3, 20)), today, calendar));
        Refused(Comments.MayEnter(Consultation, new("phone", new DateOnly(2026, 3, 21)), today, calendar), "received-on-future", null, RefusalClass.Invalid);
        Assert.Equal("hearing", Comments.ChannelOf(new(" HEARING ", null)));
    }

    [Fact]
    public void A_paper_comment_is_recorded_at_the_start_of_its_local_day()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.Zero), Comments.ReceivedAt(new DateOnly(2026, 3, 10), RepositoryFiles.Calculator().TimeZone));
    }
}
