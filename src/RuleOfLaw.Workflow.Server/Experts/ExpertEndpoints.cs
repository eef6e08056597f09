using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Experts;

public sealed record CreateExpertRequest(string? Name, string? Field, string? Employer, string? EmployerOrganizationId, bool GovernmentEmployed, string? UserName);

public sealed record ExpertView(Guid Id, string Name, string Field, string Employer, string? EmployerOrganizationId, bool GovernmentEmployed, string? UserId)
{
    public static ExpertView From(Expert e) => new(e.Id, e.Name, e.Field, e.Employer, e.EmployerOrganizationId, e.GovernmentEmployed, e.UserId);
}

/// <summary>Choosing an expert for the matter's panel, with the expert's declaration of interests (第二十条).</summary>
public sealed record AddPanelMemberRequest(Guid ExpertId, bool DirectInterest, string? InterestStatement);

public sealed record PanelMemberView(Guid Id, Guid ExpertId, string InterestStatement, DateTimeOffset AddedAt)
{
    public static PanelMemberView From(ExpertPanelMember m) => new(m.Id, m.ExpertId, m.InterestStatement, m.AddedAt);
}

/// <summary>The expert's written opinion; <paramref name="DeclaresNoDirectInterest"/> is the expert's own declaration.</summary>
public sealed record ExpertOpinionRequest(string? Text, bool DeclaresNoDirectInterest);

public sealed record ExpertOpinionView(Guid Id, Guid ExpertId, string Text, string Signature, string SignedBy, DateTimeOffset SignedAt)
{
    public static ExpertOpinionView From(ExpertOpinion o) => new(o.Id, o.ExpertId, o.Text, o.Signature, o.SignedBy, o.SignedAt);
}

public sealed record AdoptionRequest(string? Adoption, string? Reason);

public sealed record AdoptionView(Guid Id, Guid OpinionId, string Adoption, string? Reason, DateTimeOffset RecordedAt)
{
    public static AdoptionView From(ExpertOpinionAdoption a) => new(a.Id, a.OpinionId, a.Adoption, a.Reason, a.RecordedAt);
}

public sealed record PanelView(IReadOnlyList<PanelEntryView> Members, IReadOnlyList<string> RuleProblems);

public sealed record PanelEntryView(PanelMemberView Member, ExpertView Expert, ExpertOpinionView? Opinion, AdoptionView? Adoption);

/// <summary>Expert pool and argumentation (第十九条至第二十一条); see docs/assessments.md.</summary>
public static class ExpertEndpoints
{
    private const int MaxText = 20_000;
    private static readonly string[] Adoptions = ["adopted", "partly-adopted", "not-adopted"];

    public static IServiceCollection AddExperts(this IServiceCollection services)
    {
        services.AddScoped<IStepCompletionGuard, ExpertArgumentationGuard>();
        services.AddScoped<IComplianceCheck, ExpertCompliance>();
        services.AddScoped<RuleOfLaw.Workflow.Server.Pages.Experts.ExpertPanelReader>();
        // The expert's step page (Pages/Experts/Task): the signed opinion and the completion; the panel page is /matters/{id}/experts.
        services.AddStepPage(ExpertArgumentationGuard.Step, "/Experts/Task");
        return services;
    }

    public static void MapExperts(this IEndpointRouteBuilder app)
    {
        var pool = app.MapGroup("/api/experts").WithTags("Experts");
        pool.MapGet("", async (WorkflowDbContext db, CancellationToken ct) =>
            Results.Ok((await db.Set<Expert>().AsNoTracking().ToListAsync(ct)).OrderBy(e => e.Name, StringComparer.Ordinal).Select(ExpertView.From).ToList()))
            .WithSummary("The expert pool").Produces<List<ExpertView>>();
        pool.MapPost("", CreateExpert).WithSummary("Legality review office or administrator: add an expert to the pool (art. 21)")
            .Produces<ExpertView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);

        var matter = app.MapGroup("/api/matters/{id:guid}/experts").WithTags("Experts");
        matter.MapGet("", GetPanel).WithSummary("The matter's panel, opinions, adoption and the panel rules it breaks").Produces<PanelView>();
        matter.MapPost("/panel", AddMember).WithSummary("Drafting unit: choose an expert with their declaration of interests (art. 20)")
            .Produces<PanelMemberView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        matter.MapPost("/opinions", Opinion).WithSummary("Panel expert: a written opinion signed by the account (art. 19)")
            .Produces<ExpertOpinionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        matter.MapGet("/opinions/{opinionId:guid}/verify", Verify).WithSummary("Recompute an opinion's signature").Produces<SignatureCheck>();
        matter.MapPost("/opinions/{opinionId:guid}/adoption", Adopt).WithSummary("Drafting unit: adopted / partly-adopted / not-adopted, reason unless adopted")
            .Produces<AdoptionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    internal static async Task<IResult> CreateExpert(CreateExpertRequest request, CurrentActor current, WorkflowDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        if (!MatterAccess.IsAdministrator(actor) && !actor.Memberships.Any(m => m.Role == Roles.LegalityReviewer))
        {
            return ApiProblem.Forbidden("专家库由负责合法性审查的部门或管理员维护。The pool is kept by the legality review office or administrators.", "第二十一条");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Field) || string.IsNullOrWhiteSpace(request.Employer)
            || request.Name.Length > 200 || request.Field.Length > 200 || request.Employer.Length > 200)
        {
            return ApiProblem.Validation("invalid-expert", "姓名、专业领域、工作单位必填（各至多200字）。Name, field and employer are required.");
        }
        if (request.EmployerOrganizationId is { } org && !await db.Organizations.AnyAsync(o => o.Id == org, ct))
        {
            return ApiProblem.Validation("unknown-organization", $"没有组织 {org}。No organization {org}.");
        }
        string? userId = null;
        if (request.UserName is { } userName)
        {
            userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleOrDefaultAsync(ct);
            if (userId is null)
            {
                return ApiProblem.Validation("unknown-user", $"没有用户 {userName}。No user {userName}.");
            }
        }
        var expert = new Expert
        {
            Id = Guid.NewGuid(), Name = request.Name.Trim(), Field = request.Field.Trim(), Employer = request.Employer.Trim(),
            EmployerOrganizationId = request.EmployerOrganizationId, GovernmentEmployed = request.GovernmentEmployed, UserId = userId,
            CreatedBy = actor.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(expert);
        await db.SaveChangesAsync(ct);
        return Results.Json(ExpertView.From(expert), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    internal static async Task<IResult> GetPanel(Guid id, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry,
        Jurisdiction.JurisdictionRegistry jurisdictions, CancellationToken ct)
    {
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return problem!;
        }
        var panel = await PanelState.LoadAsync(db, id, ct);
        var settings = jurisdictions.Get(procedure.Matter.JurisdictionId)!;
        return Results.Ok(new PanelView(
            [.. panel.Members.Select(m => new PanelEntryView(PanelMemberView.From(m.Member), ExpertView.From(m.Expert),
                m.Opinion is null ? null : ExpertOpinionView.From(m.Opinion), m.Adoption is null ? null : AdoptionView.From(m.Adoption)))],
            panel.RuleProblems(settings.ExpertPanel, settings.Name)));
    }

    internal static async Task<IResult> AddMember(
        Guid id, AddPanelMemberRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        if (string.IsNullOrWhiteSpace(request.InterestStatement) || request.InterestStatement.Length > MaxText)
        {
            return ApiProblem.Validation("interest-declaration-required",
                "须附专家的利害关系声明（interestStatement）。The expert's declaration of interests is required.", article: "第二十条");
        }
        if (!MatterAccess.CanDraft(procedure.Matter, actor))
        {
            return ApiProblem.Forbidden("论证专家由决策承办单位选择。The drafting unit chooses the experts.", "第十九条");
        }
        var task = procedure.OpenTask(ExpertArgumentationGuard.Step);
        if (task is null)
        {
            return ModuleWrites.StepNotOpen(procedure.Definition, ExpertArgumentationGuard.Step);
        }
        var expert = await db.Set<Expert>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.ExpertId, ct);
        if (expert is null)
        {
            return ApiProblem.NotFound("专家库中没有这位专家。No such expert in the pool.");
        }
        // 第二十条: experts must be neutral; one with a direct interest, or employed by the drafting unit itself, is refused.
        if (request.DirectInterest)
        {
            return ApiProblem.Refused([new Refusal("expert-direct-interest",
                $"专家{expert.Name}声明与决策事项有直接利害关系，应当回避，不得参加论证。The expert declared a direct interest in the matter and must stand aside.", "第二十条")]);
        }
        if (expert.EmployerOrganizationId == procedure.Matter.DraftingUnitId)
        {
            return ApiProblem.Refused([new Refusal("expert-employed-by-drafting-unit",
                $"专家{expert.Name}任职于决策承办单位，不具备中立性，不得参加论证。The expert is employed by the drafting unit and is not neutral.", "第二十条")]);
        }
        if (await db.Set<ExpertPanelMember>().AnyAsync(m => m.MatterId == id && m.ExpertId == expert.Id, ct))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "expert-already-on-panel", "操作被拒绝 / The action was refused",
                $"专家{expert.Name}已在本事项的论证专家组中。The expert is already on the panel.");
        }
        var key = ModuleWrites.Key(actor, clientKey, $"expert-panel:{id}:{expert.Id}", $"POST /api/matters/{id}/experts/panel", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new ExpertPanelMember
        {
            Id = rowId, MatterId = id, InstanceId = procedure.Record.Id, ExpertId = expert.Id, InterestStatement = request.InterestStatement,
            AddedBy = actor.Id, AddedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleWrites.RecordAsync(commands, db, key, procedure, actor, "ExpertChosen", ExpertArgumentationGuard.Step, null,
            new { memberId = rowId, expertId = expert.Id, expert.Name, expert.Field, expert.Employer, expert.GovernmentEmployed, directInterest = false, request.InterestStatement },
            row, rowId, m => PanelMemberView.From(m), ct);
    }

    internal static async Task<IResult> Opinion(
        Guid id, ExpertOpinionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock, OpinionSignatures signatures, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxText)
        {
            return ApiProblem.Validation("invalid-opinion", "书面论证意见必填（至多20000字）。The written opinion is required.");
        }
        var member = await (from m in db.Set<ExpertPanelMember>().AsNoTracking()
                            join e in db.Set<Expert>().AsNoTracking() on m.ExpertId equals e.Id
                            where m.MatterId == id && e.UserId == actor.Id
                            select e).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            return ApiProblem.Forbidden("只有本事项论证专家组的专家可以以本人账号署名提交论证意见。Only a panel expert signs an opinion with their own account.", "第十九条");
        }
        if (!request.DeclaresNoDirectInterest)
        {
            return ApiProblem.Refused([new Refusal("expert-direct-interest",
                "专家须声明与决策事项无直接利害关系；有直接利害关系的应当回避。The expert must declare no direct interest; an interested expert stands aside.", "第二十条")]);
        }
        var task = procedure.OpenTask(ExpertArgumentationGuard.Step);
        if (task is null)
        {
            return ModuleWrites.StepNotOpen(procedure.Definition, ExpertArgumentationGuard.Step);
        }
        var key = ModuleWrites.Key(actor, clientKey, $"expert-opinion:{id}", $"POST /api/matters/{id}/experts/opinions", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var at = ModuleWrites.Millis(clock.GetUtcNow());
        var signed = await signatures.SignAsync(actor.Id,
            OpinionSignatures.Message("expert-opinion", rowId, id, member.Id.ToString("D"), actor.Id, at, request.Text), ct);
        var row = new ExpertOpinion
        {
            Id = rowId, MatterId = id, InstanceId = procedure.Record.Id, ExpertId = member.Id, Text = request.Text,
            Signature = signed.Signature, SignatureAlgorithm = signed.Algorithm, SignerKeyId = signed.KeyId, SignedBy = actor.Id, SignedAt = at,
        };
        return await ModuleWrites.RecordAsync(commands, db, key, procedure, actor, "ExpertOpinionSigned", ExpertArgumentationGuard.Step, null,
            new
            {
                opinionId = rowId, expertId = member.Id, textSha256 = ModuleWrites.Sha256(request.Text), signature = row.Signature, signedAt = at, signedBy = actor.Id,
                signatureAlgorithm = signed.Algorithm, signerKeyId = signed.KeyId, publicKey = signed.PublicKey,
            },
            row, rowId, o => ExpertOpinionView.From(o), ct);
    }

    internal static async Task<IResult> Verify(Guid id, Guid opinionId, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, OpinionSignatures signatures, CancellationToken ct)
    {
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return problem!;
        }
        var opinion = await db.Set<ExpertOpinion>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == opinionId && o.MatterId == id, ct);
        if (opinion is null)
        {
            return ApiProblem.NotFound("没有这份论证意见。No such opinion.");
        }
        return Results.Ok(await signatures.VerifyAsync(opinion.SignatureAlgorithm, opinion.SignerKeyId, opinion.Signature, opinion.SignedBy, opinion.InstanceId,
            "ExpertOpinionSigned", opinion.Id,
            OpinionSignatures.Message("expert-opinion", opinion.Id, opinion.MatterId, opinion.ExpertId.ToString("D"), opinion.SignedBy, opinion.SignedAt, opinion.Text),
            () => ModuleWrites.Sign(opinion.Text, opinion.SignedAt, opinion.SignedBy), ct));
    }

    internal static async Task<IResult> Adopt(
        Guid id, Guid opinionId, AdoptionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        if (request.Adoption is null || !Adoptions.Contains(request.Adoption) || request.Reason is { Length: > MaxText }
            || (request.Adoption != "adopted" && string.IsNullOrWhiteSpace(request.Reason)))
        {
            return ApiProblem.Validation("invalid-adoption",
                "adoption 应为 adopted、partly-adopted 或 not-adopted；部分采纳或不予采纳须说明理由（reason）。Partly or not adopted requires the reason.");
        }
        if (!MatterAccess.CanDraft(procedure.Matter, actor))
        {
            return ApiProblem.Forbidden("专家论证意见的采纳情况由决策承办单位记录。The drafting unit records how opinions were used.", "第二十九条");
        }
        if (!await db.Set<ExpertOpinion>().AnyAsync(o => o.Id == opinionId && o.MatterId == id, ct))
        {
            return ApiProblem.NotFound("没有这份论证意见。No such opinion.");
        }
        var key = ModuleWrites.Key(actor, clientKey, $"expert-adoption:{opinionId}", $"POST /api/matters/{id}/experts/opinions/{opinionId}/adoption", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new ExpertOpinionAdoption
        {
            Id = rowId, MatterId = id, OpinionId = opinionId, Adoption = request.Adoption, Reason = request.Reason, RecordedBy = actor.Id,
            RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleWrites.RecordAsync(commands, db, key, procedure, actor, "ExpertOpinionAdoption", ExpertArgumentationGuard.Step, null,
            new { adoptionId = rowId, opinionId, request.Adoption, request.Reason }, row, rowId, a => AdoptionView.From(a), ct);
    }
}
