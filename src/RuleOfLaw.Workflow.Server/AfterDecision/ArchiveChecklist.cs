using RuleOfLaw.Workflow.AfterDecision;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Texts;
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
    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

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
        items.Add(ChecklistItem.Of("meeting-record", T.Line("checklist.meeting-record"), "第三十条", decided is not null,
            decided is null ? T.Line("checklist.meeting-record.missing") : T.Line("checklist.meeting-record.item", ("item", decided.Id))));
        if (decided is not null)
        {
            var materials = JsonSerializer.Deserialize<List<MeetingMaterial>>(decided.MaterialsJson, ApiJson.Options) ?? [];
            var missing = materials.Where(m => m.Status == "missing").Select(m => m.Title).ToList();
            items.Add(ChecklistItem.Of("meeting-materials", T.Line("checklist.meeting-materials"), "第二十九条", missing.Count == 0,
                missing.Count == 0 ? T.Line("checklist.meeting-materials.present", ("count", materials.Count(m => m.Status == "present")))
                    : T.Line("checklist.meeting-materials.missing", ("materials", missing))));
        }

        var party = await db.Set<PartyCommitteeReport>().AsNoTracking().AnyAsync(r => r.MatterId == matterId, ct);
        items.Add(ChecklistItem.Of("party-committee-report", T.Line("checklist.party-committee-report"), "第三十一条", party,
            party ? null : T.Line("checklist.not-recorded")));

        if (loaded.State.Steps.GetValueOrDefault(AfterDecisionSteps.Publication)?.Status == StepStatus.Skipped)
        {
            items.Add(ChecklistItem.Of("publication", T.Line("checklist.publication"), "第三十二条", true, T.Line("checklist.publication.not-disclosable")));
        }
        else
        {
            var published = await db.Set<DecisionPublication>().AsNoTracking().AnyAsync(p => p.MatterId == matterId, ct);
            items.Add(ChecklistItem.Of("publication", T.Line("checklist.publication"), "第三十二条", published,
                published ? null : T.Line("checklist.publication.missing")));
        }

        var filings = await FilingPlan.ViewAsync(records, loaded, now, ct);
        foreach (var filing in filings)
        {
            var filed = filing.Status == "filed";
            items.Add(ChecklistItem.Of($"filing:{filing.RecipientId}", T.Line("checklist.filing", ("recipient", filing.Recipient)), filing.Article ?? "第四十三条",
                filed, filed ? T.Line("checklist.filing.submitted", ("on", filing.SubmittedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
                    : T.Line("checklist.filing.missing")));
        }

        var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == loaded.Record.Id).OrderBy(j => j.Sequence).ToListAsync(ct);
        var verification = await records.Services.GetRequiredService<Integrity.JournalIntegrity>().VerifyAsync(loaded.Record.Id, entries, loaded.State.JournalSequence, loaded.State.JournalHead, ct);
        items.Add(ChecklistItem.Of("process-record", T.Line("checklist.process-record"), "第三十三条", verification.Valid,
            verification.Valid ? T.Line("checklist.process-record.verified", ("count", entries.Count)) : T.Line("checklist.process-record.broken")));

        foreach (var unmet in await compliance.UnmetBeforeAsync(loaded.Matter, AfterDecisionSteps.Archiving, ct))
        {
            items.Add(new ChecklistItem(unmet.Code, unmet.Title, unmet.Article, false, unmet.For(TextCatalog.Chinese, d => TwoLanguages.Of(d).Chinese).Detail,
                unmet.TitleEn, unmet.For(TextCatalog.English, d => TwoLanguages.Of(d).English).Detail));
        }
        return items;
    }
}
