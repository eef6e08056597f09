using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.FairCompetition;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.FairCompetition;

/// <summary>
/// The fair-competition review's acts for the API and the step page (第二十九条第一项): the conclusions of a matter,
/// and recording one for the open review task. The rules are <see cref="FairCompetitionRules"/>'s; this loads the
/// procedure and writes through the module write path.
/// </summary>
public sealed class FairCompetitionService(
    CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock)
{
    public async Task<ModuleOutcome<List<FairCompetitionView>>> ListAsync(Guid matterId, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var rows = await db.Set<FairCompetitionReview>().AsNoTracking().Where(r => r.InstanceId == procedure.Record.Id).ToListAsync(ct);
        return ModuleOutcome<List<FairCompetitionView>>.Ok(rows.OrderBy(r => r.RecordedAt).Select(FairCompetitionView.From).ToList());
    }

    public async Task<ModuleOutcome<FairCompetitionView>> RecordAsync(Guid matterId, FairCompetitionRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        if (FairCompetitionRules.Invalid(request.Conclusion, request.Detail) is { } invalid)
        {
            return invalid;
        }
        var task = procedure.OpenTask(FairCompetitionRules.Step);
        if (task is null)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, FairCompetitionRules.Step);
        }
        if (FairCompetitionRules.Forbidden(MatterAccess.CanDraft(procedure.Matter, actor), FairCompetitionRules.ArticleIn(procedure.Definition)) is { } forbidden)
        {
            return forbidden;
        }
        var key = ModuleWrites.Key(actor, clientKey, $"fair-competition:{task.Id}", $"POST /api/matters/{matterId}/fair-competition/reviews", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new FairCompetitionReview
        {
            Id = rowId, MatterId = matterId, InstanceId = procedure.Record.Id, TaskId = task.Id, Conclusion = request.Conclusion!, Detail = request.Detail,
            RecordedBy = actor.Id, RecordedByName = actor.DisplayName, RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleActs.RecordRowAsync(commands, db, key, procedure, actor, "FairCompetitionReviewed", FairCompetitionRules.Step, null,
            new { reviewId = rowId, request.Conclusion, request.Detail }, row, rowId, FairCompetitionView.From, ct);
    }
}
