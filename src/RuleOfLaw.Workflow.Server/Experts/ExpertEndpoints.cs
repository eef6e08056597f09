using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Integrity;

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

/// <summary>
/// The panel: its experts (those removed left out: they count for no rule), the jurisdiction's rules it breaks, and
/// the experts removed from it with the reason (version 6 on; 第二十条).
/// </summary>
public sealed record PanelView(IReadOnlyList<PanelEntryView> Members, IReadOnlyList<string> RuleProblems)
{
    public IReadOnlyList<RemovedPanelEntryView> Removed { get; init; } = [];
}

/// <summary>An expert removed from the panel, with the drafting unit's reason (a recusal, 第二十条).</summary>
public sealed record RemovedPanelEntryView(PanelEntryView Entry, string Reason);

/// <summary>Removing an expert from the panel: the reason is required (第二十条).</summary>
public sealed record RemovePanelMemberRequest(string? Reason);

public sealed record PanelEntryView(PanelMemberView Member, ExpertView Expert, ExpertOpinionView? Opinion, AdoptionView? Adoption);

/// <summary>
/// Expert pool and argumentation (第十九条至第二十一条; see docs/assessments.md): registration and endpoints, each
/// calling <see cref="ExpertService"/> and answering its outcome.
/// </summary>
public static class ExpertEndpoints
{
    public static IServiceCollection AddExperts(this IServiceCollection services)
    {
        services.AddScoped<ExpertService>();
        return services;
    }

    public static void MapExperts(this IEndpointRouteBuilder app)
    {
        var pool = app.MapGroup("/api/experts").WithTags("Experts");
        pool.MapGet("", async (ExpertService experts, CancellationToken ct) => Results.Ok(await experts.PoolAsync(ct)))
            .WithSummary("The expert pool").Produces<List<ExpertView>>();
        pool.MapPost("", async (CreateExpertRequest request, ExpertService experts, CancellationToken ct) =>
                ModuleResults.Answer(await experts.CreateExpertAsync(request, ct)))
            .WithSummary("Legality review office or administrator: add an expert to the pool (art. 21)")
            .Produces<ExpertView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);

        var matter = app.MapGroup("/api/matters/{id:guid}/experts").WithTags("Experts");
        matter.MapGet("", async (Guid id, ExpertService experts, CancellationToken ct) => ModuleResults.Answer(await experts.PanelAsync(id, ct)))
            .WithSummary("The matter's panel, opinions, adoption and the panel rules it breaks").Produces<PanelView>();
        matter.MapPost("/panel", async (Guid id, AddPanelMemberRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                ExpertService experts, CancellationToken ct) => ModuleResults.Answer(await experts.AddMemberAsync(id, request, clientKey, ct)))
            .WithSummary("Drafting unit: choose an expert with their declaration of interests (art. 20)")
            .Produces<PanelMemberView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        matter.MapPost("/panel/{memberId:guid}/removal", async (Guid id, Guid memberId, RemovePanelMemberRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ExpertService experts, CancellationToken ct) =>
                ModuleResults.Answer(await experts.RemoveMemberAsync(id, memberId, request, clientKey, ct)))
            .WithSummary("Drafting unit: remove an expert who has not signed from the panel, with the reason (art. 20; definition version 6 on)")
            .Produces<PanelView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        matter.MapPost("/opinions", async (Guid id, ExpertOpinionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                ExpertService experts, CancellationToken ct) => ModuleResults.Answer(await experts.OpinionAsync(id, request, clientKey, ct)))
            .WithSummary("Panel expert: a written opinion signed by the account (art. 19)")
            .Produces<ExpertOpinionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        matter.MapGet("/opinions/{opinionId:guid}/verify", async (Guid id, Guid opinionId, ExpertService experts, CancellationToken ct) =>
                ModuleResults.Answer(await experts.VerifyAsync(id, opinionId, ct)))
            .WithSummary("Recompute an opinion's signature").Produces<SignatureCheck>();
        matter.MapPost("/opinions/{opinionId:guid}/adoption", async (Guid id, Guid opinionId, AdoptionRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ExpertService experts, CancellationToken ct) =>
                ModuleResults.Answer(await experts.AdoptAsync(id, opinionId, request, clientKey, ct)))
            .WithSummary("Drafting unit: adopted / partly-adopted / not-adopted, reason unless adopted")
            .Produces<AdoptionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
