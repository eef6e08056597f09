using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
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
    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

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
                ComplianceStatus.Pending, null, MeetingSteps.CollectiveDecision).Because(T.Line("compliance.not-decided")));
            return;
        }
        var meeting = await db.Set<Meeting>().AsNoTracking().SingleAsync(m => m.Id == decided.MeetingId, ct);
        var statements = await db.Set<MeetingStatement>().AsNoTracking().Where(s => s.AgendaItemId == decided.Id).ToListAsync(ct);
        var head = statements.Single(s => s.Capacity == "head");
        var members = statements.Where(s => s.Capacity == "member").ToList();
        items.Add(new ComplianceItem("decision:meeting", "经常务会议或者全体会议讨论决定", "Decided at a standing or plenary meeting", "第三十条",
            ComplianceStatus.Met, null, MeetingSteps.CollectiveDecision).Because(T.Line("compliance.decided-at", ("date", meeting.Date),
            ("meeting", new TwoLanguages(MeetingKinds.Name(meeting.Kind), MeetingKinds.NameEn(meeting.Kind))),
            ("title", meeting.Title), ("outcome", decided.Outcome))));
        var present = MeetingService.Present(meeting);
        var presentMembers = (await MeetingService.ParticipantsAsync(db, meeting.DecisionOrganId, ct)).Where(p => p.Capacity == "member" && present.Contains(p.UserId)).ToList();
        var lastSpoke = members.All(m => m.Sequence < head.Sequence) && presentMembers.All(p => members.Any(m => m.UserId == p.UserId));
        items.Add(new ComplianceItem("decision:head-last", "会议组成人员充分发表意见，行政首长最后发表意见", "Members spoke; the head spoke last", "第三十条",
            lastSpoke ? ComplianceStatus.Met : ComplianceStatus.Unmet, null, MeetingSteps.CollectiveDecision)
            .Because(T.Line("compliance.head-last", ("present", presentMembers.Count), ("spoke", members.Count), ("position", head.Sequence))));
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
            null, MeetingSteps.CollectiveDecision).Because(differs
                ? T.Line("compliance.against-majority", ("inFavour", inFavour), ("against", against), ("reason", head.Reason))
                : T.Line("compliance.with-majority", ("inFavour", inFavour), ("against", against))));
        var dissent = members.Where(m => m.Position == Positions.Disagree).ToList();
        items.Add(new ComplianceItem("decision:dissent-recorded", "不同意见如实载明", "Dissent recorded verbatim", "第三十条",
            dissent.Count == 0 ? ComplianceStatus.NotApplicable : ComplianceStatus.Met, null, MeetingSteps.CollectiveDecision)
            .Because(dissent.Count == 0 ? T.Line("compliance.no-dissent")
                : T.Line("compliance.dissent", ("dissent", dissent.Select(d => T.Line("compliance.dissent-item", ("name", d.UserName), ("text", d.Text))).ToList()))));
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
            party is not null ? ComplianceStatus.Met : ComplianceStatus.Pending, null,
            AfterDecisionSteps.PartyCommitteeReport, [AfterDecisionSteps.Publication, AfterDecisionSteps.Filing, AfterDecisionSteps.Archiving])
            .Because(party is not null ? T.Line("compliance.party-reported", ("date", party.ReportedOn), ("form", party.Form), ("reply", party.ReplyNote))
                : T.Line(decided ? "compliance.party-to-report" : "compliance.not-decided")));

        var publicationStep = loaded.State.Steps.GetValueOrDefault(AfterDecisionSteps.Publication);
        var publication = (await db.Set<DecisionPublication>().AsNoTracking().Where(p => p.MatterId == matterId).ToListAsync(ct)).OrderBy(p => p.RecordedAt).LastOrDefault();
        var publicationTask = loaded.LatestTask(AfterDecisionSteps.Publication);
        DateOnly? publicationDue = publicationTask?.DueAt is { } pd ? calendar.LocalDay(pd.AddTicks(-1)) : null;
        items.Add(publicationStep?.Status == StepStatus.Skipped
            ? new ComplianceItem("publication:on-time", "决策及时公布", "Published on time", "第三十二条", ComplianceStatus.NotApplicable, publicationStep.SkipReasonIn(System.Globalization.CultureInfo.CurrentUICulture), "publication")
            : publication is not null
                ? new ComplianceItem("publication:on-time", "决策及时公布", "Published on time", "第三十二条",
                    publication.DaysLate == 0 ? ComplianceStatus.Met : ComplianceStatus.Unmet, null, AfterDecisionSteps.Publication)
                    .Because(T.Line(publication.DaysLate == 0 ? "compliance.published" : "compliance.published-late",
                        ("date", publication.PublishedOn), ("days", publication.DaysLate), ("due", publication.DueOn)))
                : new ComplianceItem("publication:on-time", "决策及时公布", "Published on time", "第三十二条",
                    publicationDue is { } due && today > due ? ComplianceStatus.Unmet : ComplianceStatus.Pending, null, AfterDecisionSteps.Publication)
                    .Because(publicationDue is { } d ? T.Line(today > d ? "compliance.publish-overdue" : "compliance.publish-by", ("due", d))
                        : T.Line("compliance.not-yet-reached")));
        var needsUse = Issuance.NeedsOpinionsUse(loaded.State) && publicationStep?.Status != StepStatus.Skipped;
        var opinionsUse = new ComplianceItem("publication:opinions-use", "公布时说明公众意见、专家论证意见的采纳情况", "Use of public and expert opinions explained", "第三十二条",
            !needsUse ? ComplianceStatus.NotApplicable : string.IsNullOrWhiteSpace(publication?.OpinionsUse) ? ComplianceStatus.Pending : ComplianceStatus.Met,
            needsUse ? publication?.OpinionsUse : null, AfterDecisionSteps.Publication);
        // The use of opinions is the drafting unit's own text, shown as written.
        items.Add(needsUse ? opinionsUse : opinionsUse.Because(T.Line("compliance.no-participation")));

        foreach (var filing in await FilingPlan.ViewAsync(records, loaded, now, ct))
        {
            var rule = TwoLanguages.Of(filing.DueRule ?? "");
            var (status, key) = filing.Status switch
            {
                "filed" when filing.DaysLate == 0 => (ComplianceStatus.Met, "compliance.filed"),
                "filed" => (ComplianceStatus.Unmet, "compliance.filed-late"),
                "overdue" => (ComplianceStatus.Unmet, "compliance.filing-overdue"),
                _ => (ComplianceStatus.Pending, "compliance.file-by"),
            };
            items.Add(new ComplianceItem($"filing:{filing.RecipientId}", $"按期向{filing.Recipient}备案", $"Filed on time with {filing.RecipientId}",
                filing.Article ?? "第四十三条", status, null, AfterDecisionSteps.Filing)
                .Because(T.Line(key, ("date", filing.SubmittedOn), ("due", filing.DueOn), ("days", filing.DaysLate), ("rule", rule))));
        }

        var archive = (await db.Set<ArchiveRecord>().AsNoTracking().Where(a => a.MatterId == matterId).ToListAsync(ct)).OrderBy(a => a.RecordedAt).LastOrDefault();
        var archivingTask = loaded.LatestTask(AfterDecisionSteps.Archiving);
        DateOnly? archiveDue = archivingTask?.DueAt is { } ad ? calendar.LocalDay(ad.AddTicks(-1)) : null;
        items.Add(archive is not null
            ? new ComplianceItem("archiving:complete", "决策过程记录和材料及时完整归档", "Dossier archived complete and on time", "第三十三条",
                archive.DaysLate == 0 ? ComplianceStatus.Met : ComplianceStatus.Unmet, null, AfterDecisionSteps.Archiving)
                .Because(T.Line(archive.DaysLate == 0 ? "compliance.archived" : "compliance.archived-late", ("date", archive.ArchivedOn), ("days", archive.DaysLate)))
            : new ComplianceItem("archiving:complete", "决策过程记录和材料及时完整归档", "Dossier archived complete and on time", "第三十三条",
                archiveDue is { } a && today > a ? ComplianceStatus.Unmet : ComplianceStatus.Pending, null, AfterDecisionSteps.Archiving)
                .Because(archiveDue is { } ad2 ? T.Line("compliance.archive-by", ("due", ad2)) : T.Line("compliance.not-yet-reached")));

        var suspensions = (await ExecutionService.SuspensionsAsync(db, matterId, loaded.State, loaded.Definition, ct)).Where(e => e.Kind == ExecutionEventKinds.Suspended).ToList();
        items.Add(new ComplianceItem("execution:suspension", "中止执行由行政首长决定并说明理由", "Suspension decided by the head with a reason", "第三十七条",
            suspensions.Count == 0 ? ComplianceStatus.NotApplicable : ComplianceStatus.Met, null, AfterDecisionSteps.Execution)
            .Because(suspensions.Count == 0 ? T.Line("compliance.not-suspended")
                // The day of a suspension is the jurisdiction's local day, not the UTC date of the instant.
                : T.Line("compliance.suspensions", ("suspensions", suspensions.Select(s => T.Line("compliance.suspension",
                    ("name", s.RecordedByName), ("date", calendar.LocalDay(s.RecordedAt)), ("reason", s.Text))).ToList()))));

        var evaluations = await db.Set<DecisionEvaluation>().AsNoTracking().Where(e => e.MatterId == matterId).ToListAsync(ct);
        var assessors = Evaluation.Assessors(loaded.State);
        items.Add(new ComplianceItem("evaluation:independent", "决策后评估不由决策前承担主要论证评估工作的单位承担", "Evaluator independent of the pre-decision assessor",
            "第三十六条",
            evaluations.Count == 0 ? ComplianceStatus.NotApplicable : evaluations.Any(e => assessors.Contains(e.EvaluatorOrganizationId)) ? ComplianceStatus.Unmet : ComplianceStatus.Met,
            null, AfterDecisionSteps.PostDecisionEvaluation)
            .Because(evaluations.Count == 0 ? T.Line("compliance.no-evaluation")
                : T.Line("compliance.evaluations", ("evaluations", evaluations.Select(e => T.Line("compliance.evaluation", ("organization", e.EvaluatorOrganizationId),
                    ("trigger", e.Trigger), ("outcome", e.Outcome is { } outcome ? outcome : T.Line("compliance.evaluation-running")))).ToList()))));
    }
}
