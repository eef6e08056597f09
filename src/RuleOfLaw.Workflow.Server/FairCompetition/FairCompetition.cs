using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.FairCompetition;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.FairCompetition;

/// <summary>
/// The fair-competition review's conclusion (公平竞争审查, 第二十九条第一项) for one fair-competition-review task:
/// compliant; adjusted (found restrictive and revised to comply); an exception applies (with the grounds); or
/// not compliant (the draft may not go on until it is adjusted).
/// </summary>
public sealed class FairCompetitionReview : Modules.IJournaledRow
{
    public static readonly string[] Conclusions = FairCompetitionRules.Conclusions;

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

/// <summary>The fair-competition review's registration and endpoints; the rules are <see cref="FairCompetitionRules"/>'s, the acts <see cref="FairCompetitionService"/>'s.</summary>
public static class FairCompetitionModule
{
    public const string Step = FairCompetitionRules.Step;
    public const string Article = FairCompetitionRules.Article;

    public static IServiceCollection AddFairCompetition(this IServiceCollection services)
    {
        services.AddScoped<FairCompetitionService>();
        return services;
    }

    public static void MapFairCompetition(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}/fair-competition").WithTags("Fair-competition review");
        group.MapGet("/reviews", async (Guid id, FairCompetitionService reviews, CancellationToken ct) => ModuleResults.Answer(await reviews.ListAsync(id, ct)))
            .WithSummary("The matter's fair-competition review conclusions").Produces<List<FairCompetitionView>>();
        group.MapPost("/reviews", async (Guid id, FairCompetitionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                FairCompetitionService reviews, CancellationToken ct) => ModuleResults.Answer(await reviews.RecordAsync(id, request, clientKey, ct)))
            .WithSummary("Drafting unit: the fair-competition review's conclusion (art. 29 item 1)")
            .Produces<FairCompetitionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
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
        return FairCompetitionRules.Completion(review?.Conclusion, FairCompetitionRules.ArticleIn(context.Definition)) is { } refusal ? [refusal] : [];
    }
}

/// <summary>
/// The fair-competition review is required before the legality review when market actors are affected, citing the rule
/// the matter's procedure gives the review (第二十九条第一项 for a major decision, <see cref="FairCompetitionRules.ArticleIn"/>).
/// </summary>
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
        var article = context.Definition is { } definition ? FairCompetitionRules.ArticleIn(definition) : FairCompetitionModule.Article;
        if (!state.Attributes.GetValueOrDefault("affectsMarket"))
        {
            return [new ComplianceItem("fair-competition:review", title, titleEn, article, ComplianceStatus.NotApplicable,
                null, FairCompetitionModule.Step).Because(FairCompetitionTexts.Catalog.Line("compliance.not-market"))];
        }
        var done = state.Tasks.LastOrDefault(t => t.StepId == FairCompetitionModule.Step && t.Status == WorkTaskStatus.Completed);
        var review = done is null ? null : (await db.Set<FairCompetitionReview>().AsNoTracking().Where(r => r.TaskId == done.Id)
            .ToListAsync(cancellationToken)).MaxBy(r => r.JournalSequence);
        return [review is null
            ? new ComplianceItem("fair-competition:review", title, titleEn, article, ComplianceStatus.Pending,
                null, FairCompetitionModule.Step, ["legality-submission", MeetingSteps.CollectiveDecision]).Because(FairCompetitionTexts.Catalog.Line("compliance.pending"))
            : new ComplianceItem("fair-competition:review", title, titleEn, article, ComplianceStatus.Met,
                $"{review.RecordedByName}于{review.RecordedAt:yyyy-MM-dd}记录结论：{review.Conclusion}{(review.Detail is null ? "" : $"（{review.Detail}）")}。",
                FairCompetitionModule.Step, ["legality-submission", MeetingSteps.CollectiveDecision])];
    }
}
