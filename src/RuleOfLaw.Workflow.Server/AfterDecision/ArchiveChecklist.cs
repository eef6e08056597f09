using RuleOfLaw.Workflow.AfterDecision;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// The completeness check of the dossier (决策案卷, 第三十三条): every record the procedure must have produced before
/// the matter can be archived, derived from what the procedure did and from the compliance report (items other parts
/// mark as required before <c>archiving</c>).
/// </summary>
public static class ArchiveChecklist
{
    public static async Task<IReadOnlyList<ChecklistItem>> BuildAsync(
        ModuleWriter records, ComplianceReportService compliance, MatterProcedure loaded, DateTimeOffset now, CancellationToken ct)
    {
        var db = records.Db;
        var matterId = loaded.Matter.Id;
        var items = new List<ChecklistItem>();

        // Ordered in memory: SQLite cannot order by DateTimeOffset.
        var decided = (await db.Set<AgendaItem>().AsNoTracking()
            .Where(a => a.MatterId == matterId && (a.Outcome == HeadOutcomes.Approved || a.Outcome == HeadOutcomes.ApprovedWithAmendments))
            .ToListAsync(ct)).OrderByDescending(a => a.DecidedAt).FirstOrDefault();
        items.Add(new ChecklistItem("meeting-record", "集体讨论决定记录（会议组成人员意见、行政首长决定、不同意见）", "第三十条", decided is not null,
            decided is null ? "没有作出通过决定的会议记录。No meeting record with an approving decision." : $"议题 {decided.Id}"));
        if (decided is not null)
        {
            var materials = JsonSerializer.Deserialize<List<MeetingMaterial>>(decided.MaterialsJson, ApiJson.Options) ?? [];
            var missing = materials.Where(m => m.Status == "missing").Select(m => m.Title).ToList();
            items.Add(new ChecklistItem("meeting-materials", "会议材料（决策草案、起草说明、意见采纳情况、风险评估报告、合法性审查意见等）", "第二十九条",
                missing.Count == 0, missing.Count == 0 ? $"{materials.Count(m => m.Status == "present")}项材料齐全。" : "缺少：" + string.Join("、", missing)));
        }

        var party = await db.Set<PartyCommitteeReport>().AsNoTracking().AnyAsync(r => r.MatterId == matterId, ct);
        items.Add(new ChecklistItem("party-committee-report", "向同级党委请示报告的记录", "第三十一条", party, party ? null : "未记录。Not recorded."));

        if (loaded.State.Steps.GetValueOrDefault(AfterDecisionSteps.Publication)?.Status == StepStatus.Skipped)
        {
            items.Add(new ChecklistItem("publication", "决策公布记录", "第三十二条", true, "依法不予公开，不适用。Not disclosable: not applicable."));
        }
        else
        {
            var published = await db.Set<DecisionPublication>().AsNoTracking().AnyAsync(p => p.MatterId == matterId, ct);
            items.Add(new ChecklistItem("publication", "决策公布记录", "第三十二条", published, published ? null : "未记录公布情况。Publication not recorded."));
        }

        var filings = await FilingPlan.ViewAsync(records, loaded, now, ct);
        foreach (var filing in filings)
        {
            items.Add(new ChecklistItem($"filing:{filing.RecipientId}", $"向{filing.Recipient}备案的记录", filing.Article ?? "第四十三条",
                filing.Status == "filed", filing.Status == "filed" ? $"{filing.SubmittedOn:yyyy-MM-dd}报送" : "未报送备案。Not filed."));
        }

        var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == loaded.Record.Id).OrderBy(j => j.Sequence).ToListAsync(ct);
        var verification = await records.Services.GetRequiredService<Integrity.JournalIntegrity>().VerifyAsync(loaded.Record.Id, entries, loaded.State.JournalSequence, loaded.State.JournalHead, ct);
        items.Add(new ChecklistItem("process-record", "决策过程记录（程序日志，哈希链校验）", "第三十三条", verification.Valid,
            verification.Valid ? $"{entries.Count}条记录，校验通过。" : "程序日志校验未通过。The journal does not verify."));

        foreach (var unmet in await compliance.UnmetBeforeAsync(loaded.Matter, AfterDecisionSteps.Archiving, ct))
        {
            items.Add(new ChecklistItem(unmet.Code, unmet.Title, unmet.Article, false, unmet.Detail));
        }
        return items;
    }
}
