using RuleOfLaw.Workflow.AfterDecision;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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

public sealed record StartEvaluationRequest(
    [property: Required, MaxLength(40)] string Trigger,
    [property: Required, MaxLength(64)] string EvaluatorOrganizationId,
    [property: MaxLength(10_000)] string? Note);

public sealed record EvaluationInputRequest(
    [property: Required, MaxLength(40)] string Source,
    [property: MaxLength(200)] string? SourceName,
    [property: Required, MaxLength(20_000)] string Text);

public sealed record CompleteEvaluationRequest([property: Required, MaxLength(20)] string Outcome, [property: Required, MaxLength(20_000)] string Conclusion);

public sealed record EvaluationInputView(string Source, string? SourceName, string Text, DateTimeOffset RecordedAt);

public sealed record EvaluationView(
    Guid Id, Guid MatterId, string DecisionOrganId, int Year, string Trigger, string EvaluatorOrganizationId, string? Note, DateTimeOffset StartedAt,
    string? Outcome, string? Conclusion, DateTimeOffset? CompletedAt, IReadOnlyList<EvaluationInputView> Inputs);

/// <summary>Evaluations of one decision organ in one year against the jurisdiction's yearly number (第三十六条; local plans).</summary>
public sealed record EvaluationCount(string DecisionOrganId, string JurisdictionId, int Year, int Required, int Started, int Completed, bool Met);

public static class EvaluationVocabulary
{
    /// <summary>第三十六条's triggers, and the organ's annual plan.</summary>
    public static IReadOnlyDictionary<string, string> Triggers { get; } = new Dictionary<string, string>
    {
        ["below-expectations"] = "决策实施后明显未达到预期效果",
        ["many-objections"] = "公众提出较多意见",
        ["organ-deems-necessary"] = "决策机关认为有必要",
        ["annual-plan"] = "年度决策后评估计划",
    };

    /// <summary>Who gave input (第三十六条: the public, deputies, CPPCC members, people's and social organisations, grassroots).</summary>
    public static IReadOnlyDictionary<string, string> Sources { get; } = new Dictionary<string, string>
    {
        ["public"] = "社会公众",
        ["npc-deputy"] = "人大代表",
        ["cppcc-member"] = "政协委员",
        ["people-organization"] = "人民团体",
        ["grassroots-organization"] = "基层组织",
        ["social-organization"] = "社会组织",
    };

    public static IReadOnlyList<string> Outcomes { get; } = ["continue", "adjust", "suspend", "terminate"];
}

/// <summary>Post-decision evaluation (第三十六条).</summary>
public static class EvaluationEndpoints
{
    private const string Article = "第三十六条";

    public static void MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{id:guid}/evaluations", Start).WithTags("Evaluation")
            .WithSummary("Start a post-decision evaluation with an art. 36 trigger; the pre-decision assessor may not evaluate")
            .Produces<EvaluationView>(StatusCodes.Status201Created);
        app.MapGet("/api/matters/{id:guid}/evaluations", List).WithTags("Evaluation").WithSummary("The matter's evaluations").Produces<List<EvaluationView>>();
        app.MapPost("/api/evaluations/{id:guid}/inputs", Input).WithTags("Evaluation")
            .WithSummary("Record input from the public, deputies, CPPCC members or organisations").Produces<EvaluationView>(StatusCodes.Status201Created);
        app.MapPost("/api/evaluations/{id:guid}/complete", Complete).WithTags("Evaluation")
            .WithSummary("Conclude: continue, adjust, suspend or terminate").Produces<EvaluationView>();
        app.MapGet("/api/evaluations/summary", Summary).WithTags("Evaluation")
            .WithSummary("Per decision organ and year: evaluations started and completed against the jurisdiction's yearly number").Produces<List<EvaluationCount>>();
    }

    /// <summary>
    /// The organizations that did the main pre-decision assessment of the matter: whoever completed its risk
    /// assessment or expert argumentation, and the assigned risk-assessment body when that step applied.
    /// </summary>
    internal static IReadOnlySet<string> Assessors(MatterProcedure loaded)
    {
        var result = loaded.State.Tasks
            .Where(t => t.StepId is "risk-assessment" or "expert-argumentation" && t.Status == WorkTaskStatus.Completed)
            .Select(t => t.OrganizationId).ToHashSet();
        if (loaded.State.Steps.GetValueOrDefault("risk-assessment")?.Status is not (null or StepStatus.Skipped or StepStatus.Pending)
            && loaded.State.Assignments.TryGetValue(OrganizationScopes.RiskAssessmentBody, out var body))
        {
            result.Add(body);
        }
        return result;
    }

    /// <summary>Also the evaluation step page's start form (<c>Pages/AfterDecision/Evaluation</c>), for the decision organ.</summary>
    internal static async Task<IResult> Start(
        Guid id, StartEvaluationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        var (loaded, actor, problem) = await AfterDecisionEndpoints.LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!(actor.Holds(Roles.ChiefExecutive, loaded!.Matter.DecisionOrganId) || MatterAccess.IsAdministrator(actor)))
        {
            return ApiProblem.Forbidden("由决策机关（行政首长）决定组织决策后评估。The decision organ orders the evaluation.", Article);
        }
        if (!EvaluationVocabulary.Triggers.ContainsKey(request.Trigger))
        {
            return ApiProblem.Invalid("invalid-trigger", $"评估启动情形应为：{string.Join("、", EvaluationVocabulary.Triggers.Keys)}。Unknown trigger.", Article);
        }
        if (!ExecutionEndpoints.Issued(loaded))
        {
            return ApiProblem.Conflict("decision-not-issued", "决策尚未出台，不能进行决策后评估。The decision has not been issued.", Article);
        }
        var evaluator = await records.Db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.EvaluatorOrganizationId, ct);
        if (evaluator is null)
        {
            return ApiProblem.Invalid("unknown-organization", "评估单位不存在。No such organization.", Article);
        }
        if (Assessors(loaded).Contains(evaluator.Id))
        {
            return ApiProblem.Conflict("evaluator-was-assessor",
                $"{evaluator.Name}在决策作出前承担了主要论证评估工作，不得承担决策后评估。The unit that did the main pre-decision assessment may not evaluate.", Article);
        }
        var db = records.Db;
        var now = clock.GetUtcNow();
        var key = IdempotencyKey.For(actor.Id, clientKey, $"evaluation:{Guid.NewGuid()}", "POST evaluations", request);
        var rowId = ModuleWrites.RowId(key, "evaluation");
        DecisionEvaluation Row() => new()
        {
            Id = rowId, MatterId = id, DecisionOrganId = loaded.Matter.DecisionOrganId, Year = records.Calendar(loaded.State).LocalDay(now).Year,
            Trigger = request.Trigger, EvaluatorOrganizationId = evaluator.Id, Note = request.Note, StartedBy = actor.Id, StartedAt = now,
        };
        return await JournaledAsync(records, loaded, key, actor, "EvaluationStarted", request.Note,
            new { evaluationId = rowId, trigger = request.Trigger, evaluator = evaluator.Id }, Row, rowId, ct, StatusCodes.Status201Created);
    }

    private static async Task<IResult> JournaledAsync(
        ModuleWriter records, MatterProcedure loaded, IdempotencyKey key, Actor actor, string type, string? comment, object data,
        Func<object>? newRow, Guid evaluationId, CancellationToken ct, int status, Func<CancellationToken, Task>? change = null)
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
                return ApiProblem.Refused(result.Refusals);
            }
        }
        else
        {
            // The procedure has ended; the evaluation is recorded in its own rows (the journal is closed).
            await Apply(ct);
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        return Results.Json(await ViewAsync(db, evaluationId, ct), ApiJson.Options, statusCode: status);
    }

    /// <summary>Also read by the evaluation step page.</summary>
    internal static async Task<IResult> List(Guid id, CurrentActor current, ModuleWriter records, CancellationToken ct)
    {
        var (_, _, problem) = await AfterDecisionEndpoints.LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        var ids = await records.Db.Set<DecisionEvaluation>().AsNoTracking().Where(e => e.MatterId == id).Select(e => e.Id).ToListAsync(ct);
        var views = new List<EvaluationView>();
        foreach (var evaluationId in ids)
        {
            views.Add(await ViewAsync(records.Db, evaluationId, ct));
        }
        return Results.Json(views.OrderBy(v => v.StartedAt).ToList(), ApiJson.Options);
    }

    private static async Task<(DecisionEvaluation?, MatterProcedure?, Actor, IResult?)> EvaluatorAsync(
        ModuleWriter records, CurrentActor current, Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var evaluation = await records.Db.Set<DecisionEvaluation>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        var loaded = evaluation is null ? null : await records.LoadAsync(evaluation.MatterId, ct);
        if (evaluation is null || loaded is null || !(MatterAccess.CanSee(loaded.Matter, actor) || actor.Memberships.Any(m => m.OrganizationId == evaluation.EvaluatorOrganizationId)))
        {
            return (null, null, actor, ApiProblem.NotFound("没有这个评估。No such evaluation."));
        }
        if (!actor.Holds(Roles.Evaluator, evaluation.EvaluatorOrganizationId))
        {
            return (null, null, actor, ApiProblem.Forbidden("只有评估单位的评估人员可以办理。Only the evaluator organization's evaluators may record this.", Article));
        }
        if (evaluation.CompletedAt is not null)
        {
            return (null, null, actor, ApiProblem.Conflict("evaluation-completed", "评估已完成。The evaluation is concluded.", Article));
        }
        return (evaluation, loaded, actor, null);
    }

    /// <summary>Also the evaluation step page's input form.</summary>
    internal static async Task<IResult> Input(
        Guid id, EvaluationInputRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        var (evaluation, loaded, actor, problem) = await EvaluatorAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!EvaluationVocabulary.Sources.ContainsKey(request.Source) || string.IsNullOrWhiteSpace(request.Text))
        {
            return ApiProblem.Invalid("invalid-input", $"意见来源应为：{string.Join("、", EvaluationVocabulary.Sources.Keys)}，并写明内容。Unknown source or empty text.", Article);
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"evaluation-input:{Guid.NewGuid()}", "POST evaluation inputs", request);
        return await JournaledAsync(records, loaded!, key, actor, "EvaluationInputRecorded", request.Text,
            new { evaluationId = id, source = request.Source, sourceName = request.SourceName },
            () => new EvaluationInput
            {
                Id = ModuleWrites.RowId(key, "evaluation-input"), EvaluationId = id, Source = request.Source, SourceName = request.SourceName,
                Text = request.Text, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
            }, evaluation!.Id, ct, StatusCodes.Status201Created);
    }

    /// <summary>Also the evaluation step page's conclusion form.</summary>
    internal static async Task<IResult> Complete(
        Guid id, CompleteEvaluationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        var (evaluation, loaded, actor, problem) = await EvaluatorAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!EvaluationVocabulary.Outcomes.Contains(request.Outcome) || string.IsNullOrWhiteSpace(request.Conclusion))
        {
            return ApiProblem.Invalid("invalid-outcome", "评估结论应为 continue、adjust、suspend 或 terminate，并写明评估意见。Unknown outcome or empty conclusion.", Article);
        }
        if (!await records.Db.Set<EvaluationInput>().AnyAsync(i => i.EvaluationId == id, ct))
        {
            return ApiProblem.Conflict("public-input-required",
                "决策后评估应当注重听取社会公众的意见，吸收人大代表、政协委员等参加：请先记录所听取的意见。Record the public's (or deputies') input first.", Article);
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"evaluation-complete:{id}", "POST evaluation complete", request);
        return await JournaledAsync(records, loaded!, key, actor, "EvaluationCompleted", request.Conclusion,
            new { evaluationId = id, outcome = request.Outcome }, null, evaluation!.Id, ct, StatusCodes.Status200OK, async c =>
            {
                var tracked = await records.Db.Set<DecisionEvaluation>().SingleAsync(e => e.Id == id, c);
                tracked.Outcome = request.Outcome;
                tracked.Conclusion = request.Conclusion;
                tracked.CompletedBy = actor.Id;
                tracked.CompletedAt = clock.GetUtcNow();
            });
    }

    private static async Task<IResult> Summary(
        CurrentActor current, WorkflowDbContext db, JurisdictionRegistry jurisdictions, DeadlineCalculator deadlines, TimeProvider clock, CancellationToken ct,
        int? year = null)
    {
        var actor = await current.GetAsync(ct);
        var ids = actor.Memberships.Select(m => m.OrganizationId).ToList();
        var organizations = await db.Organizations.AsNoTracking().ToListAsync(ct);
        var governments = organizations.Where(o => o.Kind == OrganizationKinds.Government).ToList();
        var mine = MatterAccess.IsAdministrator(actor)
            ? governments
            : governments.Where(g => ids.Contains(g.Id) || organizations.Any(o => o.ParentId == g.Id && ids.Contains(o.Id))).ToList();
        var theYear = year ?? deadlines.LocalDay(clock.GetUtcNow()).Year;
        var organIds = mine.Select(g => g.Id).ToList();
        var evaluations = await db.Set<DecisionEvaluation>().AsNoTracking()
            .Where(e => organIds.Contains(e.DecisionOrganId) && e.Year == theYear).ToListAsync(ct);
        return Results.Json(mine.OrderBy(g => g.Id).Select(g =>
        {
            var jurisdiction = jurisdictions.Get(g.JurisdictionId ?? "default") ?? jurisdictions.Get("default");
            var required = jurisdiction?.EvaluationsPerOrganPerYear ?? 0;
            var started = evaluations.Count(e => e.DecisionOrganId == g.Id);
            var completed = evaluations.Count(e => e.DecisionOrganId == g.Id && e.CompletedAt is not null);
            return new EvaluationCount(g.Id, jurisdiction?.Id ?? "default", theYear, required, started, completed, completed >= required);
        }).ToList(), ApiJson.Options);
    }

    private static async Task<EvaluationView> ViewAsync(WorkflowDbContext db, Guid id, CancellationToken ct)
    {
        var e = await db.Set<DecisionEvaluation>().AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var inputs = await db.Set<EvaluationInput>().AsNoTracking().Where(i => i.EvaluationId == id).ToListAsync(ct);
        return new EvaluationView(e.Id, e.MatterId, e.DecisionOrganId, e.Year, e.Trigger, e.EvaluatorOrganizationId, e.Note, e.StartedAt, e.Outcome,
            e.Conclusion, e.CompletedAt, inputs.OrderBy(i => i.RecordedAt).Select(i => new EvaluationInputView(i.Source, i.SourceName, i.Text, i.RecordedAt)).ToList());
    }
}
