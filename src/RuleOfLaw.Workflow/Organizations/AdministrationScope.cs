using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Organizations;

/// <summary>
/// What an administrator may administer (issue 16 item 2). An <see cref="Roles.Administrator"/> acts within the subtree
/// of each organization where the role is held (a government's administrator: the government, its departments and
/// offices and the governments under it); an <see cref="Roles.Operator"/> acts everywhere. Nothing else grants
/// administration. Plain data in, decisions out: the server loads the memberships and the organization tree.
/// </summary>
public sealed class AdministrationScope
{
    private readonly HashSet<string> _organizations;

    private AdministrationScope(bool isOperator, HashSet<string> organizations)
    {
        IsOperator = isOperator;
        _organizations = organizations;
    }

    /// <summary>Holds the operator role: every organization, and the deployment-wide functions.</summary>
    public bool IsOperator { get; }

    /// <summary>Administers something: an operator, or an administrator of at least one organization that exists.</summary>
    public bool IsAdministrator => IsOperator || _organizations.Count > 0;

    /// <summary>The organizations administered (for an operator: those named in the tree it was computed from).</summary>
    public IReadOnlySet<string> Organizations => _organizations;

    /// <param name="memberships">the roles the person holds</param>
    /// <param name="parents">every organization's id → its parent's id (null at the top)</param>
    public static AdministrationScope Of(IEnumerable<Membership> memberships, IReadOnlyDictionary<string, string?> parents)
    {
        var held = memberships.ToList();
        var isOperator = held.Any(m => m.Role == Roles.Operator);
        if (isOperator)
        {
            return new AdministrationScope(true, parents.Keys.ToHashSet(StringComparer.Ordinal));
        }
        var roots = held.Where(m => m.Role == Roles.Administrator).Select(m => m.OrganizationId).ToHashSet(StringComparer.Ordinal);
        var covered = parents.Keys.Where(id => SelfAndAncestors(id, parents).Any(roots.Contains)).ToHashSet(StringComparer.Ordinal);
        return new AdministrationScope(false, covered);
    }

    /// <summary>The organization is in the scope.</summary>
    public bool Covers(string? organizationId) => organizationId is not null && (IsOperator || _organizations.Contains(organizationId));

    /// <summary>
    /// A user is seen by an administrator who covers any organization where the user holds a role (so an
    /// administrator sees who works in their government, whoever else they also work for).
    /// </summary>
    public bool MaySee(IEnumerable<Membership> userMemberships) => IsOperator || userMemberships.Any(m => Covers(m.OrganizationId));

    /// <summary>
    /// The account itself (password, lock, unlock) is changed only by whoever covers every role the user holds: a
    /// county administrator cannot reset the password of someone who also works for the city (and could then act for
    /// the city as them). A user with no role, or with the operator role, is the operators'.
    /// </summary>
    public bool MayManageAccount(IReadOnlyCollection<Membership> userMemberships) =>
        IsOperator || (userMemberships.Count > 0 && userMemberships.All(m => m.Role != Roles.Operator && Covers(m.OrganizationId)));

    /// <summary>Giving or taking a role: in a covered organization; the operator role only by an operator.</summary>
    public bool MayAssign(string role, string organizationId) => role == Roles.Operator ? IsOperator : Covers(organizationId);

    /// <summary>A new top-level organization (no parent) only by an operator; otherwise under a covered one.</summary>
    public bool MayPlaceUnder(string? parentId) => parentId is null ? IsOperator : Covers(parentId);

    /// <summary>
    /// The administrator's powers over a government's matters and record (see a matter, suspend or cancel it, read the
    /// record, keep the catalogue and the issuer list): an operator, or an administrator who holds the role in that
    /// government itself. Narrower than the account scope on purpose: an upper government's administrator does not
    /// act in a lower government's matters (the procedure belongs to the decision organ, 《重大行政决策程序暂行条例》第三条).
    /// </summary>
    public static bool ActsFor(IEnumerable<Membership> memberships, string organizationId) =>
        memberships.Any(m => m.Role == Roles.Operator || (m.Role == Roles.Administrator && m.OrganizationId == organizationId));

    private static IEnumerable<string> SelfAndAncestors(string id, IReadOnlyDictionary<string, string?> parents)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? current = id; current is not null && seen.Add(current); current = parents.GetValueOrDefault(current))
        {
            yield return current;
        }
    }
}
