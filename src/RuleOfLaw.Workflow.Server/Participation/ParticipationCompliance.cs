using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// The participation lines of the compliance report (arts. 14, 15, 17, 18), their details from the module's catalog
/// (rendered in the reader's language) with every time in the jurisdiction's zone.
/// </summary>
public sealed class ParticipationCompliance(ParticipationQueries queries) : IComplianceCheck
{
    private static ParticipationTexts T => ParticipationTexts.Catalog;

    private static readonly string[] BeforeDecision = [MeetingSteps.CollectiveDecision];

    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        var attributes = context.State?.Attributes
            ?? JsonSerializer.Deserialize<Dictionary<string, bool>>(context.Matter.AttributesJson) ?? [];
        var items = new List<ComplianceItem>();
        var records = await queries.RecordsAsync(context.Matter, cancellationToken);
        var activities = records.Activities;
        var consultations = records.Consultations.Select(d => d.Consultation).ToList();
        var hearings = records.Hearings.Where(h => h.CancelledAt == null).ToList();

        var zone = context.TimeZone;
        if (attributes.GetValueOrDefault("notDisclosable"))
        {
            items.Add(new ComplianceItem("participation:method", "听取公众意见", "Public participation", "第十四条", ComplianceStatus.NotApplicable,
                null, ParticipationTerms.Step).Because(T.Line("compliance.method-not-disclosable")));
        }
        else
        {
            var methods = activities.Where(a => !a.SpecificGroup).Select(a => (IReaderText)T.Line("compliance.method-on", ("method", T.Line($"method.{a.Method}")), ("day", a.HeldOn)))
                .Concat(consultations.Select(c => T.Line("compliance.method-consultation", ("title", c.Title))))
                .Concat(hearings.Select(h => T.Line("compliance.method-hearing", ("day", context.Day(h.ScheduledAt))))).ToList();
            items.Add(new ComplianceItem("participation:method", "听取公众意见的方式", "Participation method used", "第十四条",
                methods.Count > 0 ? ComplianceStatus.Met : ComplianceStatus.Pending, null, ParticipationTerms.Step, BeforeDecision)
                .Because(methods.Count > 0 ? T.Line("compliance.methods-used", ("methods", methods)) : T.Line("compliance.no-method")));
        }

        foreach (var digest in records.Consultations.OrderBy(d => d.Consultation.OpensAt))
        {
            var c = digest.Consultation;
            // A period reads in the jurisdiction's time, its end as the last day's 24:00 (《民法典》第二百零三条).
            (string, object?) opens = ("opens", context.Local(c.OpensAt)), closes = ("closes", ReaderTime.When(c.ClosesAt, zone));
            items.Add(new ComplianceItem($"participation:consultation-period:{c.Id}", "公开征求意见期限", "Consultation period", "第十五条",
                ComplianceStatus.Met, null, ParticipationTerms.Step).Because(c.Shortened
                    ? T.Line("compliance.period-shortened", opens, closes, ("minimum", ReaderTime.When(c.MinimumClosesAt, zone)), ("reason", c.UrgencyReason))
                    : T.Line("compliance.period-met", opens, closes, ("rule", c.MinimumRule))));
            var closed = c.ClosedAt is not null;
            (string, object?)[] received = [("count", digest.Comments.Count), ("groups", digest.Groups.Count), ("hidden", digest.Hidden)];
            items.Add(new ComplianceItem($"participation:comments:{c.Id}", "公众意见的接收与归集", "Comments received", "第十五条",
                closed ? ComplianceStatus.Met : ComplianceStatus.Pending, null, ParticipationTerms.Step, BeforeDecision).Because(c.ClosedAt is { } closedAt
                    ? T.Line("compliance.comments-closed", [.. received, ("closedAt", context.Local(closedAt)), ("final", c.CommentCount), ("hash", c.CommentsHash)])
                    : T.Line($"compliance.comments.{c.Status(context.Now)}", received)));
            items.Add(new ComplianceItem($"participation:responses:{c.Id}", "公众意见的研究采纳答复", "Responses to comments", "第十八条",
                digest.Unanswered.Count == 0 && closed ? ComplianceStatus.Met : ComplianceStatus.Pending, null, ParticipationTerms.Step, BeforeDecision)
                .Because(digest.Unanswered.Count == 0
                    ? T.Line("compliance.all-answered", ("count", digest.Comments.Count - digest.Hidden))
                    : T.Line("compliance.unanswered", ("count", digest.Unanswered.Count))));
            items.Add(new ComplianceItem($"participation:feedback:{c.Id}", "意见采纳情况反馈", "Feedback report published", "第十八条",
                c.FeedbackPublishedAt is null ? ComplianceStatus.Pending : ComplianceStatus.Met, null, ParticipationTerms.Step, BeforeDecision)
                .Because(c.FeedbackPublishedAt is { } at ? T.Line("compliance.feedback-published", ("at", context.Local(at))) : T.Line("compliance.feedback-not-published")));
        }

        foreach (var h in hearings.OrderBy(h => h.ScheduledAt))
        {
            var view = HearingView.From(h);
            items.Add(new ComplianceItem($"participation:hearing-materials:{h.Id}", "听证会材料提前送达", "Hearing materials delivered in time", "第十七条",
                h.MaterialsDeliveredAt is null ? ComplianceStatus.Pending : ComplianceStatus.Met, null, ParticipationTerms.Step, BeforeDecision)
                .Because(h.MaterialsDeliveredAt is { } at
                    ? T.Line("compliance.hearing-materials-delivered", ("deliveredAt", context.Local(at)), ("dueOn", h.MaterialsDueOn), ("scheduledAt", context.Local(h.ScheduledAt)))
                    : T.Line("compliance.hearing-materials-pending", ("dueOn", h.MaterialsDueOn))));
            items.Add(new ComplianceItem($"participation:hearing-record:{h.Id}", "听证会笔录经参加人确认", "Hearing record confirmed by participants", "第十七条",
                h.HeldAt is not null && view.Unconfirmed.Count == 0 ? ComplianceStatus.Met : ComplianceStatus.Pending, null, ParticipationTerms.Step, BeforeDecision)
                .Because(h.HeldAt is null ? T.Line("compliance.hearing-not-held") : view.Unconfirmed.Count == 0
                    ? T.Line("compliance.hearing-confirmed", ("participants", view.Participants.Count), ("declined", view.Confirmations.Count(c => c.Declined)))
                    : T.Line("compliance.hearing-unconfirmed", ("names", view.Unconfirmed))));
        }

        var group = activities.Where(a => a.SpecificGroup).ToList();
        items.Add(attributes.GetValueOrDefault("affectsSpecificGroup") && !attributes.GetValueOrDefault("notDisclosable")
            ? new ComplianceItem("participation:specific-group", "与特定群体沟通协商", "Affected group consulted", "第十四条",
                group.Count > 0 ? ComplianceStatus.Met : ComplianceStatus.Pending, null, ParticipationTerms.GroupStep, BeforeDecision)
                .Because(group.Count > 0
                    ? T.Line("compliance.group-consulted", ("groups", group.Select(a => T.Line("compliance.group-on", ("name", a.GroupName), ("day", a.HeldOn))).ToList()))
                    : T.Line("compliance.group-not-recorded"))
            : new ComplianceItem("participation:specific-group", "与特定群体沟通协商", "Affected group consulted", "第十四条", ComplianceStatus.NotApplicable,
                null, ParticipationTerms.GroupStep)
                .Because(T.Line(attributes.GetValueOrDefault("notDisclosable") ? "compliance.group-not-disclosable" : "compliance.no-specific-group")));
        return items;
    }
}
