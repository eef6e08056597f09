using System.ComponentModel.DataAnnotations;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Matters;

/// <summary>A new decision matter. Attributes decide which steps apply (e.g. <c>technical</c> → expert argumentation, art. 19).</summary>
public sealed record CreateMatterRequest(
    [property: Required, MaxLength(200)] string Title,
    [property: MaxLength(4000)] string? Summary,
    [property: MaxLength(64)] string? Category,
    [property: MaxLength(64)] string? DefinitionId,
    [property: MaxLength(64)] string? DraftingUnitId,
    Dictionary<string, bool>? Attributes,
    Dictionary<string, string>? Assignments);

public sealed record MatterView(
    Guid Id, string Number, string Title, string? Summary, string? Category, string DefinitionId,
    string DecisionOrganId, string DraftingUnitId, IReadOnlyDictionary<string, bool> Attributes,
    IReadOnlyDictionary<string, string> Assignments, string CreatedBy, DateTimeOffset CreatedAt,
    Guid? InstanceId, InstanceStatus? InstanceStatus, string JurisdictionId,
    MatterLinkView? Parent = null, IReadOnlyList<MatterLinkView>? Children = null);

public sealed record MatterPage(int Total, int Page, int PageSize, IReadOnlyList<MatterView> Items);
