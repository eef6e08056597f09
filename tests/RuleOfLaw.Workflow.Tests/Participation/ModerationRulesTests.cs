using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Tests.Participation;

/// <summary>Moderation, responses and the feedback report (第十八条), other methods (第十四条), and when the steps may be completed.</summary>
public sealed class ModerationRulesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 3, 9, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2026, 4, 8, 16, 0, 0, TimeSpan.Zero);
    private static readonly ConsultationFacts Closed = new("征求意见稿", "Asia/Shanghai", Opens, Closes, Closes, Closes);

    private static void Refused(Refusal? refusal, string code, string? article, RefusalClass kind)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, article, (RefusalClass?)kind), (refusal.Code, refusal.Article, refusal.Class));
    }

    [Fact]
    public void A_comment_is_hidden_once_and_with_a_reason()
    {
        Assert.Null(Moderation.MayHide(new("JD-1-C000001", "Asia/Shanghai", false), "含有侮辱性语言。"));
        Refused(Moderation.MayHide(new("JD-1-C000001", "Asia/Shanghai", false), " "), "reason-required", null, RefusalClass.Invalid);
        Refused(Moderation.MayHide(new("JD-1-C000001", "Asia/Shanghai", true, Closes, "广告。"), "再次隐藏。"), "comment-already-hidden", null, RefusalClass.Conflict);
    }

    [Fact]
    public void A_response_names_one_target_a_known_decision_and_a_reason_unless_adopted()
    {
        var comment = Guid.NewGuid();
        Refused(Moderation.MayRespond(null, null, "adopted", null), "response-target-required", null, RefusalClass.Invalid);
        Refused(Moderation.MayRespond(comment, "group", "adopted", null), "response-target-required", null, RefusalClass.Invalid);
        Refused(Moderation.MayRespond(comment, null, "maybe", null), "invalid-decision", null, RefusalClass.Invalid);
        Refused(Moderation.MayRespond(null, "group", "not-adopted", " "), "reason-required", "第十八条", RefusalClass.Invalid);
        Refused(Moderation.MayRespond(comment, null, "partly-adopted", null), "reason-required", "第十八条", RefusalClass.Invalid);
        Assert.Null(Moderation.MayRespond(comment, null, "adopted", null));
        Assert.Null(Moderation.MayRespond(null, "group", "not-adopted", "依据成本监审结果。"));
    }

    [Fact]
    public void The_feedback_report_is_published_once_after_the_close_with_every_visible_comment_answered()
    {
        Assert.Null(Moderation.MayPublishFeedback(Closed, []));
        Refused(Moderation.MayPublishFeedback(Closed with { ClosedAt = null }, []), "consultation-not-closed", "第十五条", RefusalClass.Conflict);
        var unanswered = Moderation.MayPublishFeedback(Closed, ["JD-1-C000002", "JD-1-C000005"]);
        Refused(unanswered, "comments-unanswered", "第十八条", RefusalClass.Conflict);
        Assert.Contains("JD-1-C000002", unanswered!.Message);
        Refused(Moderation.MayPublishFeedback(Closed with { FeedbackPublishedAt = Closes }, []), "feedback-already-published", "第十八条", RefusalClass.Conflict);
    }

    [Fact]
    public void Another_method_is_a_known_one_held_already_and_the_affected_group_is_named()
    {
        var today = new DateOnly(2026, 3, 20);
        Assert.Null(Activities.MayRecord("forum", today, today, false, null));
        Refused(Activities.MayRecord("open-consultation", today, today, false, null), "invalid-method", "第十四条", RefusalClass.Invalid);
        Refused(Activities.MayRecord("forum", today.AddDays(1), today, false, null), "activity-in-future", "第十四条", RefusalClass.Invalid);
        Refused(Activities.MayRecord("forum", today, today, true, " "), "group-name-required", "第十四条", RefusalClass.Invalid);
        Assert.Null(Activities.MayRecord("forum", today, today, true, "出租车司机代表"));
    }

    [Fact]
    public void Participation_is_completed_only_with_a_method_used_closed_answered_and_reported()
    {
        static ParticipationRecord Record(ConsultationProgress[] consultations, HearingFacts[]? hearings = null, int methods = 0) =>
            new(consultations, hearings ?? [], methods, 0);
        Assert.Equal(["participation-method-required"], Codes(Record([])));
        Assert.Empty(Codes(Record([], methods: 1)));

        var running = new ConsultationProgress(Closed with { SealedAt = null, ClosedAt = null }, 0);
        Assert.Equal(["consultation-not-closed"], Codes(Record([running]), Closes.AddTicks(-1)));
        Assert.Contains("请先结束", Completion.Refusals(ParticipationTerms.Step, Record([running]), Closes)[0].Message);
        Assert.Equal(["comments-unanswered", "feedback-not-published"], Codes(Record([new(Closed, 2)])));
        Assert.Empty(Codes(Record([new(Closed with { FeedbackPublishedAt = Closes }, 0)])));
        Assert.All(Completion.Refusals(ParticipationTerms.Step, Record([running, new(Closed, 1)]), Closes),
            r => Assert.Contains(r.Article, new[] { "第十五条", "第十八条" }));
    }

    [Fact]
    public void An_announced_hearing_must_be_held_and_its_record_confirmed_and_a_cancelled_one_counts_for_nothing()
    {
        var at = Closes.AddDays(10);
        var announced = new HearingFacts("Asia/Shanghai", at, DateOnly.FromDateTime(at.UtcDateTime).AddDays(-7), ["张三", "李四"], []);
        var record = (HearingFacts hearing) => new ParticipationRecord([], [hearing], 0, 0);
        Assert.Equal(["hearing-not-held"], Codes(record(announced)));
        var held = announced with { MaterialsDeliveredAt = Closes, HeldAt = at };
        var unconfirmed = Completion.Refusals(ParticipationTerms.Step, record(held), at);
        Assert.Equal(("hearing-record-unconfirmed", "第十七条"), (unconfirmed.Single().Code, unconfirmed.Single().Article));
        Assert.Contains("张三、李四", unconfirmed.Single().Message);
        Assert.Empty(Codes(record(held with { Confirmations = [new("张三", false, null, at), new("李四", true, "拒绝签字。", at)] })));
        Assert.Equal(["participation-method-required"], Codes(record(announced with { CancelledAt = Closes })));
    }

    [Fact]
    public void The_affected_group_step_needs_the_group_consulted()
    {
        var refusals = Completion.Refusals(ParticipationTerms.GroupStep, new([], [], 3, 0), Closes);
        Assert.Equal(("specific-group-not-consulted", "第十四条"), (refusals.Single().Code, refusals.Single().Article));
        Assert.Empty(Completion.Refusals(ParticipationTerms.GroupStep, new([], [], 0, 1), Closes));
    }

    [Fact]
    public void Participation_is_organized_by_the_drafting_unit_only_in_its_step_and_not_for_a_matter_that_may_not_be_disclosed()
    {
        Refused(ParticipationAccess.MayAct(notDisclosable: true, stepActive: true, ParticipationTerms.Step), "participation-not-applicable", "第十四条", RefusalClass.Conflict);
        Refused(ParticipationAccess.MayAct(notDisclosable: false, stepActive: false, ParticipationTerms.GroupStep), "step-not-active", "第十四条", RefusalClass.Conflict);
        Assert.Null(ParticipationAccess.MayAct(notDisclosable: false, stepActive: true, ParticipationTerms.Step));
        Refused(ParticipationAccess.Organizer(draftingUnit: false), "forbidden", "第十四条", RefusalClass.Forbidden);
        Assert.Null(ParticipationAccess.Organizer(draftingUnit: true));
    }

    private static string[] Codes(ParticipationRecord record, DateTimeOffset? now = null) =>
        [.. Completion.Refusals(ParticipationTerms.Step, record, now ?? Closes).Select(r => r.Code)];
}
