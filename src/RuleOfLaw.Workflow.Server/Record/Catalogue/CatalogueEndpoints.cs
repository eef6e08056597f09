using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Record.Catalogue;

/// <summary>The annual catalogue's endpoints (第十条第二款): thin, each calls <see cref="CatalogueService"/>.</summary>
public static class CatalogueEndpoints
{
    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/record/catalogues").WithTags("Record");
        group.MapPost("/", async (CreateCatalogueRequest request, CurrentActor current, CatalogueService service, CancellationToken ct) =>
                Answer(await service.CreateAsync(await current.GetAsync(ct), request, ct), StatusCodes.Status201Created))
            .WithSummary("Draft a government's catalogue of major decisions for a year (第十条第二款); the general office, the chief executive")
            .Produces<CatalogueView>(StatusCodes.Status201Created);
        group.MapGet("/{id:guid}", async (Guid id, CurrentActor current, CatalogueService service, CancellationToken ct) =>
                Answer(await service.GetAsync(await current.GetAsync(ct), id, ct)))
            .WithSummary("A catalogue with its items, the matters linked to each, adjustments, and the organ's matters of the year outside the catalogue")
            .Produces<CatalogueView>();
        group.MapPost("/{id:guid}/items", async (Guid id, CatalogueItemRequest request, CurrentActor current, CatalogueService service, CancellationToken ct) =>
                Answer(await service.AddItemAsync(await current.GetAsync(ct), id, request, ct)))
            .WithSummary("Add an item to a draft catalogue: title, drafting unit, planned quarter").Produces<CatalogueView>();
        group.MapPost("/{id:guid}/consent", async (Guid id, CatalogueConsentRequest request, CurrentActor current, CatalogueService service, CancellationToken ct) =>
                Answer(await service.RecordConsentAsync(await current.GetAsync(ct), id, request, ct)))
            .WithSummary("Record the Party committee's consent (经同级党委同意): the day and a note; the catalogue is frozen from then on").Produces<CatalogueView>();
        group.MapPost("/{id:guid}/publish", async (Guid id, CurrentActor current, CatalogueService service, CancellationToken ct) =>
                Answer(await service.PublishAsync(await current.GetAsync(ct), id, ct)))
            .WithSummary("Publish the consented catalogue on the portal (向社会公布)").Produces<CatalogueView>();
        group.MapPost("/{id:guid}/adjustments", async (Guid id, CatalogueAdjustmentRequest request, CurrentActor current, CatalogueService service, CancellationToken ct) =>
                Answer(await service.AdjustAsync(await current.GetAsync(ct), id, request, ct)))
            .WithSummary("Adjust a published catalogue with a reason: add an item or withdraw one; published at once").Produces<CatalogueView>();
        app.MapPost("/api/matters/{id:guid}/catalogue-item", async (Guid id, CatalogueLinkRequest request, CurrentActor current, CatalogueService service, CancellationToken ct) =>
                Answer(await service.LinkAsync(await current.GetAsync(ct), id, request, ct)))
            .WithTags("Record").WithSummary("Link the matter to the catalogue item it carries out").Produces<CatalogueView>();
        app.MapGet("/api/public/catalogues/{organId}/{year:int}", async (string organId, int year, CatalogueService service, CancellationToken ct) =>
                await service.PublishedAsync(organId, year, ct) is { } view ? Results.Ok(view) : ApiProblem.Refused(RecordTexts.Catalog.NotFound("not-found.published-catalogue")))
            .AllowAnonymous().WithTags("Public").WithSummary("A government's published catalogue of major decisions for a year, with its adjustments and their reasons")
            .Produces<CatalogueView>();
    }

    private static IResult Answer((CatalogueView? View, RuleOfLaw.Workflow.Engine.Execution.Refusal? Refusal) answer, int status = StatusCodes.Status200OK) =>
        answer.View is null ? RecordProblems.ToHttp(answer.Refusal!)
        : status == StatusCodes.Status201Created ? Results.Created($"/api/record/catalogues/{answer.View.Id}", answer.View)
        : Results.Ok(answer.View);
}
