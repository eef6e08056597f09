using System.Text.RegularExpressions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// The rules that keep the organization tree usable for assigning matters (see Matters/AssignmentResolver): a
/// government is top-level or under another government; every other organization has a government above it (its
/// decision organ); no organization is its own ancestor.
/// </summary>
public static partial class OrganizationHierarchy
{
    public const int MaxIdLength = WorkflowDbContext.IdLength;

    /// <summary>The kinds an organization may have: government, department, and the scopes an organization serves as.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [OrganizationKinds.Government, OrganizationKinds.Department, .. OrganizationScopes.All.Select(s => s.Id).Where(OrganizationKinds.IsValid)];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabCase();

    /// <summary>Lower-case letters and digits in words joined by single hyphens (<c>demo-county-drc</c>), at most 64 characters.</summary>
    public static bool IsValidId(string id) => id.Length is > 0 and <= MaxIdLength && KebabCase().IsMatch(id);

    private static AdministrationTexts T => AdministrationTexts.Catalog;

    private static readonly (string, object?) ParentField = (RequestField.Argument, "parentId");

    /// <summary>
    /// What is wrong with <paramref name="organization"/> where it stands (its kind and parent as they would be), in
    /// <paramref name="all"/>, which holds it as it would be; null if nothing.
    /// </summary>
    public static Refusal? Check(Organization organization, IReadOnlyDictionary<string, Organization> all)
    {
        if (organization.ParentId is { } parentId)
        {
            if (!all.TryGetValue(parentId, out var parent))
            {
                return T.Invalid("unknown-parent", null, ParentField, ("parent", parentId));
            }
            if (SelfAndAncestors(parent, all).Any(a => a.Id == organization.Id))
            {
                return T.Invalid("parent-cycle", null, ParentField, ("parent", parentId), ("organization", organization.Id));
            }
            if (organization.Kind == OrganizationKinds.Government && parent.Kind != OrganizationKinds.Government)
            {
                return T.Invalid("government-under-non-government", null, ParentField,
                    ("organization", organization.Id), ("parent", parentId), ("parentKind", parent.Kind));
            }
        }
        if (organization.Kind != OrganizationKinds.Government && GovernmentAbove(organization, all) is null)
        {
            return T.Invalid("no-government-above", null, ParentField, ("organization", organization.Id));
        }
        return null;
    }

    /// <summary>The organizations below <paramref name="organization"/>, at any depth.</summary>
    public static IEnumerable<Organization> Descendants(Organization organization, IReadOnlyDictionary<string, Organization> all) =>
        all.Values.Where(o => o.Id != organization.Id && o.ParentId is not null && all.TryGetValue(o.ParentId, out var parent)
            && SelfAndAncestors(parent, all).Any(a => a.Id == organization.Id));

    /// <summary>The nearest government above <paramref name="organization"/> (not itself).</summary>
    public static Organization? GovernmentAbove(Organization organization, IReadOnlyDictionary<string, Organization> all) =>
        organization.ParentId is { } parentId && all.TryGetValue(parentId, out var parent)
            ? SelfAndAncestors(parent, all).FirstOrDefault(o => o.Kind == OrganizationKinds.Government)
            : null;

    /// <summary>The organization and its parents up to the top (stops at a cycle or a missing parent).</summary>
    private static IEnumerable<Organization> SelfAndAncestors(Organization organization, IReadOnlyDictionary<string, Organization> all)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (Organization? current = organization; current is not null && seen.Add(current.Id);
             current = current.ParentId is null ? null : all.GetValueOrDefault(current.ParentId))
        {
            yield return current;
        }
    }
}
