using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Meetings;

namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>
/// The dossier's <see cref="DossierFormat.SignaturesPath"/> (issue 20): every signed statement of the matter — expert
/// and counsel opinions, the legality review office's findings, members' opinions at the meeting and the head's
/// decision — with exactly the fields its
/// signature covers, and the public keys (with the CA's certificate when imported) of everyone who signed, so that
/// <see cref="DossierSignatureCheck"/> verifies them offline. Statements recorded before signatures are listed unsigned.
/// </summary>
public static class DossierSignaturesExport
{
    public static async Task<DossierSignatures> GatherAsync(WorkflowDbContext db, Guid matterId, CancellationToken ct)
    {
        var statements = new List<DossierSignedStatement>();
        var experts = await db.Set<ExpertOpinion>().AsNoTracking().Where(o => o.MatterId == matterId).ToListAsync(ct);
        var counsel = await db.Set<CounselOpinion>().AsNoTracking().Where(o => o.MatterId == matterId).ToListAsync(ct);
        var findings = await db.Set<LegalityFindings>().AsNoTracking().Where(f => f.MatterId == matterId).ToListAsync(ct);
        var items = await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MatterId == matterId).ToListAsync(ct);
        var itemIds = items.Select(a => a.Id).ToList();
        var spoken = await db.Set<MeetingStatement>().AsNoTracking().Where(s => itemIds.Contains(s.AgendaItemId)).ToListAsync(ct);
        var decisions = spoken.Where(s => s.Capacity == "head").ToList();
        var opinions = spoken.Where(s => s.Capacity == "member").ToList();
        var signerIds = experts.Select(o => o.SignedBy).Concat(counsel.Select(o => o.GivenBy)).Concat(findings.Select(f => f.RecordedBy))
            .Concat(spoken.Select(d => d.UserId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => signerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        // Expert opinions (第十九条): a journaled record, or from version 6 the completion of the expert's party task.
        foreach (var o in experts.OrderBy(o => o.JournalSequence))
        {
            statements.Add(new DossierSignedStatement(
                SignedStatements.ExpertOpinion, o.Id, o.MatterId, o.ExpertId.ToString("D"), o.SignedBy, names.GetValueOrDefault(o.SignedBy, o.SignedBy), o.SignedAt,
                o.Text, await ExpertService.OpinionJournalTypeAsync(db, o.InstanceId, o.Id, ct), o.SignatureAlgorithm, o.Signature, o.SignerKeyId));
        }
        statements.AddRange(counsel.OrderBy(o => o.GivenAt.UtcTicks).Select(o => new DossierSignedStatement(
            SignedStatements.CounselOpinion, o.Id, o.MatterId, $"{o.CounselTaskId:D}/{o.CounselKind}", o.GivenBy, o.GivenByName, o.GivenAt,
            o.Text, "CounselOpinionGiven", o.SignatureAlgorithm, o.Signature, o.SignerKeyId)));
        statements.AddRange(findings.OrderBy(f => f.JournalSequence).Select(f => new DossierSignedStatement(
            SignedStatements.LegalityFindings, f.Id, f.MatterId, f.ReviewTaskId.ToString("D"), f.RecordedBy, names.GetValueOrDefault(f.RecordedBy, f.RecordedBy),
            f.RecordedAt, SignedStatements.FindingsText(f.Authority, f.Procedure, f.Content, f.LegalRisk), LegalityService.FindingsRecorded,
            f.SignatureAlgorithm, f.Signature, f.SignerKeyId)));
        var meetingOf = items.ToDictionary(a => a.Id, a => a.MeetingId);
        // Members' opinions (第三十条), in the order spoken, each before the head's decision on its item.
        var instanceId = await db.Instances.AsNoTracking().Where(i => i.MatterId == matterId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
        foreach (var o in opinions.OrderBy(o => o.RecordedAt.UtcTicks).ThenBy(o => o.Sequence))
        {
            var journalType = instanceId is { } instance ? await MeetingService.OpinionJournalTypeAsync(db, instance, o.Id, ct) : JournalEntryTypes.PartyTaskCompleted;
            statements.Add(new DossierSignedStatement(
                SignedStatements.MemberOpinion, o.Id, matterId, $"{meetingOf[o.AgendaItemId]:D}/{o.AgendaItemId:D}", o.UserId, o.UserName, o.RecordedAt,
                SignedStatements.MemberOpinionText(o.Position, o.Text, o.RecordedBy), journalType, o.SignatureAlgorithm, o.Signature, o.SignerKeyId));
        }
        statements.AddRange(decisions.OrderBy(d => d.RecordedAt.UtcTicks).Select(d => new DossierSignedStatement(
            SignedStatements.HeadDecision, d.Id, matterId, $"{meetingOf[d.AgendaItemId]:D}/{d.AgendaItemId:D}", d.UserId, d.UserName, d.RecordedAt,
            SignedStatements.DecisionText(d.Position, d.Text, d.Reason), JournalEntryTypes.TaskCompleted, d.SignatureAlgorithm, d.Signature, d.SignerKeyId)));

        // Every key of everyone who signed: the key each statement names, and the signer's others (a later or imported one).
        var keys = (await db.Set<SignerKey>().AsNoTracking().Where(k => signerIds.Contains(k.UserId)).ToListAsync(ct))
            .OrderBy(k => k.UserId, StringComparer.Ordinal).ThenBy(k => k.CreatedAt.UtcTicks)
            .Select(k => new DossierSignerKey(k.Id, k.UserId, k.Algorithm, k.PublicKey, k.CreatedAt, k.Certificate)).ToList();
        return new DossierSignatures(keys, statements);
    }
}
