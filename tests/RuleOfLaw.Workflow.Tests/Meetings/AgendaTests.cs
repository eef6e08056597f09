using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Tests.Meetings;

/// <summary>Who arranges meetings and what goes on their agenda (第二十五条、第二十九条、第三十条), without a server.</summary>
public sealed class AgendaTests
{
    private static readonly Actor Secretary = new("sec", "秘书", new HashSet<Membership> { new("office", Roles.MeetingSecretary) });
    private static readonly Actor Head = new("head", "县长", new HashSet<Membership> { new("gov", Roles.ChiefExecutive) });

    private static WorkTask Task(string step, string organization) => new()
    {
        Id = Guid.NewGuid(), StepId = step, Iteration = 1, Role = Roles.MeetingSecretary, Scope = "general-office", OrganizationId = organization,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static void Refused(Refusal? refusal, string code, RefusalClass kind, string? article)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, kind, article), (refusal.Code, refusal.Class, refusal.Article));
        Assert.False(string.IsNullOrWhiteSpace(refusal.TextIn(TextCatalog.English)));
        Assert.NotEqual(refusal.TextIn(TextCatalog.English), refusal.TextIn(TextCatalog.Chinese));
    }

    [Fact]
    public void Meetings_and_attendance_are_the_general_offices_secretaries()
    {
        Refused(Agenda.MayArrange(false), "forbidden", RefusalClass.Forbidden, null);
        Refused(Agenda.MayRecordAttendance(false), "forbidden", RefusalClass.Forbidden, null);
        Assert.Null(Agenda.MayArrange(true));
        Assert.Null(Agenda.MayRecordAttendance(true));
    }

    [Fact]
    public void A_matter_goes_on_a_meeting_of_its_own_organ_placed_by_the_scheduling_offices_secretary()
    {
        Refused(Agenda.SameOrgan("gov-a", "gov-b", MeetingKinds.Standing), "meeting-organ-mismatch", RefusalClass.Invalid, "第三十条");
        Assert.Null(Agenda.SameOrgan("gov", "gov", MeetingKinds.Standing));
        Refused(Agenda.MaySchedule(Secretary, Task(MeetingSteps.Scheduling, "other-office"), MeetingKinds.Standing), "forbidden", RefusalClass.Forbidden, "第二十九条");
        Assert.Null(Agenda.MaySchedule(Secretary, Task(MeetingSteps.Scheduling, "office"), MeetingKinds.Standing));
    }

    [Fact]
    public void Opinions_are_the_members_own_or_the_secretarys_record_and_the_head_decides()
    {
        Refused(Agenda.MayRecordOpinion("wang", "li", isSecretary: false, MeetingKinds.Standing), "forbidden", RefusalClass.Forbidden, "第三十条");
        Assert.Null(Agenda.MayRecordOpinion("wang", "wang", isSecretary: false, MeetingKinds.Standing));
        Assert.Null(Agenda.MayRecordOpinion("sec", "li", isSecretary: true, MeetingKinds.Standing));
        Refused(Agenda.MayDecide(Secretary, Task(MeetingSteps.CollectiveDecision, "gov"), MeetingKinds.Standing), "forbidden", RefusalClass.Forbidden, "第三十条");
        Assert.Null(Agenda.MayDecide(Head, Task(MeetingSteps.CollectiveDecision, "gov"), MeetingKinds.Standing));
    }

    [Fact]
    public void A_decided_item_is_closed()
    {
        var closed = Agenda.StillOpen("decided", HeadOutcomes.Approved, decisionOpen: false, MeetingKinds.Standing);
        Refused(closed, "agenda-item-closed", RefusalClass.Conflict, "第三十条");
        Assert.Contains(HeadOutcomes.Approved, closed!.Message);
        Refused(Agenda.StillOpen("scheduled", null, decisionOpen: false, MeetingKinds.Standing), "agenda-item-closed", RefusalClass.Conflict, "第三十条");
        Assert.Null(Agenda.StillOpen("scheduled", null, decisionOpen: true, MeetingKinds.Standing));
    }

    [Fact]
    public void The_gates_name_the_open_steps_and_the_passed_date_and_their_refusal_lists_them_all()
    {
        var scheduling = Agenda.AwaitingScheduling(false, ["initiation"], "Running", TextCatalog.Chinese)!;
        Assert.Equal(("step:meeting-scheduling", "第二十五条、第二十九条", true), (scheduling.Code, scheduling.Article, scheduling.Pending));
        Assert.Contains("initiation", scheduling.Detail);
        Assert.Null(Agenda.AwaitingScheduling(true, [], "Running", TextCatalog.Chinese));
        var day = new DateOnly(2026, 3, 12);
        var passed = Agenda.NotPassed(day, day.AddDays(1), TextCatalog.English, MeetingKinds.Standing)!;
        Assert.Equal(("meeting-date-passed", "第三十条", false), (passed.Code, passed.Article, passed.Pending));
        Assert.Contains("2026-03-12", passed.Detail);
        Assert.Null(Agenda.NotPassed(day, day, TextCatalog.Chinese, MeetingKinds.Office));
        var refused = Agenda.GatesUnmet([$"{scheduling.Title}（{scheduling.Article}）"]);
        Refused(refused, "agenda-gates-unmet", RefusalClass.Conflict, "第二十五条、第二十九条");
        Assert.Contains(scheduling.Title, refused.Message);
    }

    [Fact]
    public void At_a_departments_office_meeting_the_item_refusals_cite_notice_37s_collective_deliberation()
    {
        const string notice37 = CollectiveDecision.OfficeMeetingArticle;
        Refused(Agenda.SameOrgan("dept-a", "dept-b", MeetingKinds.Office), "meeting-organ-mismatch", RefusalClass.Invalid, notice37);
        Refused(Agenda.MaySchedule(Secretary, Task(MeetingSteps.Scheduling, "dept"), MeetingKinds.Office), "forbidden", RefusalClass.Forbidden, notice37);
        Refused(Agenda.MayRecordOpinion("wang", "li", isSecretary: false, MeetingKinds.Office), "forbidden", RefusalClass.Forbidden, notice37);
        Refused(Agenda.MayDecide(Secretary, Task(MeetingSteps.CollectiveDecision, "dept"), MeetingKinds.Office), "forbidden", RefusalClass.Forbidden, notice37);
        Refused(Agenda.StillOpen("decided", HeadOutcomes.Approved, decisionOpen: false, MeetingKinds.Office), "agenda-item-closed", RefusalClass.Conflict, notice37);
        var day = new DateOnly(2026, 3, 12);
        Assert.Equal(("meeting-date-passed", notice37), Agenda.NotPassed(day, day.AddDays(1), TextCatalog.Chinese, MeetingKinds.Office) is { } passed
            ? (passed.Code, passed.Article) : default);
    }

    [Fact]
    public void On_one_standing_meeting_each_item_cites_the_rule_of_its_own_procedure()
    {
        // A government normative document sits at the standing meeting it shares with major decisions: its items cite
        // Notice 37's collective deliberation (the rule its procedure's collective-decision step names), a major
        // decision's items the Regulation — decided per item, not by the meeting's kind.
        var major = TestSupport.RepositoryFiles.MajorAdministrativeDecision;
        var normative = TestSupport.RepositoryFiles.LoadedDefinitions.Where(d => d.Id == "normative-document").MaxBy(d => d.Version)!;
        const string notice37 = CollectiveDecision.OfficeMeetingArticle;
        const string standing = MeetingKinds.Standing;
        Assert.Equal(("第三十条", notice37, notice37, "第三十条"),
            (CollectiveDecision.ArticleFor(standing, major), CollectiveDecision.ArticleFor(standing, normative),
                CollectiveDecision.ArticleFor(MeetingKinds.Office, normative), CollectiveDecision.ArticleFor(standing, null)));
        Assert.Equal(("第二十五条、第二十九条", notice37), (Agenda.GateArticlesFor(standing, major), Agenda.GateArticlesFor(standing, normative)));

        Refused(Agenda.SameOrgan("gov-a", "gov-b", standing, major), "meeting-organ-mismatch", RefusalClass.Invalid, "第三十条");
        Refused(Agenda.SameOrgan("gov-a", "gov-b", standing, normative), "meeting-organ-mismatch", RefusalClass.Invalid, notice37);
        Refused(Agenda.MaySchedule(Secretary, Task(MeetingSteps.Scheduling, "other-office"), standing, major), "forbidden", RefusalClass.Forbidden, "第二十九条");
        Refused(Agenda.MaySchedule(Secretary, Task(MeetingSteps.Scheduling, "other-office"), standing, normative), "forbidden", RefusalClass.Forbidden, notice37);
        Refused(Agenda.MayRecordOpinion("wang", "li", isSecretary: false, standing, major), "forbidden", RefusalClass.Forbidden, "第三十条");
        Refused(Agenda.MayRecordOpinion("wang", "li", isSecretary: false, standing, normative), "forbidden", RefusalClass.Forbidden, notice37);
        Refused(Agenda.MayDecide(Secretary, Task(MeetingSteps.CollectiveDecision, "gov"), standing, major), "forbidden", RefusalClass.Forbidden, "第三十条");
        Refused(Agenda.MayDecide(Secretary, Task(MeetingSteps.CollectiveDecision, "gov"), standing, normative), "forbidden", RefusalClass.Forbidden, notice37);
        Refused(Agenda.StillOpen("decided", HeadOutcomes.Approved, decisionOpen: false, standing, major), "agenda-item-closed", RefusalClass.Conflict, "第三十条");
        Refused(Agenda.StillOpen("decided", HeadOutcomes.Approved, decisionOpen: false, standing, normative), "agenda-item-closed", RefusalClass.Conflict, notice37);
        var day = new DateOnly(2026, 3, 12);
        Assert.Equal(("第三十条", notice37), (Agenda.NotPassed(day, day.AddDays(1), TextCatalog.Chinese, standing, major)!.Article,
            Agenda.NotPassed(day, day.AddDays(1), TextCatalog.Chinese, standing, normative)!.Article));

        // The record's rules take the item's rule through the sitting.
        var sitting = new Sitting(day, ["head"], standing);
        var member = new Participant("wang", "王副县长", Participant.Member);
        Refused(CollectiveDecision.Opinion(Positions.Agree, " ", member, sitting with { Article = CollectiveDecision.ArticleFor(standing, major) }, day, false),
            "text-required", RefusalClass.Invalid, "第三十条");
        Refused(CollectiveDecision.Opinion(Positions.Agree, " ", member, sitting with { Article = CollectiveDecision.ArticleFor(standing, normative) }, day, false),
            "text-required", RefusalClass.Invalid, notice37);
        Refused(CollectiveDecision.Held(sitting with { Present = null, Article = CollectiveDecision.ArticleFor(standing, normative) }, day),
            "attendance-not-recorded", RefusalClass.Conflict, notice37);
    }
}
