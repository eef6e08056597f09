using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.Meetings;

/// <summary>A person who may sit in the organ's meeting: a member (会议组成人员) or the head (行政首长).</summary>
public sealed record Participant(string UserId, string Name, string Capacity)
{
    public const string Member = "member";
    public const string Head = "head";
}

/// <summary>An opinion on record for an agenda item.</summary>
public sealed record OpinionOnRecord(string UserId, string Position);

/// <summary>
/// The meeting as the rules see it for one agenda item: its date, who is present (null: attendance not yet recorded),
/// its kind (<see cref="MeetingKinds"/>) and the rule the item's record rests on (<paramref name="Article"/>:
/// <see cref="CollectiveDecision.ArticleFor(string, ProcedureDefinition?)"/> of the item's procedure; null: the kind's,
/// <see cref="CollectiveDecision.ArticleFor(string)"/>), which its refusals cite.
/// </summary>
public sealed record Sitting(DateOnly Date, IReadOnlyCollection<string>? Present, string Kind, string? Article = null);

/// <summary>How the present members stood, and how the head's decision relates to it.</summary>
public sealed record Tally(int InFavour, int Against, string? Majority, bool AgainstMajority);

/// <summary>
/// 《重大行政决策程序暂行条例》第三十条: a major decision is discussed at the organ's standing or plenary meeting; the
/// members' opinions are recorded verbatim; the head (行政首长) speaks last and decides; a decision against the
/// majority's opinion states the reason at the meeting. A department's office meeting (部门办公会议) keeps the same
/// record for a department normative document on Notice 37's collective deliberation, so its refusals cite that
/// (<see cref="ArticleFor(string)"/>; per agenda item, its procedure's: <see cref="ArticleFor(string, ProcedureDefinition?)"/>). Plain rules over plain records: the meetings service supplies the facts and writes
/// what these allow.
/// </summary>
public static class CollectiveDecision
{
    public const string Article = "第三十条";

    private static MeetingTexts T => MeetingTexts.Catalog;

    /// <summary>
    /// The rule a meeting's record rests on: 第三十条 for a government's standing or plenary meeting; Notice 37's
    /// collective deliberation (<see cref="OfficeMeetingArticle"/>) for a department's office meeting, where a department
    /// normative document is deliberated (shared/domain/normative-documents.md, procedure step 4).
    /// </summary>
    public static string ArticleFor(string meetingKind) => MeetingKinds.HeldByDepartment(meetingKind) ? OfficeMeetingArticle : Article;

    /// <summary>
    /// The rule one agenda item's record rests on, decided per item, not per meeting: the article the item's procedure
    /// gives its collective decision (the <c>collective-decision</c> step's: 第三十条 for a major decision; for a normative
    /// document Notice 37's collective deliberation, the source shared/domain/normative-documents.md names for it, also
    /// when a government document sits at the standing meeting it shares with major decisions); a procedure whose step
    /// names none (or no procedure) falls back to the meeting's kind (<see cref="ArticleFor(string)"/>).
    /// </summary>
    public static string ArticleFor(string meetingKind, ProcedureDefinition? procedure) =>
        procedure?.Steps.FirstOrDefault(s => s.Id == MeetingSteps.CollectiveDecision)?.Article is { Length: > 0 } article ? article : ArticleFor(meetingKind);

    /// <summary>The rule <paramref name="sitting"/>'s item rests on: its own, else the meeting kind's.</summary>
    private static string ArticleOf(Sitting sitting) => sitting.Article ?? ArticleFor(sitting.Kind);

    /// <summary>Records can be made only once the meeting day has come and attendance is on record.</summary>
    public static Refusal? Held(Sitting sitting, DateOnly today)
    {
        if (today < sitting.Date)
        {
            return T.Conflict("meeting-not-held", ArticleOf(sitting), ("date", sitting.Date));
        }
        return sitting.Present is null ? T.Conflict("attendance-not-recorded", ArticleOf(sitting)) : null;
    }

    /// <summary>A meeting is a standing or plenary meeting of the organ.</summary>
    public static Refusal? Kind(string? kind) => MeetingKinds.IsKnown(kind) ? null : T.Invalid("invalid-meeting-kind", Article);

    /// <summary>
    /// The kind fits the organ that holds the meeting: a people's government holds standing and plenary meetings (第三十条),
    /// a department its office meeting (部门办公会议, Notice 37 "严格落实集体审议制度").
    /// </summary>
    public static Refusal? KindOfOrgan(string kind, bool organIsDepartment) =>
        MeetingKinds.HeldByDepartment(kind) == organIsDepartment
            ? null
            : organIsDepartment
                ? T.Invalid("meeting-kind-not-of-department", OfficeMeetingArticle, ("kind", kind))
                : T.Invalid("meeting-kind-not-of-government", Article, ("kind", kind));

    /// <summary>The rule that a department document is deliberated at the department's office meeting.</summary>
    public const string OfficeMeetingArticle = "国办发〔2018〕37号“严格落实集体审议制度”";

    /// <summary>Attendance names only the organ's members and head, and is fixed once an opinion is on record (<paramref name="meetingKind"/>: the rule cited).</summary>
    public static Refusal? Attendance(IEnumerable<string> present, IReadOnlyList<Participant> organ, bool opinionsRecorded, string meetingKind)
    {
        var unknown = present.Where(p => organ.All(x => x.UserId != p)).ToList();
        if (unknown.Count > 0)
        {
            return T.Invalid("not-a-participant", null, ("people", unknown));
        }
        return opinionsRecorded ? T.Conflict("attendance-fixed", ArticleFor(meetingKind)) : null;
    }

    /// <summary>A member's opinion: a known position, its words, a present member of the organ, once.</summary>
    public static Refusal? Opinion(string position, string? text, Participant? member, Sitting sitting, DateOnly today, bool alreadyRecorded)
    {
        var article = ArticleOf(sitting);
        if (!Positions.All.Contains(position))
        {
            return T.Invalid("invalid-position", null, ("positions", Positions.All));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return T.Invalid("text-required", article);
        }
        if (member is null || member.Capacity != Participant.Member)
        {
            return T.Invalid("not-a-member", article);
        }
        if (Held(sitting, today) is { } notHeld)
        {
            return notHeld;
        }
        if (!sitting.Present!.Contains(member.UserId))
        {
            return T.Invalid("member-absent", article, ("member", member.Name));
        }
        return alreadyRecorded ? T.Conflict("opinion-already-recorded", article) : null;
    }

    /// <summary>
    /// The head's decision, last: a known outcome with its words, the head present, every present member heard first,
    /// and a reason when the decision goes against the majority of the members' opinions.
    /// </summary>
    public static Ruling<Tally> Decide(
        string headId, string outcome, string? text, string? reason, Sitting sitting, DateOnly today,
        IReadOnlyList<Participant> organ, IReadOnlyList<OpinionOnRecord> opinions)
    {
        var article = ArticleOf(sitting);
        if (!HeadOutcomes.All.Contains(outcome))
        {
            return T.Invalid("unknown-outcome", article, ("outcomes", HeadOutcomes.All));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return T.Invalid("text-required.head", article);
        }
        if (Held(sitting, today) is { } notHeld)
        {
            return notHeld;
        }
        var present = sitting.Present!;
        if (!present.Contains(headId))
        {
            return T.Invalid("head-absent", article);
        }
        var presentMembers = organ.Where(p => p.Capacity == Participant.Member && present.Contains(p.UserId)).ToList();
        if (presentMembers.Count == 0)
        {
            return T.Conflict("head-speaks-last.no-members", article);
        }
        var silent = presentMembers.Where(p => opinions.All(s => s.UserId != p.UserId)).ToList();
        if (silent.Count > 0)
        {
            return T.Conflict("head-speaks-last", article, ("members", silent.Select(s => s.Name).ToList()));
        }
        var inFavour = opinions.Count(s => s.Position is Positions.Agree or Positions.AgreeWithAmendments);
        var against = opinions.Count(s => s.Position == Positions.Disagree);
        var majority = inFavour > against ? "approve" : against > inFavour ? "reject" : null;
        var stance = outcome switch
        {
            HeadOutcomes.Approved or HeadOutcomes.ApprovedWithAmendments => "approve",
            HeadOutcomes.NotApproved => "reject",
            _ => "defer",
        };
        var againstMajority = majority is not null && stance != majority;
        if (againstMajority && string.IsNullOrWhiteSpace(reason))
        {
            return T.Invalid("reason-required-against-majority", article, ("inFavour", inFavour), ("against", against));
        }
        return Ruling<Tally>.Accept(new Tally(inFavour, against, majority, againstMajority));
    }

    /// <summary>The present members who have not yet given their opinion (for the refusal's <c>notYetHeard</c>).</summary>
    public static IReadOnlyList<Participant> NotYetHeard(IReadOnlyList<Participant> organ, Sitting sitting, IReadOnlyList<OpinionOnRecord> opinions) =>
        organ.Where(p => p.Capacity == Participant.Member && (sitting.Present?.Contains(p.UserId) ?? false) && opinions.All(s => s.UserId != p.UserId)).ToList();
}
