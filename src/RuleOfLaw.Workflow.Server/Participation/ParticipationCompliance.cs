using RuleOfLaw.Workflow.Meetings;
using System.Text.Json;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>The participation lines of the compliance report (arts. 14, 15, 18).</summary>
public sealed class ParticipationCompliance(ParticipationQueries queries) : IComplianceCheck
{
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

        if (attributes.GetValueOrDefault("notDisclosable"))
        {
            items.Add(new ComplianceItem("participation:method", "听取公众意见", "Public participation", "第十四条", ComplianceStatus.NotApplicable,
                "依法不予公开的决策事项，不适用向社会公开听取意见（见事项属性及其法律依据）。Not disclosable by law.", ParticipationTerms.Step));
        }
        else
        {
            var methods = activities.Where(a => !a.SpecificGroup).Select(a => $"{ParticipationTerms.Methods.GetValueOrDefault(a.Method, a.Method)}（{a.HeldOn:yyyy-MM-dd}）")
                .Concat(consultations.Select(c => $"向社会公开征求意见（{c.Title}）"))
                .Concat(hearings.Select(h => $"听证会（{h.ScheduledAt:yyyy-MM-dd}）")).ToList();
            items.Add(new ComplianceItem("participation:method", "听取公众意见的方式", "Participation method used", "第十四条",
                methods.Count > 0 ? ComplianceStatus.Met : ComplianceStatus.Pending,
                methods.Count > 0 ? "已采用：" + string.Join("；", methods) : "尚未记录任何听取意见的方式。No method recorded yet.",
                ParticipationTerms.Step, BeforeDecision));
        }

        foreach (var digest in records.Consultations.OrderBy(d => d.Consultation.OpensAt))
        {
            var c = digest.Consultation;
            var period = $"{c.OpensAt:yyyy-MM-dd HH:mm}至{c.ClosesAt:yyyy-MM-dd HH:mm}（UTC）";
            items.Add(new ComplianceItem($"participation:consultation-period:{c.Id}", "公开征求意见期限", "Consultation period", "第十五条",
                ComplianceStatus.Met,
                c.Shortened
                    ? $"{period}，短于法定最短期限（应至{c.MinimumClosesAt:yyyy-MM-dd HH:mm}），因情况紧急缩短，发布时说明的理由：{c.UrgencyReason}"
                    : $"{period}，不少于法定最短期限（{c.MinimumRule}）。", ParticipationTerms.Step));
            var closed = c.ClosedAt is not null;
            items.Add(new ComplianceItem($"participation:comments:{c.Id}", "公众意见的接收与归集", "Comments received", "第十五条",
                closed ? ComplianceStatus.Met : ComplianceStatus.Pending,
                $"收到意见{digest.Comments.Count}条，归为{digest.Groups.Count}组，隐藏{digest.Hidden}条（保留并可导出）。" +
                (closed ? $"已于{c.ClosedAt:yyyy-MM-dd HH:mm}结束，结束时{c.CommentCount}条，哈希{c.CommentsHash}。" : $"状态：{c.Status(context.Now)}。"),
                ParticipationTerms.Step, BeforeDecision));
            items.Add(new ComplianceItem($"participation:responses:{c.Id}", "公众意见的研究采纳答复", "Responses to comments", "第十八条",
                digest.Unanswered.Count == 0 && closed ? ComplianceStatus.Met : ComplianceStatus.Pending,
                digest.Unanswered.Count == 0 ? $"全部{digest.Comments.Count - digest.Hidden}条可见意见均已答复。" : $"尚有{digest.Unanswered.Count}条意见未答复。",
                ParticipationTerms.Step, BeforeDecision));
            items.Add(new ComplianceItem($"participation:feedback:{c.Id}", "意见采纳情况反馈", "Feedback report published", "第十八条",
                c.FeedbackPublishedAt is null ? ComplianceStatus.Pending : ComplianceStatus.Met,
                c.FeedbackPublishedAt is { } at ? $"已于{at:yyyy-MM-dd HH:mm}公布。" : "尚未公布。", ParticipationTerms.Step, BeforeDecision));
        }

        foreach (var h in hearings.OrderBy(h => h.ScheduledAt))
        {
            var view = HearingView.From(h);
            items.Add(new ComplianceItem($"participation:hearing-materials:{h.Id}", "听证会材料提前送达", "Hearing materials delivered in time", "第十七条",
                h.MaterialsDeliveredAt is null ? ComplianceStatus.Pending : ComplianceStatus.Met,
                h.MaterialsDeliveredAt is { } at
                    ? $"材料于{at:yyyy-MM-dd HH:mm}（UTC）送达，最迟应于{h.MaterialsDueOn:yyyy-MM-dd}送达，听证会定于{h.ScheduledAt:yyyy-MM-dd HH:mm}（UTC）。"
                    : $"材料尚未送达，最迟应于{h.MaterialsDueOn:yyyy-MM-dd}送达。", ParticipationTerms.Step, BeforeDecision));
            items.Add(new ComplianceItem($"participation:hearing-record:{h.Id}", "听证会笔录经参加人确认", "Hearing record confirmed by participants", "第十七条",
                h.HeldAt is not null && view.Unconfirmed.Count == 0 ? ComplianceStatus.Met : ComplianceStatus.Pending,
                h.HeldAt is null ? "听证会尚未举行。" : view.Unconfirmed.Count == 0
                    ? $"{view.Participants.Count}名参加人均已确认（拒绝签字{view.Confirmations.Count(c => c.Declined)}名，已注明）。"
                    : $"尚未确认：{string.Join("、", view.Unconfirmed)}。", ParticipationTerms.Step, BeforeDecision));
        }

        var group = activities.Where(a => a.SpecificGroup).ToList();
        items.Add(attributes.GetValueOrDefault("affectsSpecificGroup") && !attributes.GetValueOrDefault("notDisclosable")
            ? new ComplianceItem("participation:specific-group", "与特定群体沟通协商", "Affected group consulted", "第十四条",
                group.Count > 0 ? ComplianceStatus.Met : ComplianceStatus.Pending,
                group.Count > 0 ? "已与" + string.Join("、", group.Select(a => $"{a.GroupName}（{a.HeldOn:yyyy-MM-dd}）")) + "沟通协商。" : "尚未记录。",
                ParticipationTerms.GroupStep, BeforeDecision)
            : new ComplianceItem("participation:specific-group", "与特定群体沟通协商", "Affected group consulted", "第十四条", ComplianceStatus.NotApplicable,
                attributes.GetValueOrDefault("notDisclosable") ? "依法不予公开。Not disclosable." : "决策事项不涉及特定群体利益。The matter does not affect a specific group.",
                ParticipationTerms.GroupStep));
        return items;
    }
}
