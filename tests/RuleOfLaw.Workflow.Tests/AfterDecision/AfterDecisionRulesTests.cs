using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Tests.AfterDecision;

/// <summary>
/// The after-decision rules (第三十一条至第三十七条、第四十三条) without a server: each refusal with its code, article
/// and class, and a text in both languages.
/// </summary>
public sealed class AfterDecisionRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 12);
    private static readonly DateOnly Began = new(2026, 3, 2);

    internal static Actor Holding(params (string Organization, string Role)[] roles) =>
        new("u1", "张三", roles.Select(r => new Membership(r.Organization, r.Role)).ToHashSet());

    internal static void Refused(Refusal? refusal, string code, RefusalClass kind, string? article)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, kind, article), (refusal.Code, refusal.Class, refusal.Article));
        var zh = refusal.TextIn(TextCatalog.Chinese);
        var en = refusal.TextIn(TextCatalog.English);
        Assert.False(string.IsNullOrWhiteSpace(en));
        Assert.NotEqual(en, zh);
        Assert.DoesNotContain("{", zh.Replace("{id}", "", StringComparison.Ordinal));
    }

    private static WorkTask Task(string step, string role = Roles.MeetingSecretary, string organization = "office") => new()
    {
        Id = Guid.NewGuid(), StepId = step, Iteration = 1, Role = role, Scope = "general-office", OrganizationId = organization, CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void A_step_act_needs_the_open_task_and_its_role()
    {
        var actor = Holding(("office", Roles.MeetingSecretary));
        Refused(StepActs.MayRecord(null, AfterDecisionSteps.Publication, "决策公布", actor, Issuance.PublicationArticle),
            "step-not-open", RefusalClass.Conflict, "第三十二条");
        Refused(StepActs.MayRecord(Task(AfterDecisionSteps.Publication, organization: "other"), AfterDecisionSteps.Publication, "决策公布", actor, "第三十二条"),
            "forbidden", RefusalClass.Forbidden, "第三十二条");
        Assert.Null(StepActs.MayRecord(Task(AfterDecisionSteps.Publication), AfterDecisionSteps.Publication, "决策公布", actor, "第三十二条"));
    }

    [Fact]
    public void An_act_is_dated_between_the_steps_beginning_and_today()
    {
        var future = StepActs.Dated(new ActDay("publication", Today.AddDays(1), Began, Today), "第三十二条");
        Refused(future, "date-in-future", RefusalClass.Invalid, "第三十二条");
        Assert.Contains("2026-03-12", future!.Message);
        var early = StepActs.Dated(new ActDay("archive", Began.AddDays(-1), Began, Today), "第三十三条");
        Refused(early, "date-too-early", RefusalClass.Invalid, "第三十三条");
        Assert.Contains("2026-03-02", early!.TextIn(TextCatalog.English));
        Assert.Null(StepActs.Dated(new ActDay("filing", Began, Began, Today), "第四十三条"));
    }

    [Fact]
    public void The_party_committee_report_needs_its_form_and_is_recorded_once()
    {
        var day = new ActDay("party-report", Today, Began, Today);
        Refused(Issuance.PartyReport(" ", day, false), "form-required", RefusalClass.Invalid, "第三十一条");
        Refused(Issuance.PartyReport("书面请示", day with { Date = Today.AddDays(1) }, false), "date-in-future", RefusalClass.Invalid, "第三十一条");
        Refused(Issuance.PartyReport("书面请示", day, true), "already-recorded", RefusalClass.Conflict, "第三十一条");
        Assert.Null(Issuance.PartyReport("书面请示", day, false));
    }

    [Fact]
    public void Publication_names_known_channels_and_explains_the_use_of_opinions_when_the_matter_had_them()
    {
        var day = new ActDay("publication", Today, Began, Today);
        var none = Issuance.Publication([], "说明。", false, day, false);
        Refused(none, "invalid-channels", RefusalClass.Invalid, "第三十二条");
        Assert.Contains("gazette", none!.Message);
        Refused(Issuance.Publication(["radio"], "说明。", false, day, false), "invalid-channels", RefusalClass.Invalid, "第三十二条");
        Refused(Issuance.Publication(["gazette"], " ", true, day, false), "opinions-use-required", RefusalClass.Invalid, "第三十二条");
        Refused(Issuance.Publication(["gazette"], null, false, day, true), "already-recorded", RefusalClass.Conflict, "第三十二条");
        Assert.Null(Issuance.Publication(["gazette", "website"], null, false, day, false));

        var state = State();
        Assert.False(Issuance.NeedsOpinionsUse(state));
        state.Steps["expert-argumentation"] = new StepState { StepId = "expert-argumentation", Status = StepStatus.Completed };
        Assert.True(Issuance.NeedsOpinionsUse(state));
    }

    [Fact]
    public void Archiving_is_refused_while_the_dossier_is_incomplete()
    {
        var day = new ActDay("archive", Today, Began, Today);
        var incomplete = Issuance.Archive(day, ["向同级党委请示报告的记录（第三十一条）", "决策公布记录（第三十二条）"], false);
        Refused(incomplete, "archive-incomplete", RefusalClass.Conflict, "第三十三条");
        Assert.Contains("向同级党委请示报告的记录（第三十一条）、决策公布记录（第三十二条）", incomplete!.Message);
        Refused(Issuance.Archive(day, [], true), "already-recorded", RefusalClass.Conflict, "第三十三条");
        Assert.Null(Issuance.Archive(day, [], false));
    }

    [Fact]
    public void Completing_a_step_needs_its_record()
    {
        Refused(Completion.PartyReport(false), "party-report-missing", RefusalClass.Conflict, "第三十一条");
        Refused(Completion.Publication(false), "publication-missing", RefusalClass.Conflict, "第三十二条");
        Refused(Completion.Archiving(false), "archive-missing", RefusalClass.Conflict, "第三十三条");
        var recipients = new[] { Recipient("higher-government", "上一级人民政府"), Recipient("npc", "本级人民代表大会常务委员会") };
        var filing = Completion.Filing(recipients, ["higher-government"]);
        Refused(filing, "filing-incomplete", RefusalClass.Conflict, "第四十三条");
        Assert.Contains("本级人民代表大会常务委员会", filing!.Message);
        Assert.DoesNotContain("上一级人民政府", filing.Message);
        Assert.Null(Completion.Filing(recipients, ["higher-government", "npc"]));
        var evaluation = Completion.Evaluation("adjust", false);
        Refused(evaluation, "evaluation-missing", RefusalClass.Conflict, "第三十六条");
        Assert.Contains("adjust", evaluation!.TextIn(TextCatalog.English));
        Assert.Null(Completion.Evaluation("adjust", true));
        Assert.Null(Completion.PartyReport(true));
    }

    [Fact]
    public void Execution_is_reported_before_the_task_is_done_and_not_executed_while_suspended()
    {
        Refused(Assert.Single(Completion.Execution("executed", reported: false, suspended: false)), "progress-report-missing", RefusalClass.Conflict, "第三十四条");
        Refused(Assert.Single(Completion.Execution("problem-reported", reported: false, suspended: false)), "problem-report-missing", RefusalClass.Conflict, "第三十五条");
        Refused(Assert.Single(Completion.Execution("executed", reported: true, suspended: true)), "execution-suspended", RefusalClass.Conflict, "第三十七条");
        Assert.Equal(2, Completion.Execution("executed", reported: false, suspended: true).Count);
        Assert.Empty(Completion.Execution("problem-reported", reported: true, suspended: true));
        Assert.Equal(ExecutionEventKinds.Problem, Completion.ReportKindFor("problem-reported"));
    }

    internal static FilingRecipient Recipient(string id, string name, int days = 15) =>
        new(id, name, new SettingPeriod { Days = days, Counting = DayCounting.Calendar, Article = "第四十三条" });

    internal static InstanceState State() => new()
    {
        Id = Guid.NewGuid(), MatterId = "m", DefinitionId = "major-administrative-decision", DefinitionVersion = 1, StartedAt = DateTimeOffset.UnixEpoch,
    };
}
