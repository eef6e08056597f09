using System.Globalization;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Meetings;

/// <summary>One condition a matter does not meet for the agenda, in the reader's language; <c>Pending</c>: not yet reached (else unmet).</summary>
public sealed record AgendaGate(string Code, string Title, string Article, string Detail, bool Pending);

/// <summary>
/// Who arranges the organ's meetings and what may be put on their agenda (第二十五条、第二十九条、第三十条; each item's
/// refusals cite the rule of the item's procedure, <see cref="CollectiveDecision.ArticleFor(string, ProcedureDefinition?)"/>): the meeting
/// secretaries of the organ's general office arrange meetings, record attendance and place matters; a matter goes on
/// a meeting of its own decision organ once it awaits scheduling, every item required before the collective decision
/// is met, and the meeting has not passed; members' opinions are theirs (or the secretary's record of them); the head
/// decides. The meetings service loads the facts and asks these.
/// </summary>
public static class Agenda
{
    public const string Article = "第二十九条";
    public const string GateArticles = "第二十五条、第二十九条";

    /// <summary>
    /// The rule a meeting's agenda gates cite: 第二十五条、第二十九条 for the government's meetings; Notice 37's
    /// collective deliberation for a department's office meeting (no major decision goes there).
    /// </summary>
    /// <remarks>
    /// With the item's <paramref name="procedure"/>, per item: an item whose record rests on the Regulation's 第三十条
    /// (<see cref="CollectiveDecision.ArticleFor(string, ProcedureDefinition?)"/>) has the Regulation's gates; an item
    /// deliberated under another source (a normative document, Notice 37, at either meeting) cites that source.
    /// </remarks>
    public static string GateArticlesFor(string meetingKind, ProcedureDefinition? procedure = null) =>
        CollectiveDecision.ArticleFor(meetingKind, procedure) is var rule && rule != CollectiveDecision.Article ? rule : GateArticles;

    private static MeetingTexts T => MeetingTexts.Catalog;

    /// <summary>A meeting is arranged by a meeting secretary of the organ's general office.</summary>
    public static Refusal? MayArrange(bool isSecretaryOfOrgan) => isSecretaryOfOrgan ? null : T.Forbidden("forbidden.create-meeting");

    /// <summary>Attendance is recorded by a meeting secretary of the organ's general office.</summary>
    public static Refusal? MayRecordAttendance(bool isSecretaryOfOrgan) => isSecretaryOfOrgan ? null : T.Forbidden("forbidden.attendance");

    /// <summary>
    /// The matter is of the meeting's decision organ (<paramref name="meetingKind"/> and the matter's
    /// <paramref name="procedure"/>: the rule cited, <see cref="CollectiveDecision.ArticleFor(string, ProcedureDefinition?)"/>).
    /// </summary>
    public static Refusal? SameOrgan(string matterOrgan, string meetingOrgan, string meetingKind, ProcedureDefinition? procedure = null) =>
        matterOrgan == meetingOrgan ? null : T.Invalid("meeting-organ-mismatch", CollectiveDecision.ArticleFor(meetingKind, procedure));

    /// <summary>
    /// The scheduling task is done by a meeting secretary of the office it is assigned to (第二十九条; at a department's
    /// office meeting Notice 37's collective deliberation, <see cref="CollectiveDecision.OfficeMeetingArticle"/>).
    /// </summary>
    public static Refusal? MaySchedule(Actor actor, WorkTask schedulingTask, string meetingKind, ProcedureDefinition? procedure = null) =>
        actor.Holds(Roles.MeetingSecretary, schedulingTask.OrganizationId)
            ? null
            : T.Forbidden("forbidden.schedule", CollectiveDecision.ArticleFor(meetingKind, procedure) is var rule && rule != CollectiveDecision.Article ? rule : Article);

    /// <summary>A member records their own opinion; the meeting secretary may record any member's.</summary>
    public static Refusal? MayRecordOpinion(string actorId, string memberId, bool isSecretary, string meetingKind, ProcedureDefinition? procedure = null) =>
        memberId == actorId || isSecretary ? null : T.Forbidden("forbidden.opinion", CollectiveDecision.ArticleFor(meetingKind, procedure));

    /// <summary>The decision is the chief executive's, of the organ the collective-decision task is assigned to.</summary>
    public static Refusal? MayDecide(Actor actor, WorkTask decisionTask, string meetingKind, ProcedureDefinition? procedure = null) =>
        actor.Holds(Roles.ChiefExecutive, decisionTask.OrganizationId) ? null : T.Forbidden("forbidden.decide", CollectiveDecision.ArticleFor(meetingKind, procedure));

    /// <summary>An item's record changes only while it awaits the decision.</summary>
    public static Refusal? StillOpen(string itemStatus, string? outcome, bool decisionOpen, string meetingKind, ProcedureDefinition? procedure = null) =>
        itemStatus == "scheduled" && decisionOpen ? null : T.Conflict("agenda-item-closed", CollectiveDecision.ArticleFor(meetingKind, procedure), ("outcome", outcome));

    /// <summary>The matter awaits scheduling: else a gate naming the steps open now and the procedure's status.</summary>
    public static AgendaGate? AwaitingScheduling(bool awaiting, IReadOnlyList<string> openSteps, string status, CultureInfo culture, string article = GateArticles) =>
        awaiting ? null : new AgendaGate($"step:{MeetingSteps.Scheduling}", T.Text("gate.scheduling.title", culture), article,
            T.Text("gate.scheduling.detail", culture, new Dictionary<string, object?>
            {
                ["open"] = openSteps.Count == 0 ? T.Text("gate.none", culture) : openSteps, ["status"] = status,
            }), Pending: true);

    /// <summary>The meeting has not passed (its date is today or later in the matter's jurisdiction).</summary>
    public static AgendaGate? NotPassed(DateOnly meetingDate, DateOnly today, CultureInfo culture, string meetingKind, ProcedureDefinition? procedure = null) =>
        meetingDate >= today ? null : new AgendaGate("meeting-date-passed", T.Text("gate.date-passed.title", culture), CollectiveDecision.ArticleFor(meetingKind, procedure),
            T.Text("gate.date-passed.detail", culture, new Dictionary<string, object?> { ["date"] = meetingDate }), Pending: false);

    /// <summary>The refusal listing every unmet gate ("title（article）").</summary>
    public static Refusal GatesUnmet(IEnumerable<string> gates, string article = GateArticles) => T.Conflict("agenda-gates-unmet", article, ("gates", gates.ToList()));
}
