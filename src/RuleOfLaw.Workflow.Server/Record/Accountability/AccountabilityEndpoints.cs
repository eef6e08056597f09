using RuleOfLaw.Workflow.Server.Auth;

namespace RuleOfLaw.Workflow.Server.Record.Accountability;

public static class AccountabilityEndpoints
{
    public static void MapAccountabilityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/record/accountability").WithTags("Record");
        group.MapGet("/matters/{id:guid}", async (Guid id, CurrentActor current, AccountabilityService service, CancellationToken ct) =>
            {
                var (view, refusal) = await service.ForMatterAsync(await current.GetAsync(ct), id, ct);
                return view is not null ? Results.Ok(view) : RecordProblems.ToHttp(refusal!);
            })
            .WithSummary("Who did what on a matter, in order: every person's act with role and organization, the meeting statements, the signed opinions (第三十八条至第四十一条); supervisors only")
            .Produces<MatterAccountability>();
        group.MapGet("/people/{userId}", async (string userId, string organId, CurrentActor current, AccountabilityService service, CancellationToken ct) =>
            {
                var (view, refusal) = await service.ForPersonAsync(await current.GetAsync(ct), organId, userId, ct);
                return view is not null ? Results.Ok(view) : RecordProblems.ToHttp(refusal!);
            })
            .WithSummary("Every matter of the government a person acted in, with role, acts, dates and opinions; supervisors only")
            .Produces<PartyAccountability>();
        group.MapGet("/organizations/{organizationId}", async (string organizationId, string organId, CurrentActor current, AccountabilityService service, CancellationToken ct) =>
            {
                var (view, refusal) = await service.ForOrganizationAsync(await current.GetAsync(ct), organId, organizationId, ct);
                return view is not null ? Results.Ok(view) : RecordProblems.ToHttp(refusal!);
            })
            .WithSummary("Every matter of the government an organization acted in, with its acts; supervisors only")
            .Produces<PartyAccountability>();
    }
}
