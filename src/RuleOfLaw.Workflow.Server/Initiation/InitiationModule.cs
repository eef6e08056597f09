using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
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

/// <summary>Initiation (第三条、第十条至第十三条): the initiation record, attribute changes, the guard and compliance lines.</summary>
public static class InitiationModule
{
    public const string Step = "initiation";
    private const int MaxText = 4000;

    public static IServiceCollection AddInitiation(this IServiceCollection services)
    {
        services.AddScoped<IStepCompletionGuard, InitiationGuard>();
        services.AddScoped<IComplianceCheck, InitiationCompliance>();
        services.AddStepPage(Step, "/Initiation/Task");
        return services;
    }

    public static void MapInitiation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}").WithTags("Initiation");
        group.MapGet("/initiation", async (Guid id, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, CancellationToken ct) =>
        {
            var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, await current.GetAsync(ct), ct);
            if (procedure is null)
            {
                return problem!;
            }
            var latest = await Latest(db, id, ct);
            return latest is null ? ApiProblem.NotFound("尚未登记决策启动情况。No initiation record yet.") : Results.Ok(InitiationView.From(latest));
        }).WithSummary("The latest initiation record").Produces<InitiationView>();
        group.MapPost("/initiation", Record)
            .WithSummary("Drafting unit: proposal source, annual catalogue entry, legal ground if not disclosable, reason if urgent (arts. 10-15)")
            .Produces<InitiationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/attributes", ChangeAttributes)
            .WithSummary("Drafting unit: change the matter's attributes with a reason; journaled, and the gates are re-evaluated")
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The latest record (by journal sequence).</summary>
    public static async Task<MatterInitiation?> Latest(WorkflowDbContext db, Guid matterId, CancellationToken ct) =>
        (await db.Set<MatterInitiation>().AsNoTracking().Where(i => i.MatterId == matterId).ToListAsync(ct)).MaxBy(i => i.JournalSequence);

    internal static async Task<IResult> Record(
        Guid id, InitiationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        var errors = new Dictionary<string, string[]>();
        if (request.ProposalSource is null || !MatterInitiation.ProposalSources.Contains(request.ProposalSource))
        {
            errors["proposalSource"] = [$"应为 {string.Join(" / ", MatterInitiation.ProposalSources)}（第十条）。"];
        }
        if (request.InCatalogue && (request.CatalogueYear is not (>= 2000 and <= 2100) || string.IsNullOrWhiteSpace(request.CatalogueItem)))
        {
            errors["catalogue"] = ["列入决策事项目录的，须写明目录年度（catalogueYear）和目录事项（catalogueItem）。An entry needs the catalogue year and item."];
        }
        var attributes = procedure.State.Attributes;
        if (attributes.GetValueOrDefault("notDisclosable") && string.IsNullOrWhiteSpace(request.NotDisclosableGround))
        {
            errors["notDisclosableGround"] = ["依法不予公开的，须写明法律依据（第十四条、第三十二条）。The legal ground is required."];
        }
        if (attributes.GetValueOrDefault("urgent") && string.IsNullOrWhiteSpace(request.UrgentReason))
        {
            errors["urgentReason"] = ["情况紧急的，须说明理由（第十五条）。The reason for urgency is required."];
        }
        string?[] texts = [request.ProposalDetail, request.CatalogueItem, request.NotDisclosableGround, request.UrgentReason];
        if (texts.Any(t => t is { Length: > MaxText }))
        {
            errors["text"] = ["每项说明至多4000字。At most 4000 characters each."];
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation("invalid-initiation", "决策启动登记不完整（第十条至第十五条）。The initiation record is incomplete.", errors);
        }
        if (!MatterAccess.CanDraft(procedure.Matter, actor))
        {
            return ApiProblem.Forbidden("决策启动情况由决策承办单位登记。The drafting unit records the initiation.", "第十条");
        }
        var key = ModuleWrites.Key(actor, clientKey, $"initiation:{id}", $"POST /api/matters/{id}/initiation", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new MatterInitiation
        {
            Id = rowId, MatterId = id, InstanceId = procedure.Record.Id, ProposalSource = request.ProposalSource!, ProposalDetail = request.ProposalDetail,
            InCatalogue = request.InCatalogue, CatalogueYear = request.InCatalogue ? request.CatalogueYear : null, CatalogueItem = request.InCatalogue ? request.CatalogueItem : null,
            NotDisclosableGround = request.NotDisclosableGround, UrgentReason = request.UrgentReason, RecordedBy = actor.Id,
            RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleWrites.RecordAsync(commands, db, key, procedure, actor, "InitiationRecorded", Step, null, request, row, rowId, i => InitiationView.From(i), ct);
    }

    internal static async Task<IResult> ChangeAttributes(
        Guid id, ChangeAttributesRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        if (request.Attributes is not { Count: > 0 } || string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxText)
        {
            return ApiProblem.Validation("invalid-attribute-change", "须给出要变更的属性（attributes）和理由（reason）。Attributes and a reason are required.");
        }
        if (!MatterAccess.CanDraft(procedure.Matter, actor))
        {
            return ApiProblem.Forbidden("事项属性由决策承办单位变更。The drafting unit changes the attributes.", "第十条");
        }
        var key = ModuleWrites.Key(actor, clientKey, $"attributes:{id}", $"POST /api/matters/{id}/attributes", request);
        var result = await commands.ExecuteAsync(key, procedure.Record.Id, new WorkflowCommand.ChangeAttributes(request.Attributes, request.Reason), actor,
            StatusCodes.Status200OK, ct, async (decision, token) =>
            {
                // The matter shows the same attributes as its procedure (same transaction).
                var matter = await db.Matters.SingleAsync(m => m.Id == id, token);
                matter.AttributesJson = JsonSerializer.Serialize(decision.State!.Attributes);
            });
        return result.ToHttp(ApiProblem.Refused);
    }
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
        if (!attributes.GetValueOrDefault("notDisclosable") && !attributes.GetValueOrDefault("urgent"))
        {
            return [];
        }
        var record = await InitiationModule.Latest(db, context.MatterId, cancellationToken);
        var refusals = new List<Refusal>();
        if (attributes.GetValueOrDefault("notDisclosable") && string.IsNullOrWhiteSpace(record?.NotDisclosableGround)
            && string.IsNullOrWhiteSpace(ModuleWrites.DataProperty(context.DataJson, "notDisclosableGround")?.ToString()))
        {
            refusals.Add(new Refusal("not-disclosable-ground-required",
                "决策事项依法不予公开的，须登记法律依据（notDisclosableGround）。A not-disclosable matter needs its legal ground on record.", "第十四条、第三十二条"));
        }
        if (attributes.GetValueOrDefault("urgent") && string.IsNullOrWhiteSpace(record?.UrgentReason)
            && string.IsNullOrWhiteSpace(ModuleWrites.DataProperty(context.DataJson, "urgentReason")?.ToString()))
        {
            refusals.Add(new Refusal("urgent-reason-required",
                "情况紧急的，须登记理由（urgentReason）。An urgent matter needs the reason on record.", "第十五条"));
        }
        return refusals;
    }
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
                    "尚未确定事项类别。No category recorded.", step),
            record is null
                ? new ComplianceItem("initiation:record", "决策启动登记（建议来源、决策事项目录）", "Initiation record (proposal source, annual catalogue)", "第十条、第十一条",
                    ComplianceStatus.Pending, "尚未登记。Not recorded.", step)
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
                : new ComplianceItem(code, title, titleEn, article, initiated ? ComplianceStatus.Unmet : ComplianceStatus.Pending, "尚未登记。Not recorded.", InitiationModule.Step);
}
