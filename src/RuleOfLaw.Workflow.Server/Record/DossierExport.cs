using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>
/// Exports a matter's dossier (决策档案, 第三十三条 立卷归档) as a ZIP in <see cref="DossierFormat"/>: every document
/// version as uploaded, the journal with its hash chain and the head the instance recorded, the compliance report,
/// the meeting minutes and members' opinions (第三十条), the legality findings and counsel opinions (第二十八条), the
/// expert opinions (第二十条), every signed statement with the signers' public keys (issue 20) and a readable HTML summary. Read-only; the caller checks who may export.
/// </summary>
public sealed class DossierExport(WorkflowDbContext db, ComplianceReportService compliance, TimeProvider clock)
{
    public async Task<DossierManifest> WriteAsync(Matter matter, string exportedBy, Stream output, CancellationToken ct)
    {
        var organs = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == matter.DecisionOrganId || o.Id == matter.DraftingUnitId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.MatterId == matter.Id, ct);
        var state = instance is null ? null : InstanceStateJson.Deserialize(instance.StateJson);
        var journalRows = instance is null
            ? []
            : await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Sequence).ToListAsync(ct);
        var journal = journalRows.Select(r => DossierJournalEntry.From(r.ToEntry(), r.Mac, r.MacAlgorithm, r.MacKeyId)).ToList();

        var files = new List<DossierFile>();
        var documents = await db.Set<MatterDocument>().AsNoTracking().Where(d => d.MatterId == matter.Id).ToListAsync(ct);
        var documentIds = documents.Select(d => d.Id).ToList();
        var versions = await db.Set<DocumentVersion>().AsNoTracking().Where(v => documentIds.Contains(v.DocumentId)).ToListAsync(ct);
        foreach (var document in documents.OrderBy(d => d.Kind).ThenBy(d => d.Title))
        {
            foreach (var version in versions.Where(v => v.DocumentId == document.Id).OrderBy(v => v.Number))
            {
                files.Add(new DossierFile(
                    $"documents/{document.Kind}/{document.Id:N}/v{version.Number}-{SafeName(version.FileName)}", DossierFormat.Roles.Document,
                    version.Content, $"{document.Title}（第{version.Number}版）", document.Id, document.Kind, version.Number, version.Id, version.DigestAlgorithm, version.Digest));
            }
        }

        var report = await compliance.BuildAsync(matter, ct);
        files.Add(Record("records/compliance-report.json", "合规报告 Compliance report", report));
        var minutes = await MinutesAsync(matter.Id, ct);
        files.Add(Record("records/meeting-minutes.json", "会议记录与成员意见 Meeting minutes and opinions (第三十条)", minutes));
        var legality = await LegalityAsync(matter.Id, ct);
        files.Add(Record("records/legality-opinion.json", "合法性审查意见 Legality opinion (第二十八条)", legality));
        var experts = await ExpertOpinionsAsync(matter.Id, ct);
        files.Add(Record("records/expert-opinions.json", "专家论证意见 Expert opinions (第二十条)", experts));
        var signatures = await DossierSignaturesExport.GatherAsync(db, matter.Id, ct);
        files.Add(new DossierFile(DossierFormat.SignaturesPath, DossierFormat.Roles.Signatures,
            JsonSerializer.SerializeToUtf8Bytes(signatures, DossierFormat.Json),
            "签名与签名人公钥 Signed statements (SM2) and the signers' public keys"));

        var dossierMatter = new DossierMatter(
            matter.Id, matter.Number, matter.Title, matter.DecisionOrganId, organs.GetValueOrDefault(matter.DecisionOrganId, matter.DecisionOrganId),
            matter.DraftingUnitId, organs.GetValueOrDefault(matter.DraftingUnitId, matter.DraftingUnitId), matter.DefinitionId,
            instance?.DefinitionVersion, instance?.Status);
        var now = clock.GetUtcNow();
        files.Add(new DossierFile(DossierFormat.SummaryPath, DossierFormat.Roles.Summary,
            Encoding.UTF8.GetBytes(DossierSummary.Html(dossierMatter, now, exportedBy, report, files, journal, minutes, legality, experts,
                DossierSignatureCheck.Statuses(signatures, journal))), "档案摘要 Summary"));
        return DossierWriter.Write(output, dossierMatter, now, exportedBy, journal, state?.JournalSequence, state?.JournalHead, files);
    }

    private static DossierFile Record(string path, string title, object value) =>
        new(path, DossierFormat.Roles.Record, JsonSerializer.SerializeToUtf8Bytes(value, DossierFormat.Json), title);

    /// <summary>A file name safe inside a ZIP path on every system (no directories, no control characters).</summary>
    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':']).ToHashSet();
        var safe = new string([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]);
        return string.IsNullOrWhiteSpace(safe) ? "file" : safe;
    }

    private async Task<List<DossierMinutes>> MinutesAsync(Guid matterId, CancellationToken ct)
    {
        var items = await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MatterId == matterId).ToListAsync(ct);
        var meetingIds = items.Select(a => a.MeetingId).ToList();
        var itemIds = items.Select(a => a.Id).ToList();
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var statements = await db.Set<MeetingStatement>().AsNoTracking().Where(s => itemIds.Contains(s.AgendaItemId)).ToListAsync(ct);
        return [.. items.OrderBy(a => meetings[a.MeetingId].Date).Select(a => new DossierMinutes(
            meetings[a.MeetingId].Title, MeetingKinds.Name(meetings[a.MeetingId].Kind), meetings[a.MeetingId].Date, a.Status, a.Outcome,
            [.. statements.Where(s => s.AgendaItemId == a.Id).OrderBy(s => s.Sequence)
                .Select(s => new DossierStatement(s.Sequence, s.UserName, s.Capacity, s.Position, s.Text, s.Reason, s.RecordedAt))]))];
    }

    private async Task<DossierLegality> LegalityAsync(Guid matterId, CancellationToken ct)
    {
        var findings = await db.Set<LegalityFindings>().AsNoTracking().Where(f => f.MatterId == matterId).ToListAsync(ct);
        var counsel = await db.Set<CounselOpinion>().AsNoTracking().Where(c => c.MatterId == matterId).ToListAsync(ct);
        return new DossierLegality(
            [.. findings.OrderBy(f => f.JournalSequence).Select(f => new DossierFindings(f.Authority, f.Procedure, f.Content, f.LegalRisk, f.JournalSequence))],
            [.. counsel.OrderBy(c => c.GivenAt.UtcTicks).Select(c => new DossierCounselOpinion(
                c.CounselKind, c.GivenByName, c.GivenAt, c.Text, c.SignatureAlgorithm, c.Signature, c.SignerKeyId))]);
    }

    private async Task<List<DossierExpertOpinion>> ExpertOpinionsAsync(Guid matterId, CancellationToken ct)
    {
        var opinions = await db.Set<ExpertOpinion>().AsNoTracking().Where(o => o.MatterId == matterId).ToListAsync(ct);
        var expertIds = opinions.Select(o => o.ExpertId).ToList();
        var experts = await db.Set<Expert>().AsNoTracking().Where(e => expertIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return [.. opinions.OrderBy(o => o.JournalSequence).Select(o => new DossierExpertOpinion(
            experts.GetValueOrDefault(o.ExpertId)?.Name ?? o.ExpertId.ToString(), experts.GetValueOrDefault(o.ExpertId)?.Field,
            o.SignedAt, o.Text, o.SignatureAlgorithm, o.Signature, o.SignerKeyId, o.JournalSequence))];
    }
}

public sealed record DossierMinutes(string Meeting, string Kind, DateOnly Date, string Status, string? Outcome, IReadOnlyList<DossierStatement> Statements);

public sealed record DossierStatement(int Sequence, string Name, string Capacity, string Position, string Text, string? Reason, DateTimeOffset RecordedAt);

public sealed record DossierLegality(IReadOnlyList<DossierFindings> Findings, IReadOnlyList<DossierCounselOpinion> CounselOpinions);

public sealed record DossierFindings(string Authority, string Procedure, string Content, string? LegalRisk, long JournalSequence);

public sealed record DossierCounselOpinion(
    string Kind, string Name, DateTimeOffset GivenAt, string Text, string SignatureAlgorithm, string Signature, string? SignerKeyId);

public sealed record DossierExpertOpinion(
    string Expert, string? Field, DateTimeOffset SignedAt, string Text, string SignatureAlgorithm, string Signature, string? SignerKeyId, long JournalSequence);
