using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// What GET /api/instances/{id}/journal/verify answers: the chain, then each entry's MAC (the keyed chain), then the
/// latest signed checkpoint that holds this instance. <see cref="Checkpoint"/> names the checkpoint relied on, so
/// it can be compared with the copy published on the portal or mailed to the supervising bodies.
/// </summary>
public sealed record JournalIntegrityView(bool Valid, long EntriesChecked, long? FirstBrokenSequence, string? Problem,
    long EntriesKeyed, CheckpointReference? Checkpoint);

public sealed record CheckpointReference(long Number, DateTimeOffset CreatedAt, string MerkleRoot, long Sequence, string Head);

public sealed class JournalIntegrity(WorkflowDbContext db, JournalSeal seal, JournalCheckpoints checkpoints)
{
    public async Task<JournalIntegrityView> VerifyAsync(InstanceRecord record, CancellationToken ct)
    {
        var state = InstanceStateJson.Deserialize(record.StateJson);
        var rows = await db.Journal.AsNoTracking().Where(j => j.InstanceId == record.Id).OrderBy(j => j.Sequence).ToListAsync(ct);
        return await VerifyAsync(record.Id, rows, state.JournalSequence, state.JournalHead, ct);
    }

    public async Task<JournalIntegrityView> VerifyAsync(Guid instanceId, IReadOnlyList<JournalRecord> rows, long sequence, string head, CancellationToken ct)
    {
        var chain = JournalVerifier.Verify(rows.Select(r => r.ToEntry()), sequence, head);
        if (!chain.Valid)
        {
            return new JournalIntegrityView(false, chain.EntriesChecked, chain.FirstBrokenSequence, chain.Problem, 0, null);
        }
        foreach (var row in rows)
        {
            if (seal.Problem(row) is { } problem)
            {
                return new JournalIntegrityView(false, chain.EntriesChecked, row.Sequence, $"entry {row.Sequence}: {problem}", row.Sequence - 1, null);
            }
        }
        var checkpoint = await checkpoints.LatestCoveringAsync(instanceId, ct);
        if (checkpoint is null)
        {
            return new JournalIntegrityView(true, chain.EntriesChecked, null, null, rows.Count, null);
        }
        var leaf = JournalCheckpoints.Leaves(checkpoint).FirstOrDefault(l => l.InstanceId == instanceId);
        var reference = leaf is null ? null : new CheckpointReference(checkpoint.Number, checkpoint.CreatedAt, checkpoint.MerkleRoot, leaf.Sequence, leaf.Head);
        if (checkpoints.Problem(checkpoint) is { } broken)
        {
            return new JournalIntegrityView(false, chain.EntriesChecked, null, broken, rows.Count, reference);
        }
        if (leaf is null)
        {
            return new JournalIntegrityView(true, chain.EntriesChecked, null, null, rows.Count, null);
        }
        var anchored = rows.FirstOrDefault(r => r.Sequence == leaf.Sequence);
        if (anchored?.Hash != leaf.Head)
        {
            return new JournalIntegrityView(false, chain.EntriesChecked, Math.Min(leaf.Sequence, rows.Count + 1),
                $"checkpoint {checkpoint.Number} of {checkpoint.CreatedAt:yyyy-MM-dd HH:mm} UTC recorded entry {leaf.Sequence} with hash {leaf.Head}, " +
                $"but the journal now has {(anchored is null ? "no such entry" : anchored.Hash)} (the journal was rewritten after the checkpoint)", rows.Count, reference);
        }
        return new JournalIntegrityView(true, chain.EntriesChecked, null, null, rows.Count, reference);
    }
}
