using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Recording a participation method other than the open consultation, or (<c>specificGroup</c>) the consultation with
/// an affected group (art. 14), for the API and the step page alike. The rules are <see cref="Activities"/>'s.
/// </summary>
public sealed class ActivityService(ParticipationActs writer, WorkflowEngine engine, TimeProvider clock)
{
    public async Task<ParticipationOutcome<ActivityView>> RecordAsync(Guid matterId, RecordActivityRequest request, string? clientKey, CancellationToken ct)
    {
        var stepId = request.SpecificGroup ? ParticipationTerms.GroupStep : ParticipationTerms.Step;
        var (target, denied) = await writer.LoadAsync(matterId, stepId, ct);
        if (target is null)
        {
            return ParticipationProblem.From(denied!);
        }
        var db = writer.Db;
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/matters/{matterId}/participation/activities", request);
        var id = ModuleWrites.RowId(key, "activity");
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            var now = Consultations.Instant(clock.GetUtcNow());
            var today = engine.DeadlinesIn(target.State.Jurisdiction?.TimeZone).LocalDay(now);
            if (Activities.MayRecord(request.Method, request.HeldOn, today, request.SpecificGroup, request.GroupName) is { } refusal)
            {
                return refusal;
            }
            var groupName = string.IsNullOrWhiteSpace(request.GroupName) ? null : request.GroupName.Trim();
            var summary = request.Summary.Trim();
            var data = new { activityId = id, request.Method, heldOn = request.HeldOn, request.ParticipantCount, request.SpecificGroup, groupName, summaryHash = CommentGrouping.Sha256(summary) };
            var result = await writer.RecordAsync(target, key, "ParticipationActivityRecorded", stepId,
                $"{ParticipationTerms.Methods[request.Method]}（{request.HeldOn:yyyy-MM-dd}）：{summary}", data, _ =>
                {
                    db.Set<ParticipationActivity>().Add(new ParticipationActivity
                    {
                        Id = id,
                        MatterId = matterId,
                        Method = request.Method,
                        HeldOn = request.HeldOn!.Value,
                        Summary = summary,
                        ParticipantCount = request.ParticipantCount,
                        SpecificGroup = request.SpecificGroup,
                        GroupName = groupName,
                        RecordedBy = target.Actor.Id,
                        RecordedByName = target.Actor.DisplayName,
                        RecordedAt = now,
                    });
                    return Task.CompletedTask;
                }, ct);
            if (result.Refusals.Count > 0)
            {
                return ParticipationProblem.FromEngine(result.Refusals);
            }
        }
        return ActivityView.From(await db.Set<ParticipationActivity>().AsNoTracking().SingleAsync(a => a.Id == id, ct));
    }
}
