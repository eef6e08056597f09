using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Meetings;

namespace RuleOfLaw.Workflow.Tests.Meetings;

/// <summary>第三十条 as plain rules: each refusal with its code, article and kind, without a server.</summary>
public sealed class CollectiveDecisionTests
{
    private static readonly DateOnly Day = new(2026, 3, 12);
    private static readonly Participant Head = new("head", "县长", Participant.Head);
    private static readonly Participant Wang = new("wang", "王副县长", Participant.Member);
    private static readonly Participant Li = new("li", "李副县长", Participant.Member);
    private static readonly Participant Zhao = new("zhao", "赵副县长", Participant.Member);
    private static readonly IReadOnlyList<Participant> Organ = [Head, Wang, Li, Zhao];
    private static readonly Sitting AllPresent = new(Day, ["head", "wang", "li", "zhao"], MeetingKinds.Standing);

    /// <summary>A department's office meeting with the same people (a department normative document's deliberation).</summary>
    private static readonly Sitting OfficeMeeting = AllPresent with { Kind = MeetingKinds.Office };

    private static OpinionOnRecord[] Opinions(params (Participant Who, string Position)[] said) => [.. said.Select(s => new OpinionOnRecord(s.Who.UserId, s.Position))];

    private static void Refused(Refusal? refusal, string code, RefusalClass kind, string? article = CollectiveDecision.Article)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, kind, article), (refusal.Code, refusal.Class, refusal.Article));
        Assert.False(string.IsNullOrWhiteSpace(refusal.TextIn(TextCatalog.English)));
        Assert.NotEqual(refusal.TextIn(TextCatalog.English), refusal.TextIn(TextCatalog.Chinese));
    }

    [Fact]
    public void The_head_speaks_last_every_present_member_first()
    {
        var ruling = CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, AllPresent, Day, Organ, Opinions((Wang, Positions.Agree)));
        Refused(ruling.Refusal, "head-speaks-last", RefusalClass.Conflict);
        Assert.Equal(["李副县长", "赵副县长"], (IEnumerable<string>)ruling.Refusal!.Arguments!["members"]!);
        Assert.Contains("李副县长、赵副县长", ruling.Refusal.Message);
        Assert.Contains("李副县长, 赵副县长", ruling.Refusal.TextIn(TextCatalog.English));
        Assert.Equal(["li", "zhao"], CollectiveDecision.NotYetHeard(Organ, AllPresent, Opinions((Wang, Positions.Agree))).Select(p => p.UserId));
    }

    [Fact]
    public void Without_present_members_the_head_cannot_decide_alone()
    {
        var ruling = CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, new Sitting(Day, ["head"], MeetingKinds.Standing), Day, Organ, []);
        Refused(ruling.Refusal, "head-speaks-last", RefusalClass.Conflict);
    }

    [Fact]
    public void Against_the_majority_the_reason_is_required_and_counted()
    {
        var said = Opinions((Wang, Positions.Disagree), (Li, Positions.Disagree), (Zhao, Positions.Agree));
        var refused = CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, AllPresent, Day, Organ, said);
        Refused(refused.Refusal, "reason-required-against-majority", RefusalClass.Invalid);
        Assert.Contains("赞成1人、反对2人", refused.Refusal!.Message);

        var decided = CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", "停车供需矛盾突出", AllPresent, Day, Organ, said);
        Assert.Equal(new Tally(1, 2, "reject", AgainstMajority: true), decided.Value);
    }

    [Fact]
    public void With_the_majority_or_deferring_on_a_tie_no_reason_is_needed()
    {
        Assert.Equal(new Tally(2, 1, "approve", false), CollectiveDecision.Decide("head", HeadOutcomes.ApprovedWithAmendments, "修改后通过。", null, AllPresent, Day, Organ,
            Opinions((Wang, Positions.Agree), (Li, Positions.AgreeWithAmendments), (Zhao, Positions.Disagree))).Value);
        Assert.Equal(new Tally(1, 1, null, false), CollectiveDecision.Decide("head", HeadOutcomes.NotApproved, "不通过。", null, AllPresent, Day, Organ,
            Opinions((Wang, Positions.Agree), (Li, Positions.Disagree), (Zhao, Positions.Abstain))).Value);
    }

    [Fact]
    public void The_head_gives_a_known_outcome_with_words_at_a_held_meeting_being_present()
    {
        var said = Opinions((Wang, Positions.Agree), (Li, Positions.Agree), (Zhao, Positions.Agree));
        Refused(CollectiveDecision.Decide("head", "maybe", "x", null, AllPresent, Day, Organ, said).Refusal, "unknown-outcome", RefusalClass.Invalid);
        var noText = CollectiveDecision.Decide("head", HeadOutcomes.Approved, " ", null, AllPresent, Day, Organ, said).Refusal;
        Refused(noText, "text-required", RefusalClass.Invalid);
        Assert.Contains("行政首长", noText!.Message);
        Refused(CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, AllPresent, Day.AddDays(-1), Organ, said).Refusal, "meeting-not-held", RefusalClass.Conflict);
        Refused(CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, new Sitting(Day, null, MeetingKinds.Standing), Day, Organ, said).Refusal, "attendance-not-recorded", RefusalClass.Conflict);
        Refused(CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, new Sitting(Day, ["wang", "li", "zhao"], MeetingKinds.Standing), Day, Organ, said).Refusal, "head-absent", RefusalClass.Invalid);
    }

    [Fact]
    public void A_meeting_not_yet_held_names_its_local_day()
    {
        var refusal = CollectiveDecision.Held(new Sitting(Day, null, MeetingKinds.Standing), Day.AddDays(-2));
        Refused(refusal, "meeting-not-held", RefusalClass.Conflict);
        Assert.Contains("2026-03-12", refusal!.Message);
        Assert.Equal(Day, refusal.Arguments!["date"]);
    }

    [Fact]
    public void A_member_states_an_opinion_once_present_with_a_known_position()
    {
        Refused(CollectiveDecision.Opinion("maybe", "x", Wang, AllPresent, Day, false), "invalid-position", RefusalClass.Invalid, null);
        Refused(CollectiveDecision.Opinion(Positions.Agree, "", Wang, AllPresent, Day, false), "text-required", RefusalClass.Invalid);
        Refused(CollectiveDecision.Opinion(Positions.Agree, "同意。", Head, AllPresent, Day, false), "not-a-member", RefusalClass.Invalid);
        Refused(CollectiveDecision.Opinion(Positions.Agree, "同意。", null, AllPresent, Day, false), "not-a-member", RefusalClass.Invalid);
        var absent = CollectiveDecision.Opinion(Positions.Agree, "同意。", Wang, new Sitting(Day, ["head"], MeetingKinds.Standing), Day, false);
        Refused(absent, "member-absent", RefusalClass.Invalid);
        Assert.StartsWith("王副县长", absent!.Message);
        Refused(CollectiveDecision.Opinion(Positions.Agree, "同意。", Wang, AllPresent, Day, true), "opinion-already-recorded", RefusalClass.Conflict);
        Assert.Null(CollectiveDecision.Opinion(Positions.Disagree, "不同意。", Wang, AllPresent, Day, false));
    }

    [Fact]
    public void Attendance_names_the_organ_only_and_is_fixed_once_opinions_exist()
    {
        Refused(CollectiveDecision.Attendance(["stranger"], Organ, false, MeetingKinds.Standing), "not-a-participant", RefusalClass.Invalid, null);
        Refused(CollectiveDecision.Attendance(["wang"], Organ, true, MeetingKinds.Standing), "attendance-fixed", RefusalClass.Conflict);
        Assert.Null(CollectiveDecision.Attendance(["wang", "head"], Organ, false, MeetingKinds.Office));
        Refused(CollectiveDecision.Kind("weekly"), "invalid-meeting-kind", RefusalClass.Invalid);
        Assert.Null(CollectiveDecision.Kind(MeetingKinds.Standing));
        Assert.Null(CollectiveDecision.Kind(MeetingKinds.Office));
    }

    [Fact]
    public void A_government_holds_standing_and_plenary_meetings_and_a_department_its_office_meeting()
    {
        Assert.Null(CollectiveDecision.KindOfOrgan(MeetingKinds.Standing, organIsDepartment: false));
        Assert.Null(CollectiveDecision.KindOfOrgan(MeetingKinds.Plenary, organIsDepartment: false));
        Assert.Null(CollectiveDecision.KindOfOrgan(MeetingKinds.Office, organIsDepartment: true));
        // Notice 37: a department document is deliberated at the department's office meeting.
        var standingOfDepartment = CollectiveDecision.KindOfOrgan(MeetingKinds.Standing, organIsDepartment: true);
        Refused(standingOfDepartment, "meeting-kind-not-of-department", RefusalClass.Invalid, CollectiveDecision.OfficeMeetingArticle);
        Assert.Contains("standing", standingOfDepartment!.TextIn(TextCatalog.English));
        Refused(CollectiveDecision.KindOfOrgan(MeetingKinds.Office, organIsDepartment: false), "meeting-kind-not-of-government", RefusalClass.Invalid);
        Assert.Equal("部门办公会议", MeetingKinds.Name(MeetingKinds.Office));
    }

    [Fact]
    public void At_a_departments_office_meeting_every_refusal_cites_notice_37s_collective_deliberation()
    {
        const string notice37 = CollectiveDecision.OfficeMeetingArticle;
        Assert.Equal("国办发〔2018〕37号“严格落实集体审议制度”", notice37);
        Assert.Equal((notice37, "第三十条", "第三十条"),
            (CollectiveDecision.ArticleFor(MeetingKinds.Office), CollectiveDecision.ArticleFor(MeetingKinds.Standing), CollectiveDecision.ArticleFor(MeetingKinds.Plenary)));
        var said = Opinions((Wang, Positions.Agree));
        Refused(CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, OfficeMeeting, Day, Organ, said).Refusal, "head-speaks-last", RefusalClass.Conflict, notice37);
        Refused(CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, OfficeMeeting with { Present = ["head"] }, Day, Organ, []).Refusal,
            "head-speaks-last", RefusalClass.Conflict, notice37);
        Refused(CollectiveDecision.Decide("head", "maybe", "x", null, OfficeMeeting, Day, Organ, said).Refusal, "unknown-outcome", RefusalClass.Invalid, notice37);
        Refused(CollectiveDecision.Decide("head", HeadOutcomes.Approved, " ", null, OfficeMeeting, Day, Organ, said).Refusal, "text-required", RefusalClass.Invalid, notice37);
        Refused(CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, OfficeMeeting with { Present = ["wang", "li", "zhao"] }, Day, Organ, said).Refusal,
            "head-absent", RefusalClass.Invalid, notice37);
        var against = Opinions((Wang, Positions.Disagree), (Li, Positions.Disagree), (Zhao, Positions.Agree));
        Refused(CollectiveDecision.Decide("head", HeadOutcomes.Approved, "同意。", null, OfficeMeeting, Day, Organ, against).Refusal,
            "reason-required-against-majority", RefusalClass.Invalid, notice37);
        Refused(CollectiveDecision.Held(OfficeMeeting, Day.AddDays(-1)), "meeting-not-held", RefusalClass.Conflict, notice37);
        Refused(CollectiveDecision.Held(OfficeMeeting with { Present = null }, Day), "attendance-not-recorded", RefusalClass.Conflict, notice37);
        Refused(CollectiveDecision.Opinion(Positions.Agree, "", Wang, OfficeMeeting, Day, false), "text-required", RefusalClass.Invalid, notice37);
        Refused(CollectiveDecision.Opinion(Positions.Agree, "同意。", Head, OfficeMeeting, Day, false), "not-a-member", RefusalClass.Invalid, notice37);
        Refused(CollectiveDecision.Opinion(Positions.Agree, "同意。", Wang, OfficeMeeting with { Present = ["head"] }, Day, false), "member-absent", RefusalClass.Invalid, notice37);
        Refused(CollectiveDecision.Opinion(Positions.Agree, "同意。", Wang, OfficeMeeting, Day, true), "opinion-already-recorded", RefusalClass.Conflict, notice37);
        Refused(CollectiveDecision.Attendance(["wang"], Organ, true, MeetingKinds.Office), "attendance-fixed", RefusalClass.Conflict, notice37);
        // The same refusal at a government's standing meeting keeps the major-decision Regulation's 第三十条.
        Refused(CollectiveDecision.Opinion(Positions.Agree, "同意。", Wang, AllPresent, Day, true), "opinion-already-recorded", RefusalClass.Conflict, "第三十条");
    }
}
