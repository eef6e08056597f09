using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// Post-decision evaluation (第三十六条) as an application service: start, record the input heard, conclude; the
/// yearly count per decision organ. The rules are <see cref="Evaluation"/>'s; the API and the evaluation step page call this.
/// </summary>
public sealed class EvaluationService(
    AfterDecisionService matters, ModuleWriter records, CurrentActor current, JurisdictionRegistry jurisdictions, DeadlineCalculator deadlines,
    TimeProvider clock)
{
    public async Task<ModuleOutcome<EvaluationView>> StartAsync(Guid id, StartEvaluationRequest request, string? clientKey, CancellationToken ct)
    {
        var (visible, notFound) = await matters.LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        var evaluator = await records.Db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.EvaluatorOrganizationId, ct);
        if (Evaluation.Start(actor, loaded.Matter.DecisionOrganId, MatterAccess.Administers(loaded.Matter, actor), request.Trigger, Execution.Issued(loaded.State),
                request.EvaluatorOrganizationId, evaluator?.Name, Evaluation.Assessors(loaded.State)) is { } refused)
        {
            return refused;
        }
        var now = clock.GetUtcNow();
        var key = IdempotencyKey.For(actor.Id, clientKey, $"evaluation:{Guid.NewGuid()}", "POST evaluations", request);
        var rowId = ModuleWrites.RowId(key, "evaluation");
        DecisionEvaluation Row() => new()
        {
            Id = rowId, MatterId = id, DecisionOrganId = loaded.Matter.DecisionOrganId, Year = records.Calendar(loaded.State).LocalDay(now).Year,
            Trigger = request.Trigger, EvaluatorOrganizationId = evaluator!.Id, Note = request.Note, StartedBy = actor.Id, StartedAt = now,
        };
        return await JournaledAsync(loaded, key, actor, "EvaluationStarted", request.Note,
            new { evaluationId = rowId, trigger = request.Trigger, evaluator = evaluator!.Id }, Row, rowId, ct, created: true);
    }

    public async Task<ModuleOutcome<List<EvaluationView>>> ListAsync(Guid id, CancellationToken ct)
    {
        var (visible, notFound) = await matters.LoadVisibleAsync(id, ct);
        if (visible is null)
        {
            return notFound!;
        }
        var ids = await records.Db.Set<DecisionEvaluation>().AsNoTracking().Where(e => e.MatterId == id).Select(e => e.Id).ToListAsync(ct);
        var views = new List<EvaluationView>();
        foreach (var evaluationId in ids)
        {
            views.Add(await ViewAsync(records.Db, evaluationId, ct));
        }
        return ModuleOutcome<List<EvaluationView>>.Ok(views.OrderBy(v => v.StartedAt).ToList());
    }

    public async Task<ModuleOutcome<EvaluationView>> InputAsync(Guid id, EvaluationInputRequest request, string? clientKey, CancellationToken ct)
    {
        var (evaluation, loaded, actor, refused) = await EvaluatorAsync(id, ct);
        if (refused is not null)
        {
            return refused;
        }
        if (Evaluation.Input(request.Source, request.Text) is { } invalid)
        {
            return invalid;
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"evaluation-input:{Guid.NewGuid()}", "POST evaluation inputs", request);
        return await JournaledAsync(loaded!, key, actor, "EvaluationInputRecorded", request.Text,
            new { evaluationId = id, source = request.Source, sourceName = request.SourceName },
            () => new EvaluationInput
            {
                Id = ModuleWrites.RowId(key, "evaluation-input"), EvaluationId = id, Source = request.Source, SourceName = request.SourceName,
                Text = request.Text, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
            }, evaluation!.Id, ct, created: true);
    }

    public async Task<ModuleOutcome<EvaluationView>> CompleteAsync(Guid id, CompleteEvaluationRequest request, string? clientKey, CancellationToken ct)
    {
        var (evaluation, loaded, actor, refused) = await EvaluatorAsync(id, ct);
        if (refused is not null)
        {
            return refused;
        }
        var heard = await records.Db.Set<EvaluationInput>().AnyAsync(i => i.EvaluationId == id, ct);
        if (Evaluation.Complete(request.Outcome, request.Conclusion, heard) is { } invalid)
        {
            return invalid;
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"evaluation-complete:{id}", "POST evaluation complete", request);
        return await JournaledAsync(loaded!, key, actor, "EvaluationCompleted", request.Conclusion,
            new { evaluationId = id, outcome = request.Outcome }, null, evaluation!.Id, ct, created: false, async c =>
            {
                var tracked = await records.Db.Set<DecisionEvaluation>().SingleAsync(e => e.Id == id, c);
                tracked.Outcome = request.Outcome;
                tracked.Conclusion = request.Conclusion;
                tracked.CompletedBy = actor.Id;
                tracked.CompletedAt = clock.GetUtcNow();
            });
    }

    public async Task<ModuleOutcome<List<EvaluationCount>>> SummaryAsync(int? year, CancellationToken ct)
    {
        var db = records.Db;
        var actor = await current.GetAsync(ct);
        var ids = actor.Memberships.Select(m => m.OrganizationId).ToList();
        var organizations = await db.Organizations.AsNoTracking().ToListAsync(ct);
        var governments = organizations.Where(o => o.Kind == OrganizationKinds.Government).ToList();
        // Operators see every government; anyone else (its administrators included) the governments they belong to.
        var mine = actor.Memberships.Any(m => m.Role == Roles.Operator)
            ? governments
            : governments.Where(g => ids.Contains(g.Id) || organizations.Any(o => o.ParentId == g.Id && ids.Contains(o.Id))).ToList();
        var theYear = year ?? deadlines.LocalDay(clock.GetUtcNow()).Year;
        var organIds = mine.Select(g => g.Id).ToList();
        var evaluations = await db.Set<DecisionEvaluation>().AsNoTracking()
            .Where(e => organIds.Contains(e.DecisionOrganId) && e.Year == theYear).ToListAsync(ct);
        return ModuleOutcome<List<EvaluationCount>>.Ok(mine.OrderBy(g => g.Id).Select(g =>
        {
            var jurisdiction = jurisdictions.Get(g.JurisdictionId ?? "default") ?? jurisdictions.Get("default");
            var required = jurisdiction?.EvaluationsPerOrganPerYear ?? 0;
            var started = evaluations.Count(e => e.DecisionOrganId == g.Id);
            var completed = evaluations.Count(e => e.DecisionOrganId == g.Id && e.CompletedAt is not null);
            return new EvaluationCount(g.Id, jurisdiction?.Id ?? "default", theYear, required, started, completed, completed >= required);
        }).ToList());
    }

    /// <summary>The evaluation, its matter and the evaluator recording on it (the rules of <see cref="Evaluation.Evaluator"/>).</summary>
    private async Task<(DecisionEvaluation?, MatterProcedure?, Actor, Refusal?)> EvaluatorAsync(Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var evaluation = await records.Db.Set<DecisionEvaluation>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        var loaded = evaluation is null ? null : await records.LoadAsync(evaluation.MatterId, ct);
        if (evaluation is null || loaded is null
            || !(MatterAccess.CanSee(loaded.Matter, actor) || actor.Memberships.Any(m => m.OrganizationId == evaluation.EvaluatorOrganizationId)))
        {
            return (null, null, actor, Evaluation.NotFound());
        }
        return Evaluation.Evaluator(actor, new EvaluationFacts(evaluation.EvaluatorOrganizationId, evaluation.CompletedAt is not null)) is { } refused
            ? (null, null, actor, refused)
            : (evaluation, loaded, actor, null);
    }

    private async Task<ModuleOutcome<EvaluationView>> JournaledAsync(
        MatterProcedure loaded, IdempotencyKey key, Actor actor, string type, string? comment, object data,
        Func<object>? newRow, Guid evaluationId, CancellationToken ct, bool created, Func<CancellationToken, Task>? change = null)
    {
        var db = records.Db;
        async Task Apply(CancellationToken c)
        {
            if (newRow is not null)
            {
                db.Add(newRow());
            }
            if (change is not null)
            {
                await change(c);
            }
        }
        if (loaded.State.Status is InstanceStatus.Running or InstanceStatus.Suspended)
        {
            var result = await records.RecordAsync(key, loaded, type, AfterDecisionSteps.PostDecisionEvaluation, comment, data, actor, (_, c) => Apply(c), ct);
            if (result.Refusals.Count > 0)
            {
                return ModuleOutcome<EvaluationView>.Refused(result.Refusals);
            }
        }
        else
        {
            // The procedure has ended; the evaluation is recorded in its own rows (the journal is closed).
            await Apply(ct);
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        var view = await ViewAsync(db, evaluationId, ct);
        return created ? ModuleOutcome<EvaluationView>.Created(view) : ModuleOutcome<EvaluationView>.Ok(view);
    }

    private static async Task<EvaluationView> ViewAsync(WorkflowDbContext db, Guid id, CancellationToken ct)
    {
        var e = await db.Set<DecisionEvaluation>().AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var inputs = await db.Set<EvaluationInput>().AsNoTracking().Where(i => i.EvaluationId == id).ToListAsync(ct);
        return new EvaluationView(e.Id, e.MatterId, e.DecisionOrganId, e.Year, e.Trigger, e.EvaluatorOrganizationId, e.Note, e.StartedAt, e.Outcome,
            e.Conclusion, e.CompletedAt, inputs.OrderBy(i => i.RecordedAt).Select(i => new EvaluationInputView(i.Source, i.SourceName, i.Text, i.RecordedAt)).ToList());
    }
}
