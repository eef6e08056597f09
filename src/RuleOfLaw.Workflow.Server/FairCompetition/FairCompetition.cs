using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.FairCompetition;

/// <summary>
/// The fair-competition review's conclusion (公平竞争审查, 第二十九条第一项) for one fair-competition-review task:
/// compliant; adjusted (found restrictive and revised to comply); an exception applies (with the grounds); or
/// not compliant (the draft may not go on until it is adjusted).
/// </summary>
public sealed class FairCompetitionReview : Modules.IJournaledRow
{
    public static readonly string[] Conclusions = ["compliant", "adjusted", "exception", "not-compliant"];

    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid InstanceId { get; set; }
    public required Guid TaskId { get; set; }
    public required string Conclusion { get; set; }
    public string? Detail { get; set; }
    public required string RecordedBy { get; set; }
    public required string RecordedByName { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
    public long JournalSequence { get; set; }
}

internal sealed class FairCompetitionReviewConfiguration : IEntityTypeConfiguration<FairCompetitionReview>
{
    public void Configure(EntityTypeBuilder<FairCompetitionReview> e)
    {
        e.ToTable("FairCompetitionReviews");
        e.Property(r => r.Conclusion).HasMaxLength(32);
        e.Property(r => r.RecordedBy).HasMaxLength(450);
        e.Property(r => r.RecordedByName).HasMaxLength(200);
        e.HasIndex(r => r.InstanceId);
        e.HasOne<Matter>().WithMany().HasForeignKey(r => r.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record FairCompetitionRequest(string? Conclusion, string? Detail);

public sealed record FairCompetitionView(Guid Id, Guid TaskId, string Conclusion, string? Detail, string RecordedByName, DateTimeOffset RecordedAt)
{
    public static FairCompetitionView From(FairCompetitionReview r) => new(r.Id, r.TaskId, r.Conclusion, r.Detail, r.RecordedByName, r.RecordedAt);
}

public static class FairCompetitionModule
{
    public const string Step = "fair-competition-review";
    public const string Article = "第二十九条第一项";

    public static IServiceCollection AddFairCompetition(this IServiceCollection services)
    {
        services.AddScoped<IStepCompletionGuard, FairCompetitionGuard>();
        services.AddScoped<IComplianceCheck, FairCompetitionCompliance>();
        services.TryAddScoped<Pages.Assessments.AssessmentPageServices>();
        services.AddStepPage(Step, "/Assessments/FairCompetition");
        return services;
    }

    public static void MapFairCompetition(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}/fair-competition").WithTags("Fair-competition review");
        group.MapGet("/reviews", async (Guid id, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, CancellationToken ct) =>
        {
            var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, await current.GetAsync(ct), ct);
            if (procedure is null)
            {
                return problem!;
            }
            var rows = await db.Set<FairCompetitionReview>().AsNoTracking().Where(r => r.InstanceId == procedure.Record.Id).ToListAsync(ct);
            return Results.Ok(rows.OrderBy(r => r.RecordedAt).Select(FairCompetitionView.From).ToList());
        }).WithSummary("The matter's fair-competition review conclusions").Produces<List<FairCompetitionView>>();
        group.MapPost("/reviews", Record)
            .WithSummary("Drafting unit: the fair-competition review's conclusion (art. 29 item 1)")
            .Produces<FairCompetitionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    internal static async Task<IResult> Record(
        Guid id, FairCompetitionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        if (request.Conclusion is null || !FairCompetitionReview.Conclusions.Contains(request.Conclusion) || request.Detail is { Length: > 20_000 }
            || (request.Conclusion != "compliant" && string.IsNullOrWhiteSpace(request.Detail)))
        {
            return ApiProblem.Validation("invalid-fair-competition-review",
                $"conclusion 应为 {string.Join(" / ", FairCompetitionReview.Conclusions)}；除“compliant”外须说明情况（detail）。" +
                "The conclusion must be one of the listed values; every conclusion but compliant needs the detail.");
        }
        var task = procedure.OpenTask(Step);
        if (task is null)
        {
            return ModuleWrites.StepNotOpen(procedure.Definition, Step);
        }
        if (!MatterAccess.CanDraft(procedure.Matter, actor))
        {
            return ApiProblem.Forbidden("公平竞争审查由决策承办单位进行。The drafting unit carries out the fair-competition review.", Article);
        }
        var key = ModuleWrites.Key(actor, clientKey, $"fair-competition:{task.Id}", $"POST /api/matters/{id}/fair-competition/reviews", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new FairCompetitionReview
        {
            Id = rowId, MatterId = id, InstanceId = procedure.Record.Id, TaskId = task.Id, Conclusion = request.Conclusion, Detail = request.Detail,
            RecordedBy = actor.Id, RecordedByName = actor.DisplayName, RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleWrites.RecordAsync(commands, db, key, procedure, actor, "FairCompetitionReviewed", Step, null,
            new { reviewId = rowId, request.Conclusion, request.Detail }, row, rowId, r => FairCompetitionView.From(r), ct);
    }
}

/// <summary>The fair-competition review task completes only with a recorded conclusion that lets the draft go on.</summary>
public sealed class FairCompetitionGuard(WorkflowDbContext db) : IStepCompletionGuard
{
    public IReadOnlyCollection<string> Steps { get; } = [FairCompetitionModule.Step];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken)
    {
        var review = (await db.Set<FairCompetitionReview>().AsNoTracking().Where(r => r.TaskId == context.Task.Id)
            .ToListAsync(cancellationToken)).MaxBy(r => r.JournalSequence);
        return review switch
        {
            null => [new Refusal("fair-competition-conclusion-missing",
                "尚未记录公平竞争审查结论（POST /api/matters/{id}/fair-competition/reviews）。The fair-competition review's conclusion has not been recorded.", FairCompetitionModule.Article)],
            { Conclusion: "not-compliant" } => [new Refusal("fair-competition-not-compliant",
                "公平竞争审查结论为不符合：须调整决策草案至符合后重新记录结论。The draft does not comply: adjust it and record the new conclusion.", FairCompetitionModule.Article)],
            _ => [],
        };
    }
}

/// <summary>第二十九条第一项: the fair-competition review is required before the legality review when market actors are affected.</summary>
public sealed class FairCompetitionCompliance(WorkflowDbContext db) : IComplianceCheck
{
    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        if (context.State is not { } state)
        {
            return [];
        }
        const string title = "公平竞争审查（送请合法性审查前）";
        const string titleEn = "Fair-competition review (before the legality review)";
        if (!state.Attributes.GetValueOrDefault("affectsMarket"))
        {
            return [new ComplianceItem("fair-competition:review", title, titleEn, FairCompetitionModule.Article, ComplianceStatus.NotApplicable,
                "决策事项不涉及市场主体经济活动（affectsMarket=false）。The matter does not affect market actors.", FairCompetitionModule.Step)];
        }
        var done = state.Tasks.LastOrDefault(t => t.StepId == FairCompetitionModule.Step && t.Status == WorkTaskStatus.Completed);
        var review = done is null ? null : (await db.Set<FairCompetitionReview>().AsNoTracking().Where(r => r.TaskId == done.Id)
            .ToListAsync(cancellationToken)).MaxBy(r => r.JournalSequence);
        return [review is null
            ? new ComplianceItem("fair-competition:review", title, titleEn, FairCompetitionModule.Article, ComplianceStatus.Pending,
                "尚未完成公平竞争审查。Not reviewed yet.", FairCompetitionModule.Step, ["legality-submission", MeetingSteps.CollectiveDecision])
            : new ComplianceItem("fair-competition:review", title, titleEn, FairCompetitionModule.Article, ComplianceStatus.Met,
                $"{review.RecordedByName}于{review.RecordedAt:yyyy-MM-dd}记录结论：{review.Conclusion}{(review.Detail is null ? "" : $"（{review.Detail}）")}。",
                FairCompetitionModule.Step, ["legality-submission", MeetingSteps.CollectiveDecision])];
    }
}
