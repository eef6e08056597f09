using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// The compliance lines of the collective decision and what follows it: decided at a standing or plenary meeting,
/// the head spoke last, a reason when against the majority, dissent on record (第三十条); Party committee report
/// before issuing (第三十一条); publication on time with the use of opinions (第三十二条); filing on time per recipient
/// (第四十三条); archiving complete and on time (第三十三条); suspension with a reason (第三十七条); evaluator
/// independence (第三十六条).
/// </summary>
public sealed class DecisionComplianceCheck(ModuleWriter records) : IComplianceCheck
{
    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken ct)
    {
        if (context.State is null || context.Definition is null)
        {
            return [];
        }
        var loaded = new MatterProcedure(context.Matter, (await records.Db.Instances.AsNoTracking().SingleAsync(i => i.MatterId == context.Matter.Id, ct)),
            context.State, context.Definition);
        var items = new List<ComplianceItem>();
        await MeetingLinesAsync(loaded, items, ct);
        await AfterDecisionLinesAsync(loaded, context.Now, items, ct);
        return items;
    }

    private async Task MeetingLinesAsync(MatterProcedure loaded, List<ComplianceItem> items, CancellationToken ct)
    {
        var db = records.Db;
        var decided = (await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MatterId == loaded.Matter.Id && a.Outcome != null).ToListAsync(ct))
            .OrderBy(a => a.DecidedAt).LastOrDefault();
        if (decided is null)
        {
            items.Add(new ComplianceItem("decision:meeting", "经常务会议或者全体会议讨论决定", "Decided at a standing or plenary meeting", "第三十条",
                ComplianceStatus.Pending, "尚未作出决定。Not decided yet.", MeetingSteps.CollectiveDecision));
            return;
        }
        var meeting = await db.Set<Meeting>().AsNoTracking().SingleAsync(m => m.Id == decided.MeetingId, ct);
        var statements = await db.Set<MeetingStatement>().AsNoTracking().Where(s => s.AgendaItemId == decided.Id).ToListAsync(ct);
        var head = statements.Single(s => s.Capacity == "head");
        var members = statements.Where(s => s.Capacity == "member").ToList();
        items.Add(new ComplianceItem("decision:meeting", "经常务会议或者全体会议讨论决定", "Decided at a standing or plenary meeting", "第三十条",
            ComplianceStatus.Met, $"{meeting.Date:yyyy-MM-dd}{MeetingKinds.Name(meeting.Kind)}（{meeting.Title}），决定：{decided.Outcome}。", MeetingSteps.CollectiveDecision));
        var present = MeetingService.Present(meeting);
        var presentMembers = (await MeetingService.ParticipantsAsync(db, meeting.DecisionOrganId, ct)).Where(p => p.Capacity == "member" && present.Contains(p.UserId)).ToList();
        var lastSpoke = members.All(m => m.Sequence < head.Sequence) && presentMembers.All(p => members.Any(m => m.UserId == p.UserId));
        items.Add(new ComplianceItem("decision:head-last", "会议组成人员充分发表意见，行政首长最后发表意见", "Members spoke; the head spoke last", "第三十条",
            lastSpoke ? ComplianceStatus.Met : ComplianceStatus.Unmet,
            $"出席的会议组成人员{presentMembers.Count}人，发表意见{members.Count}人；行政首长第{head.Sequence}个发言。", MeetingSteps.CollectiveDecision));
        var inFavour = members.Count(m => m.Position is Positions.Agree or Positions.AgreeWithAmendments);
        var against = members.Count(m => m.Position == Positions.Disagree);
        var majority = inFavour > against ? "approve" : against > inFavour ? "reject" : null;
        var stance = head.Position switch
        {
            HeadOutcomes.Approved or HeadOutcomes.ApprovedWithAmendments => "approve",
            HeadOutcomes.NotApproved => "reject",
            _ => "defer",
        };
        var differs = majority is not null && stance != majority;
        items.Add(new ComplianceItem("decision:majority-reason", "决定与多数人意见不一致的，在会上说明理由", "Reason given when deciding against the majority", "第三十条",
            !differs ? ComplianceStatus.NotApplicable : string.IsNullOrWhiteSpace(head.Reason) ? ComplianceStatus.Unmet : ComplianceStatus.Met,
            !differs ? $"决定与多数意见一致（赞成{inFavour}人、反对{against}人）。" : $"与多数意见不一致（赞成{inFavour}人、反对{against}人），理由：{head.Reason}", MeetingSteps.CollectiveDecision));
        var dissent = members.Where(m => m.Position == Positions.Disagree).ToList();
        items.Add(new ComplianceItem("decision:dissent-recorded", "不同意见如实载明", "Dissent recorded verbatim", "第三十条",
            dissent.Count == 0 ? ComplianceStatus.NotApplicable : ComplianceStatus.Met,
            dissent.Count == 0 ? "无不同意见。No dissent." : "不同意见：" + string.Join("；", dissent.Select(d => $"{d.UserName}：{d.Text}")), MeetingSteps.CollectiveDecision));
    }

    private async Task AfterDecisionLinesAsync(MatterProcedure loaded, DateTimeOffset now, List<ComplianceItem> items, CancellationToken ct)
    {
        var db = records.Db;
        var matterId = loaded.Matter.Id;
        var calendar = records.Calendar(loaded.State);
        var today = calendar.LocalDay(now);
        var decided = Execution.Issued(loaded.State) || loaded.State.Steps.GetValueOrDefault(AfterDecisionSteps.PartyCommitteeReport)?.Status == StepStatus.Active;

        var party = (await db.Set<PartyCommitteeReport>().AsNoTracking().Where(p => p.MatterId == matterId).ToListAsync(ct)).OrderBy(p => p.RecordedAt).LastOrDefault();
        items.Add(new ComplianceItem("party-committee-report", "决策出台前向同级党委请示报告", "Reported to the Party committee before issuing", "第三十一条",
            party is not null ? ComplianceStatus.Met : ComplianceStatus.Pending,
            party is not null ? $"{party.ReportedOn:yyyy-MM-dd}以{party.Form}方式请示报告。{party.ReplyNote}" : decided ? "待请示报告。" : "尚未作出决定。",
            AfterDecisionSteps.PartyCommitteeReport, [AfterDecisionSteps.Publication, AfterDecisionSteps.Filing, AfterDecisionSteps.Archiving]));

        var publicationStep = loaded.State.Steps.GetValueOrDefault(AfterDecisionSteps.Publication);
        var publication = (await db.Set<DecisionPublication>().AsNoTracking().Where(p => p.MatterId == matterId).ToListAsync(ct)).OrderBy(p => p.RecordedAt).LastOrDefault();
        var publicationTask = loaded.LatestTask(AfterDecisionSteps.Publication);
        DateOnly? publicationDue = publicationTask?.DueAt is { } pd ? calendar.LocalDay(pd.AddTicks(-1)) : null;
        items.Add(publicationStep?.Status == StepStatus.Skipped
            ? new ComplianceItem("publication:on-time", "决策及时公布", "Published on time", "第三十二条", ComplianceStatus.NotApplicable, publicationStep.SkipReason, "publication")
            : publication is not null
                ? new ComplianceItem("publication:on-time", "决策及时公布", "Published on time", "第三十二条",
                    publication.DaysLate == 0 ? ComplianceStatus.Met : ComplianceStatus.Unmet,
                    publication.DaysLate == 0 ? $"{publication.PublishedOn:yyyy-MM-dd}公布，期限{publication.DueOn:yyyy-MM-dd}。"
                        : $"{publication.PublishedOn:yyyy-MM-dd}公布，逾期{publication.DaysLate}日（期限{publication.DueOn:yyyy-MM-dd}）。Late by {publication.DaysLate} days.", AfterDecisionSteps.Publication)
                : new ComplianceItem("publication:on-time", "决策及时公布", "Published on time", "第三十二条",
                    publicationDue is { } due && today > due ? ComplianceStatus.Unmet : ComplianceStatus.Pending,
                    publicationDue is { } d ? $"应于{d:yyyy-MM-dd}前公布。{(today > d ? "已逾期。Overdue." : "")}" : "尚未到达。", AfterDecisionSteps.Publication));
        var needsUse = Issuance.NeedsOpinionsUse(loaded.State) && publicationStep?.Status != StepStatus.Skipped;
        items.Add(new ComplianceItem("publication:opinions-use", "公布时说明公众意见、专家论证意见的采纳情况", "Use of public and expert opinions explained", "第三十二条",
            !needsUse ? ComplianceStatus.NotApplicable : string.IsNullOrWhiteSpace(publication?.OpinionsUse) ? ComplianceStatus.Pending : ComplianceStatus.Met,
            !needsUse ? "本事项未经公众参与或专家论证（或依法不予公开）。" : publication?.OpinionsUse, AfterDecisionSteps.Publication));

        foreach (var filing in await FilingPlan.ViewAsync(records, loaded, now, ct))
        {
            var (status, detail) = filing.Status switch
            {
                "filed" when filing.DaysLate == 0 => (ComplianceStatus.Met, $"{filing.SubmittedOn:yyyy-MM-dd}报送，期限{filing.DueOn:yyyy-MM-dd}（{filing.DueRule}）。"),
                "filed" => (ComplianceStatus.Unmet, $"{filing.SubmittedOn:yyyy-MM-dd}报送，逾期{filing.DaysLate}日（期限{filing.DueOn:yyyy-MM-dd}）。Filed {filing.DaysLate} days late."),
                "overdue" => (ComplianceStatus.Unmet, $"应于{filing.DueOn:yyyy-MM-dd}前报送，已逾期。Overdue."),
                _ => (ComplianceStatus.Pending, $"应于{filing.DueOn:yyyy-MM-dd}前报送（{filing.DueRule}）。"),
            };
            items.Add(new ComplianceItem($"filing:{filing.RecipientId}", $"按期向{filing.Recipient}备案", $"Filed on time with {filing.RecipientId}",
                filing.Article ?? "第四十三条", status, detail, AfterDecisionSteps.Filing));
        }

        var archive = (await db.Set<ArchiveRecord>().AsNoTracking().Where(a => a.MatterId == matterId).ToListAsync(ct)).OrderBy(a => a.RecordedAt).LastOrDefault();
        var archivingTask = loaded.LatestTask(AfterDecisionSteps.Archiving);
        DateOnly? archiveDue = archivingTask?.DueAt is { } ad ? calendar.LocalDay(ad.AddTicks(-1)) : null;
        items.Add(archive is not null
            ? new ComplianceItem("archiving:complete", "决策过程记录和材料及时完整归档", "Dossier archived complete and on time", "第三十三条",
                archive.DaysLate == 0 ? ComplianceStatus.Met : ComplianceStatus.Unmet,
                $"{archive.ArchivedOn:yyyy-MM-dd}归档，完整性检查通过{(archive.DaysLate == 0 ? "" : $"，逾期{archive.DaysLate}日")}。", "archiving")
            : new ComplianceItem("archiving:complete", "决策过程记录和材料及时完整归档", "Dossier archived complete and on time", "第三十三条",
                archiveDue is { } a && today > a ? ComplianceStatus.Unmet : ComplianceStatus.Pending,
                archiveDue is { } ad2 ? $"应于{ad2:yyyy-MM-dd}前归档。" : "尚未到达。", AfterDecisionSteps.Archiving));

        var suspensions = await db.Set<ExecutionEvent>().AsNoTracking().Where(e => e.MatterId == matterId && e.Kind == ExecutionEventKinds.Suspended).ToListAsync(ct);
        items.Add(new ComplianceItem("execution:suspension", "中止执行由行政首长决定并说明理由", "Suspension decided by the head with a reason", "第三十七条",
            suspensions.Count == 0 ? ComplianceStatus.NotApplicable : ComplianceStatus.Met,
            suspensions.Count == 0 ? "未中止执行。" : string.Join("；", suspensions.Select(s => $"{s.RecordedByName}于{s.RecordedAt:yyyy-MM-dd}中止：{s.Text}")), "execution"));

        var evaluations = await db.Set<DecisionEvaluation>().AsNoTracking().Where(e => e.MatterId == matterId).ToListAsync(ct);
        var assessors = Evaluation.Assessors(loaded.State);
        items.Add(new ComplianceItem("evaluation:independent", "决策后评估不由决策前承担主要论证评估工作的单位承担", "Evaluator independent of the pre-decision assessor",
            "第三十六条",
            evaluations.Count == 0 ? ComplianceStatus.NotApplicable : evaluations.Any(e => assessors.Contains(e.EvaluatorOrganizationId)) ? ComplianceStatus.Unmet : ComplianceStatus.Met,
            evaluations.Count == 0 ? "尚未组织决策后评估。" : string.Join("；", evaluations.Select(e => $"{e.EvaluatorOrganizationId}（{e.Trigger}，{e.Outcome ?? "进行中"}）")),
            AfterDecisionSteps.PostDecisionEvaluation));
    }
}
