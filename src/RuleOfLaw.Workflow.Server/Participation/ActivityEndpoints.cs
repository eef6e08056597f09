using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Recording a participation method other than the open consultation (art. 14: 座谈会、实地走访、书面征求意见、问卷调查、
/// 民意调查 …), and the consultation with an affected group (art. 14, second paragraph) with <c>specificGroup</c>.
/// </summary>
public static class ActivityEndpoints
{
    public static void MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{matterId:guid}/participation/activities", Record).WithTags("Participation")
            .WithSummary("Record a forum, field visit, written consultation, questionnaire, poll … held (art. 14); specificGroup=true records the consultation with the affected group")
            .Produces<ActivityView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    internal static async Task<IResult> Record(
        Guid matterId, RecordActivityRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, WorkflowEngine engine, TimeProvider clock, CancellationToken ct)
    {
        var stepId = request.SpecificGroup ? ParticipationWriter.GroupStep : ParticipationWriter.Step;
        var (target, problem) = await writer.LoadAsync(matterId, stepId, ct);
        if (target is null)
        {
            return problem!;
        }
        var db = writer.Db;
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/matters/{matterId}/participation/activities", request);
        var id = ParticipationWriter.IdFor(key, "activity");
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            if (!ParticipationTerms.Methods.ContainsKey(request.Method))
            {
                return ApiProblem.Validation("invalid-method", $"method 应为 {string.Join("、", ParticipationTerms.Methods.Keys)} 之一；向社会公开征求意见请用公开征求意见功能。Unknown method.");
            }
            var now = ConsultationEndpoints.Truncate(clock.GetUtcNow());
            var today = engine.DeadlinesIn(target.State.Jurisdiction?.TimeZone).LocalDay(now);
            if (request.HeldOn > today)
            {
                return ApiProblem.Validation("activity-in-future", "只能记录已经举行的活动。Only an activity that has taken place can be recorded.");
            }
            var groupName = string.IsNullOrWhiteSpace(request.GroupName) ? null : request.GroupName.Trim();
            if (request.SpecificGroup && groupName is null)
            {
                return ApiProblem.Validation("group-name-required", "与特定群体沟通协商的，应当写明群体（人民团体、社会组织或群众代表）。Name the group consulted.");
            }
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
                return ApiProblem.Refused(result.Refusals);
            }
        }
        var row = await db.Set<ParticipationActivity>().AsNoTracking().SingleAsync(a => a.Id == id, ct);
        return Results.Created($"/api/matters/{matterId}/participation", ActivityView.From(row));
    }
}
