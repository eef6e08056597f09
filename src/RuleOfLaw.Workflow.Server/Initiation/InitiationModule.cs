using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Initiation;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Initiation;

public sealed record InitiationRequest(
    string? ProposalSource, string? ProposalDetail, bool InCatalogue, int? CatalogueYear, string? CatalogueItem, string? NotDisclosableGround, string? UrgentReason);

public sealed record InitiationView(
    Guid Id, string ProposalSource, string? ProposalDetail, bool InCatalogue, int? CatalogueYear, string? CatalogueItem, string? NotDisclosableGround,
    string? UrgentReason, DateTimeOffset RecordedAt)
{
    public static InitiationView From(MatterInitiation i) =>
        new(i.Id, i.ProposalSource, i.ProposalDetail, i.InCatalogue, i.CatalogueYear, i.CatalogueItem, i.NotDisclosableGround, i.UrgentReason, i.RecordedAt);
}

/// <summary>Changing attributes after the start: the new values and why (journaled; the gates are re-evaluated).</summary>
public sealed record ChangeAttributesRequest(Dictionary<string, bool>? Attributes, string? Reason);

/// <summary>Initiation (第三条、第十条至第十五条): registration and endpoints; the rules are <see cref="InitiationRules"/>'s and <see cref="MatterCreationRules"/>'s, the acts <see cref="InitiationService"/>'s and <see cref="MatterCreation"/>'s.</summary>
public static class InitiationModule
{
    public const string Step = InitiationRules.Step;

    public static IServiceCollection AddInitiation(this IServiceCollection services)
    {
        services.AddScoped<InitiationService>();
        services.AddScoped<MatterCreation>();
        return services;
    }

    public static void MapInitiation(this IEndpointRouteBuilder app)
    {
        // Creating the matter; the reads of /api/matters are Matters/MatterEndpoints.
        app.MapGroup("/api/matters").WithTags("Matters").MapPost("/", Create)
            .WithSummary("Create a decision matter (drafting-unit officer or head)")
            .Produces<MatterView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status403Forbidden);

        var group = app.MapGroup("/api/matters/{id:guid}").WithTags("Initiation");
        group.MapGet("/initiation", async (Guid id, InitiationService initiation, CancellationToken ct) => ModuleResults.Answer(await initiation.GetAsync(id, ct)))
            .WithSummary("The latest initiation record").Produces<InitiationView>();
        group.MapPost("/initiation", async (Guid id, InitiationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                InitiationService initiation, CancellationToken ct) => ModuleResults.Answer(await initiation.RecordAsync(id, request, clientKey, ct)))
            .WithSummary("Drafting unit: proposal source, annual catalogue entry, legal ground if not disclosable, reason if urgent (arts. 10-15)")
            .Produces<InitiationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/attributes", async (Guid id, ChangeAttributesRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                InitiationService initiation, CancellationToken ct) => ModuleResults.Stored(await initiation.ChangeAttributesAsync(id, request, clientKey, ct)))
            .WithSummary("Drafting unit: change the matter's attributes with a reason; journaled, and the gates are re-evaluated")
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> Create(
        CreateMatterRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        MatterCreation creation, CancellationToken ct)
    {
        return ModuleResults.Stored(await creation.CreateAsync(request, clientKey, await current.GetAsync(ct), ct));
    }

    /// <summary>The latest record (by journal sequence).</summary>
    public static async Task<MatterInitiation?> Latest(WorkflowDbContext db, Guid matterId, CancellationToken ct) =>
        (await db.Set<MatterInitiation>().AsNoTracking().Where(i => i.MatterId == matterId).ToListAsync(ct)).MaxBy(i => i.JournalSequence);
}

/// <summary>
/// Initiation completes only with the legal ground of a not-disclosable matter (第十四条、第三十二条) and the reason of an
/// urgent one (第十五条) on record (in the initiation record, or in the completion's data under the same names).
/// </summary>
public sealed class InitiationGuard(WorkflowDbContext db) : IStepCompletionGuard
{
    public IReadOnlyCollection<string> Steps { get; } = [InitiationModule.Step];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken)
    {
        var attributes = context.State.Attributes;
        if (!attributes.GetValueOrDefault(InitiationRules.NotDisclosable) && !attributes.GetValueOrDefault(InitiationRules.Urgent))
        {
            return [];
        }
        var record = await InitiationModule.Latest(db, context.MatterId, cancellationToken);
        return InitiationRules.Completion(attributes,
            OnRecord(record?.NotDisclosableGround, context.DataJson, "notDisclosableGround"), OnRecord(record?.UrgentReason, context.DataJson, "urgentReason"));
    }

    /// <summary>The text in the initiation record, else the one in the completion's data under the same name.</summary>
    private static string? OnRecord(string? recorded, string? dataJson, string name) =>
        string.IsNullOrWhiteSpace(recorded) ? ModuleWrites.DataProperty(dataJson, name)?.ToString() : recorded;
}

/// <summary>The initiation's lines in the compliance report.</summary>
public sealed class InitiationCompliance(WorkflowDbContext db) : IComplianceCheck
{
    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        var matter = context.Matter;
        var record = await InitiationModule.Latest(db, matter.Id, cancellationToken);
        var attributes = context.State?.Attributes ?? JsonSerializer.Deserialize<Dictionary<string, bool>>(matter.AttributesJson) ?? [];
        var initiated = context.State?.Steps.GetValueOrDefault(InitiationModule.Step)?.Status == StepStatus.Completed;
        const string step = InitiationModule.Step;
        var items = new List<ComplianceItem>
        {
            matter.Category is { } category && MatterCategories.All.TryGetValue(category, out var kind)
                ? new ComplianceItem("initiation:category", "属于第三条所列重大行政决策事项", "A kind of major decision listed in art. 3", "第三条", ComplianceStatus.Met, kind, step)
                : new ComplianceItem("initiation:category", "属于第三条所列重大行政决策事项", "A kind of major decision listed in art. 3", "第三条", ComplianceStatus.Pending,
                    null, step).Because(InitiationTexts.Catalog.Line("compliance.no-category")),
            record is null
                ? new ComplianceItem("initiation:record", "决策启动登记（建议来源、决策事项目录）", "Initiation record (proposal source, annual catalogue)", "第十条、第十一条",
                    ComplianceStatus.Pending, null, step).Because(InitiationTexts.Catalog.Line("compliance.not-recorded"))
                : new ComplianceItem("initiation:record", "决策启动登记（建议来源、决策事项目录）", "Initiation record (proposal source, annual catalogue)", "第十条、第十一条",
                    ComplianceStatus.Met, $"建议来源：{record.ProposalSource}；{(record.InCatalogue ? $"列入{record.CatalogueYear}年度决策事项目录：{record.CatalogueItem}" : "未列入决策事项目录")}。", step),
            Attribute(attributes, "notDisclosable", record?.NotDisclosableGround, initiated, "initiation:not-disclosable-ground", "依法不予公开的法律依据",
                "Legal ground for not disclosing", "第十四条、第三十二条"),
            Attribute(attributes, "urgent", record?.UrgentReason, initiated, "initiation:urgent-reason", "情况紧急的理由", "Reason for urgency", "第十五条"),
        };
        return items;
    }

    private static ComplianceItem Attribute(IReadOnlyDictionary<string, bool> attributes, string name, string? text, bool initiated, string code, string title, string titleEn, string article) =>
        !attributes.GetValueOrDefault(name)
            ? new ComplianceItem(code, title, titleEn, article, ComplianceStatus.NotApplicable, $"{name}=false。", InitiationModule.Step)
            : !string.IsNullOrWhiteSpace(text)
                ? new ComplianceItem(code, title, titleEn, article, ComplianceStatus.Met, text, InitiationModule.Step)
                : new ComplianceItem(code, title, titleEn, article, initiated ? ComplianceStatus.Unmet : ComplianceStatus.Pending, null, InitiationModule.Step)
                    .Because(InitiationTexts.Catalog.Line("compliance.not-recorded"));
}
