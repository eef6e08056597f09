namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>A role held in one organization.</summary>
public sealed record Membership(string OrganizationId, string Role);

/// <summary>Who issues a command. The engine checks task permissions against <see cref="Memberships"/>.</summary>
public sealed record Actor(string Id, string DisplayName, IReadOnlySet<Membership> Memberships)
{
    /// <summary>The engine itself (timers, automatic steps).</summary>
    public static Actor System { get; } = new("system", "系统 / system", new HashSet<Membership>());

    public bool Holds(string role, string organizationId) => Memberships.Contains(new Membership(organizationId, role));
}
