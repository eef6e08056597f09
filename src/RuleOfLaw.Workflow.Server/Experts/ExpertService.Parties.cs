using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Experts;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Experts;

/// <summary>
/// The panel's experts as parties of the argumentation (第十九条、第二十条; definition version 6): the step
/// <c>expert-argumentation</c> has <c>"parties": { "role": "expert", "organization": "expert-pool", "completion": "all",
/// "last": true, "completedBy": "expert-opinion" }</c>, so the engine opens one task per expert on the panel, each
/// expert's signed opinion completes hers, and the drafting unit's own task is refused until every expert not removed
/// has signed. This keeps the engine's parties equal to the panel; an instance pinned to version 5 or older keeps the
/// former path (one task of the expert scope, the opinions as module records).
/// </summary>
public sealed partial class ExpertService
{
    /// <summary>Whether the pinned definition takes the panel's experts as parties (version 6 on).</summary>
    public static bool HasParties(ProcedureDefinition definition) =>
        definition.Steps.FirstOrDefault(s => s.Id == ExpertRules.Step)?.Parties is not null;

    /// <summary>
    /// The experts removed from the panel, by account (user id → the reason): those whose latest party task of the
    /// argumentation was removed. A removed expert is not added again on a later pass (<see cref="SyncPartiesAsync"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Removed(InstanceState state) =>
        state.Tasks.Where(t => t.StepId == ExpertRules.Step && t.PartyId is not null)
            .GroupBy(t => t.PartyId!)
            .Select(g => g.Last())
            .Where(t => t.RemovedReason is not null)
            .ToDictionary(t => t.PartyId!, t => t.RemovedReason!);

    /// <summary>The expert's party task in the argumentation's current pass (open or completed; not a removed one).</summary>
    private static WorkTask? PartyTask(MatterProcedure procedure, string userId) => procedure.PartyTask(ExpertRules.Step, userId);

    /// <summary>
    /// Makes the parties of the running argumentation the panel's experts: an expert on the panel (with an account,
    /// not removed) who is not yet a party of this pass is added (journaled <c>PartyAdded</c> with the reason). Nothing to
    /// do when the step is not open, or for an instance pinned to a version without parties. Each addition is its own
    /// engine command keyed by the instance, the pass and the expert, so a repeated call adds nobody twice.
    /// </summary>
    private async Task<Refusal?> SyncPartiesAsync(Guid matterId, Actor actor, CancellationToken ct)
    {
        var procedure = await ModuleWrites.LoadAsync(db, registry, matterId, ct);
        if (procedure is null || !HasParties(procedure.Definition) || procedure.OpenTask(ExpertRules.Step) is null
            || procedure.State.Status != InstanceStatus.Running)
        {
            return null;
        }
        var removed = Removed(procedure.State);
        var pass = procedure.State.Step(ExpertRules.Step).Iteration;
        var panel = await (from m in db.Set<ExpertPanelMember>().AsNoTracking()
                           join e in db.Set<Expert>().AsNoTracking() on m.ExpertId equals e.Id
                           where m.MatterId == matterId && e.UserId != null
                           select new { e.UserId, e.Name, m.AddedAt }).ToListAsync(ct);
        // In the order chosen (ordered here: SQLite cannot order by a DateTimeOffset).
        foreach (var expert in panel.OrderBy(e => e.AddedAt).Where(e => !removed.ContainsKey(e.UserId!) && PartyTask(procedure, e.UserId!) is null))
        {
            var command = new WorkflowCommand.AddParty(ExpertRules.Step, expert.UserId!, expert.Name, "入选论证专家组（第十九条、第二十条）");
            var key = IdempotencyKey.For(actor.Id, null, $"expert-party:{procedure.Record.Id:N}:{pass}:{expert.UserId}", $"expert parties {matterId}", command);
            var result = await commands.ExecuteAsync(key, procedure.Record.Id, command, actor, StatusCodes.Status200OK, ct);
            // A concurrent request added her first: she is a party, which is all this wanted.
            if (result.Refusals.FirstOrDefault(r => r.Code != "party-already-added") is { } refused)
            {
                return refused;
            }
        }
        return null;
    }

    /// <summary>
    /// The drafting unit removes an expert from the panel with the reason (a recusal, 第二十条; 第十九条): her party task
    /// is removed (journaled <c>PartyRemoved</c> with the reason), so the argumentation no longer waits for her, and she
    /// is not chosen again. Only while the argumentation runs and before she has signed (a signed opinion stays on the
    /// record); only on a version with parties.
    /// </summary>
    public async Task<ModuleOutcome<PanelView>> RemoveMemberAsync(Guid matterId, Guid memberId, RemovePanelMemberRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var key = ModuleWrites.Key(actor, clientKey, $"expert-removal:{matterId}:{memberId}", $"POST /api/matters/{matterId}/experts/panel/{memberId}/removal", request);
        // A retry of a removal that was done (a second click, a lost answer) gets the answer again, before the rules that
        // would now refuse it (the expert is removed) and before anything is written.
        if (await CommandReplay.FindAsync(db, key, ct) is { } seen)
        {
            return seen.Refusals.Count > 0 ? ModuleOutcome<PanelView>.Refused(seen.Refusals) : (await PanelAsync(matterId, ct)) with { Replayed = true };
        }
        var member = await (from m in db.Set<ExpertPanelMember>().AsNoTracking()
                            join e in db.Set<Expert>().AsNoTracking() on m.ExpertId equals e.Id
                            where m.MatterId == matterId && m.Id == memberId
                            select new { e.UserId, e.Name }).SingleOrDefaultAsync(ct);
        if (member is null)
        {
            return ExpertRules.NoSuchExpert();
        }
        if (!HasParties(procedure.Definition))
        {
            return ExpertRules.RemovalNeedsParties(procedure.Definition.Version);
        }
        // Who may remove and the reason first, before anything is written.
        if (ExpertRules.MayRemove(MatterAccess.CanDraft(procedure.Matter, actor), request.Reason, member.Name, false, null) is { } notAllowed)
        {
            return notAllowed;
        }
        if (await SyncPartiesAsync(matterId, actor, ct) is { } notAdded)
        {
            return notAdded;
        }
        procedure = (await ModuleWrites.LoadAsync(db, registry, matterId, ct))!;
        var party = member.UserId is null ? null : PartyTask(procedure, member.UserId);
        var removedReason = member.UserId is null ? null : Removed(procedure.State).GetValueOrDefault(member.UserId);
        if (ExpertRules.MayRemove(MatterAccess.CanDraft(procedure.Matter, actor), request.Reason, member.Name,
                party?.Status == WorkTaskStatus.Completed, removedReason) is { } refused)
        {
            return refused;
        }
        if (party is null)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, ExpertRules.Step);
        }
        var command = new WorkflowCommand.RemoveParty(party.Id, request.Reason!.Trim());
        var result = await commands.ExecuteAsync(key, procedure.Record.Id, command, actor, StatusCodes.Status200OK, ct);
        return result.Refusals.Count > 0 ? ModuleOutcome<PanelView>.Refused(result.Refusals) : await PanelAsync(matterId, ct);
    }

    /// <summary>
    /// The journal entry type that recorded an expert's signed opinion: the completion of her party task (version 6
    /// on, <c>PartyTaskCompleted</c>, the opinion's data embedded as <c>data</c>), or <see cref="OpinionSigned"/> on an
    /// instance pinned to an older version. Found from the journal itself (the entry naming the opinion).
    /// </summary>
    internal static async Task<string> OpinionJournalTypeAsync(WorkflowDbContext db, Guid instanceId, Guid opinionId, CancellationToken ct)
    {
        var id = opinionId.ToString("D");
        return await db.Journal.AsNoTracking().AnyAsync(j => j.InstanceId == instanceId && j.Type == OpinionSigned && j.DataJson.Contains(id), ct)
            ? OpinionSigned
            : JournalEntryTypes.PartyTaskCompleted;
    }

    /// <summary>The journal entry of an expert's signed opinion on an instance pinned to a version without parties.</summary>
    public const string OpinionSigned = "ExpertOpinionSigned";

    /// <summary>Writes the signed opinion's row and completes the expert's party task with it, in one transaction (version 6 on).</summary>
    private async Task<ModuleOutcome<ExpertOpinionView>> CompletePartyAsync(
        IdempotencyKey key, MatterProcedure procedure, WorkTask party, ExpertOpinion row, object data, Actor actor, CancellationToken ct)
    {
        var command = new WorkflowCommand.CompleteTask(party.Id, ExpertRules.OpinionSigned, null, JsonSerializer.Serialize(data, ApiJson.Options), ExpertRules.OpinionCommand);
        var result = await commands.ExecuteAsync(key, procedure.Record.Id, command, actor, StatusCodes.Status200OK, ct, (decision, _) =>
        {
            row.JournalSequence = decision.Journal.First(e => e.Type == JournalEntryTypes.PartyTaskCompleted).Sequence;
            db.Set<ExpertOpinion>().Add(row);
            return Task.CompletedTask;
        });
        if (result.Refusals.Count > 0)
        {
            return ModuleOutcome<ExpertOpinionView>.Refused(result.Refusals);
        }
        db.ChangeTracker.Clear();
        var stored = await db.Set<ExpertOpinion>().FindAsync([row.Id], ct);
        return stored is null ? ProblemTexts.Catalog.Conflict("idempotency-key-reused") : ModuleOutcome<ExpertOpinionView>.Created(ExpertOpinionView.From(stored));
    }
}
