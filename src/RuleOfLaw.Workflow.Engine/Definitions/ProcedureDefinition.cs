namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>A versioned procedure. Running instances stay pinned to the (Id, Version) they started on.</summary>
public sealed record ProcedureDefinition
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public string? TitleEn { get; init; }
    public required string LegalBasis { get; init; }
    public required string Start { get; init; }
    public IReadOnlyList<AttributeDefinition> Attributes { get; init; } = [];
    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    /// <summary>Events heard during the whole instance (e.g. art. 37: suspension of execution at any time).</summary>
    public IReadOnlyList<EventDefinition> Events { get; init; } = [];

    /// <summary>The file it was loaded from, for messages; null when built in code or uploaded.</summary>
    public string? SourceFile { get; init; }

    /// <summary>SHA-256 of the definition's JSON text, so the journal can prove which text an instance ran on.</summary>
    public string? ContentHash { get; init; }

    public StepDefinition Step(string id) =>
        Steps.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"Step '{id}' is not in {Id} v{Version}.");

    /// <summary>The organization scopes the procedure's human tasks use; each must be assigned when an instance starts.</summary>
    public IEnumerable<string> Scopes() =>
        Steps.Where(s => s.Organization is not null).Select(s => s.Organization!)
            .Concat(Steps.Select(s => s.Parties?.Organization).OfType<string>())
            .Concat(Steps.Select(s => s.Parties?.RecorderOrganization).OfType<string>()).Distinct();

    /// <summary>
    /// The scopes a start must assign: those of a human task that runs whenever it is reached (no <c>when</c>). A scope
    /// whose every step is conditional may stay open until such a step activates (then <c>AssignScope</c> opens its task).
    /// </summary>
    public IEnumerable<string> ScopesRequiredAtStart() =>
        Steps.Where(s => s.Organization is not null && s.When is null).Select(s => s.Organization!).Distinct();

    /// <summary>The procedures this one starts as sub-procedures (their ids).</summary>
    public IEnumerable<string> SubProcedures() =>
        Steps.Where(s => s.Procedure is not null).Select(s => s.Procedure!).Distinct();

    /// <summary>The jurisdiction period settings the steps name (<c>"due": { "setting": … }</c>); a start must supply them.</summary>
    public IEnumerable<string> PeriodSettings() =>
        Steps.SelectMany(s => new[] { s.Due, s.Minimum, s.Duration }).Select(p => p?.Setting).OfType<string>().Distinct();
}
