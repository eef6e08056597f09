using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Input;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Definitions;

public sealed record DefinitionSummary(string Id, int Version, string Title, bool Current, DateTimeOffset InstalledAt, string ContentHash);

public sealed record EdgeView(string From, string To, string Via);

public sealed record DefinitionDetail(ProcedureDefinitionView Definition, IReadOnlyList<EdgeView> Edges);

public sealed record ProcedureDefinitionView(
    string Id, int Version, string Title, string? TitleEn, string LegalBasis, string Start,
    IReadOnlyList<AttributeDefinition> Attributes, IReadOnlyList<StepDefinitionView> Steps, string? ContentHash,
    IReadOnlyList<EventDefinition> Events);

public sealed record StepDefinitionView(
    string Id, StepKind Kind, string Title, string? TitleEn, string? Article, string? Description, string? Role, string? Organization,
    string? When, IReadOnlyList<string> Join, Period? Due, Period? Minimum, Period? Duration, string? Condition,
    IReadOnlyList<string> Otherwise, IReadOnlyList<OutcomeDefinition> Outcomes, IReadOnlyList<string> Next,
    string? Signal, string? CompletedBy, IReadOnlyList<EventDefinition> Events, PartiesDefinition? Parties,
    string? Procedure, IReadOnlyList<string> PassAttributes);

public sealed record ValidationResultView(bool Valid, string? Id, int? Version, int? Steps, IReadOnlyList<DefinitionError> Errors);

public static class DefinitionEndpoints
{
    /// <summary>Uploaded definitions are small text; anything larger is not a definition.</summary>
    public const int MaxDefinitionBytes = 1024 * 1024;

    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions");

        group.MapGet("/", async (DefinitionRegistry registry, WorkflowDbContext db, CancellationToken ct) =>
            (await DefinitionRegistry.ListStoredAsync(db, ct))
                .Select(d => new DefinitionSummary(d.DefinitionId, d.Version, d.Title, registry.Latest(d.DefinitionId)?.Version == d.Version, d.InstalledAt, d.ContentHash))
                .ToList())
            .WithSummary("Every installed procedure version; 'current' marks the one new matters start on").Produces<List<DefinitionSummary>>();

        group.MapGet("/{id}", async (string id, int? version, DefinitionRegistry registry, WorkflowDbContext db, CancellationToken ct) =>
        {
            var wanted = version ?? registry.Latest(id)?.Version;
            if (wanted is null)
            {
                return ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.definition", null, ("id", id)));
            }
            // Only a version that is not stored is "not installed"; a stored one that no longer loads is a failure
            // (logged, 500), not an absence.
            var definition = await registry.FindAsync(id, wanted.Value, db, ct);
            return definition is null
                ? ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.definition-version", null, ("id", id), ("version", wanted)))
                : Results.Ok(Detail(definition));
        }).WithSummary("A procedure definition with its steps and the edges of its step graph").Produces<DefinitionDetail>();

        group.MapPost("/validate", Validate)
            .WithSummary("Validate a definition (the request body is the JSON file) without installing it")
            .Accepts<object>("application/json").Produces<ValidationResultView>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> Validate(HttpRequest request, string? fileName)
    {
        if (request.ContentLength > MaxDefinitionBytes)
        {
            return TooLarge();
        }
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxDefinitionBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted);
        if (read > MaxDefinitionBytes)
        {
            return TooLarge();
        }
        var json = new string(buffer, 0, read);
        // The body is read here, not bound: the input rules are applied to its strings here (a lone surrogate is a 400, not a 500).
        if (InputInspector.FindInJson("", json) is { } refusal)
        {
            return InputProblem.Result(refusal);
        }
        var file = string.IsNullOrWhiteSpace(fileName) ? "(uploaded definition)" : Path.GetFileName(fileName);
        var errors = DefinitionLoader.Check(json, file, ProcedureVocabulary.Instance);
        if (errors.Count > 0)
        {
            return ApiProblem.Refused(ProblemTexts.Catalog.Invalid("invalid-definition", null, ("errors", errors)),
                new Dictionary<string, object?> { ["errors"] = errors });
        }
        var definition = DefinitionLoader.Parse(json, file, ProcedureVocabulary.Instance);
        return Results.Ok(new ValidationResultView(true, definition.Id, definition.Version, definition.Steps.Count, []));
    }

    private static IResult TooLarge() => ApiProblem.Refused(
        ProblemTexts.Catalog.Refuse(RefusalClass.TooLarge, "definition-too-large", null, ("limitKb", MaxDefinitionBytes / 1024)));

    public static DefinitionDetail Detail(ProcedureDefinition d) => new(
        new ProcedureDefinitionView(d.Id, d.Version, d.Title, d.TitleEn, d.LegalBasis, d.Start, d.Attributes,
            d.Steps.Select(s => new StepDefinitionView(s.Id, s.Kind, s.Title, s.TitleEn, s.Article, s.Description, s.Role, s.Organization,
                s.When?.ToString(), s.Join, s.Due, s.Minimum, s.Duration, s.Condition?.ToString(), s.Otherwise, s.Outcomes, s.Next,
                s.Signal, s.CompletedBy, s.Events, s.Parties, s.Procedure, s.PassAttributes)).ToList(),
            d.ContentHash, d.Events),
        d.Steps.SelectMany(s =>
            s.Next.Select(n => new EdgeView(s.Id, n, "next"))
                .Concat(s.Otherwise.Select(n => new EdgeView(s.Id, n, "otherwise")))
                .Concat(s.Outcomes.Where(o => o.Next is not null).SelectMany(o => o.Next!.Select(n => new EdgeView(s.Id, n, o.Id))))
                // A boundary event leads out of its step: the edge is named after its signal.
                .Concat(s.Events.SelectMany(e => e.Next.Select(n => new EdgeView(s.Id, n, $"signal:{e.Signal}")))))
            .Distinct().ToList());
}
