using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Matters;

/// <summary>
/// Decides which organization plays each part in a matter: the drafting unit as given, the decision organ is the
/// government above it, the execution unit defaults to the drafting unit, and every other scope is the organ's
/// organization of that kind, unless the request names one.
/// </summary>
public sealed class AssignmentResolver(WorkflowDbContext db)
{
    public sealed record Result(Dictionary<string, string> Assignments, string DecisionOrganId, IReadOnlyList<string> Problems);

    public async Task<Result> ResolveAsync(ProcedureDefinition definition, Organization draftingUnit, IReadOnlyDictionary<string, string>? requested, CancellationToken ct)
    {
        var problems = new List<string>();
        var organizations = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var organ = Government(draftingUnit, organizations);
        if (organ is null)
        {
            return new Result([], "", [$"承办单位 {draftingUnit.Id} 不属于任何人民政府。The drafting unit belongs to no government."]);
        }
        var assignments = new Dictionary<string, string>
        {
            [OrganizationScopes.DecisionOrgan] = organ.Id,
            [OrganizationScopes.DraftingUnit] = draftingUnit.Id,
            [OrganizationScopes.ExecutionUnit] = draftingUnit.Id,
        };
        foreach (var (scope, organizationId) in requested ?? new Dictionary<string, string>())
        {
            if (scope is OrganizationScopes.DecisionOrgan or OrganizationScopes.DraftingUnit)
            {
                problems.Add($"{scope} 由承办单位确定，不能另行指定。{scope} follows from the drafting unit.");
            }
            else if (!OrganizationScopes.All.Any(s => s.Id == scope))
            {
                problems.Add($"未知的职责 {scope}。Unknown scope {scope}.");
            }
            else if (!organizations.TryGetValue(organizationId, out var named))
            {
                problems.Add($"组织 {organizationId} 不存在。Organization {organizationId} does not exist.");
            }
            else if (Government(named, organizations)?.Id != organ.Id)
            {
                problems.Add($"组织 {organizationId} 不属于{organ.Name}。Organization {organizationId} is not under {organ.Id}.");
            }
            else if (scope != OrganizationScopes.ExecutionUnit && named.Kind != scope)
            {
                // A unit cannot, for instance, name itself its own legality review office: the review must be independent (art. 25).
                problems.Add($"组织 {organizationId} 的类型为 {named.Kind}，不能承担 {scope}。Organization {organizationId} is a {named.Kind}, not a {scope}.");
            }
            else
            {
                assignments[scope] = organizationId;
            }
        }
        var requiredAtStart = definition.ScopesRequiredAtStart().ToHashSet();
        foreach (var scope in definition.Scopes().Where(s => !assignments.ContainsKey(s)))
        {
            var candidates = organizations.Values.Where(o => o.Kind == scope && Government(o, organizations)?.Id == organ.Id).ToList();
            if (candidates.Count == 1)
            {
                assignments[scope] = candidates[0].Id;
            }
            else if (!requiredAtStart.Contains(scope))
            {
                // Every step of this scope is conditional: it stays open until it is needed and is then named by
                // POST /api/instances/{id}/scopes (the engine's late assignment; the step waits for it meanwhile).
            }
            else
            {
                problems.Add(candidates.Count == 0
                    ? $"{organ.Name}下没有类型为 {scope} 的组织，请在 assignments 中指定。No organization of kind {scope} under {organ.Id}; name one in assignments."
                    : $"{organ.Name}下有多个类型为 {scope} 的组织，请在 assignments 中指定。Several organizations of kind {scope}; name one in assignments.");
            }
        }
        return new Result(assignments, organ.Id, problems);
    }

    /// <summary>The government an organization belongs to (itself, or the nearest above it), or null.</summary>
    internal static Organization? Government(Organization organization, IReadOnlyDictionary<string, Organization> all)
    {
        for (Organization? current = organization; current is not null; current = current.ParentId is null ? null : all.GetValueOrDefault(current.ParentId))
        {
            if (current.Kind == OrganizationKinds.Government)
            {
                return current;
            }
        }
        return null;
    }
}
