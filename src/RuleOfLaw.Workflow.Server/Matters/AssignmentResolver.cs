using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Initiation;
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
    public sealed record Result(Dictionary<string, string> Assignments, string DecisionOrganId, IReadOnlyList<IReaderText> Problems);

    public async Task<Result> ResolveAsync(ProcedureDefinition definition, Organization draftingUnit, IReadOnlyDictionary<string, string>? requested, CancellationToken ct)
    {
        var problems = new List<IReaderText>();
        var organizations = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var organ = Government(draftingUnit, organizations);
        if (organ is null)
        {
            return new Result([], "", [MatterCreationRules.AssignmentProblems.NoGovernment(draftingUnit.Id)]);
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
                problems.Add(MatterCreationRules.AssignmentProblems.Derived(scope));
            }
            else if (!OrganizationScopes.All.Any(s => s.Id == scope))
            {
                problems.Add(MatterCreationRules.AssignmentProblems.UnknownScope(scope));
            }
            else if (!organizations.TryGetValue(organizationId, out var named))
            {
                problems.Add(MatterCreationRules.AssignmentProblems.UnknownOrganization(organizationId));
            }
            else if (Government(named, organizations)?.Id != organ.Id)
            {
                problems.Add(MatterCreationRules.AssignmentProblems.OtherGovernment(organizationId, organ.Id, organ.Name));
            }
            else if (scope != OrganizationScopes.ExecutionUnit && named.Kind != scope)
            {
                problems.Add(MatterCreationRules.AssignmentProblems.WrongKind(organizationId, named.Kind, scope));
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
                    ? MatterCreationRules.AssignmentProblems.NoneOfKind(scope, organ.Id, organ.Name)
                    : MatterCreationRules.AssignmentProblems.SeveralOfKind(scope, organ.Id, organ.Name));
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
