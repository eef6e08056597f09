using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// The members present as parties of the collective decision (第三十条; definition version 5): the step
/// <c>collective-decision</c> has <c>"parties": { "role": "meeting-member", "completion": "all", "last": true }</c>, so
/// the engine opens one task per member present, each member's opinion completes hers, and the head's own task is
/// refused until every one of them is done. This keeps the engine's parties equal to the meeting's attendance.
/// </summary>
public sealed partial class MeetingService
{
    /// <summary>Whether the matter's pinned definition takes the meeting's members as parties (version 5 on).</summary>
    private static bool HasParties(MatterProcedure loaded) =>
        loaded.Definition.Steps.FirstOrDefault(s => s.Id == MeetingSteps.CollectiveDecision)?.Parties is not null;

    /// <summary>
    /// Makes the parties of the matter's open decision the members present at <paramref name="meeting"/>: a present
    /// member who is not yet a party is added, a party no longer present (attendance corrected before anyone spoke) is
    /// removed with the reason. Nothing to do before attendance is recorded, when the decision is not open, or for an
    /// instance pinned to a version without parties. Each change is its own engine command (journaled
    /// <c>PartyAdded</c>/<c>PartyRemoved</c>), keyed by the instance, the pass and the member, so a repeated call adds
    /// nobody twice.
    /// </summary>
    private async Task<Refusal?> SyncPartiesAsync(Meeting meeting, Guid matterId, Actor actor, CancellationToken ct)
    {
        var loaded = await records.LoadAsync(matterId, ct);
        if (loaded is null || !HasParties(loaded) || meeting.AttendanceJson is null || loaded.OpenTask(MeetingSteps.CollectiveDecision) is null
            || loaded.State.Status != InstanceStatus.Running)
        {
            return null;
        }
        var present = Present(meeting).ToHashSet();
        var members = (await ParticipantsAsync(Db, meeting.DecisionOrganId, ct)).Where(p => p.Capacity == Participant.Member).ToList();
        var pass = loaded.State.Step(MeetingSteps.CollectiveDecision).Iteration;
        var parties = loaded.State.Tasks
            .Where(t => t.StepId == MeetingSteps.CollectiveDecision && t.Iteration == pass && t.PartyId is not null && t.RemovedReason is null).ToList();
        var commands = new List<(string Key, WorkflowCommand Command)>();
        foreach (var member in members.Where(m => present.Contains(m.UserId) && parties.All(p => p.PartyId != m.UserId)))
        {
            commands.Add(($"party:{loaded.Record.Id:N}:{pass}:{member.UserId}:{meeting.Id:N}",
                new WorkflowCommand.AddParty(MeetingSteps.CollectiveDecision, member.UserId, member.Name,
                    $"出席{meeting.Date:yyyy-MM-dd}{MeetingKinds.Name(meeting.Kind)}（第三十条）")));
        }
        foreach (var absent in parties.Where(p => p.Status == WorkTaskStatus.Open && !present.Contains(p.PartyId!)))
        {
            commands.Add(($"party-removed:{absent.Id:N}", new WorkflowCommand.RemoveParty(absent.Id, $"未出席{meeting.Date:yyyy-MM-dd}{MeetingKinds.Name(meeting.Kind)}（出席情况已更正）")));
        }
        foreach (var (derived, command) in commands)
        {
            var key = IdempotencyKey.For(actor.Id, null, derived, $"meeting parties {meeting.Id}", command);
            var result = await records.ExecuteAsync(key, loaded, command, actor, ct);
            // A concurrent request added her first: she is a party, which is all this wanted.
            if (result.Refusals.FirstOrDefault(r => r.Code != "party-already-added") is { } refused)
            {
                return refused;
            }
        }
        return null;
    }
}
