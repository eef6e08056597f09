using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Matters;

/// <summary>Who may see and act on a matter, from the organizations assigned to it.</summary>
public static class MatterAccess
{
    public static Dictionary<string, string> Assignments(Matter matter) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(matter.AssignmentsJson) ?? [];

    /// <summary>Holds the administrator role somewhere or the operator role (the expert pool, kept across governments).</summary>
    public static bool IsAdministrator(Actor actor) => actor.Memberships.Any(m => m.Role is Roles.Administrator or Roles.Operator);

    /// <summary>An operator, or an administrator of the matter's decision organ itself (<see cref="AdministrationScope.ActsFor"/>).</summary>
    public static bool Administers(Matter matter, Actor actor) => AdministrationScope.ActsFor(actor.Memberships, matter.DecisionOrganId);

    /// <summary>Members of any organization that plays a part in the matter, and its administrators.</summary>
    public static bool CanSee(Matter matter, Actor actor)
    {
        var organizations = Assignments(matter).Values.ToHashSet();
        return Administers(matter, actor) || actor.Memberships.Any(m => organizations.Contains(m.OrganizationId));
    }

    /// <summary>The drafting unit's officers and head start and drive the matter (arts. 10-13).</summary>
    public static bool CanDraft(Matter matter, Actor actor) =>
        actor.Holds(Roles.DraftingOfficer, matter.DraftingUnitId) || actor.Holds(Roles.DraftingHead, matter.DraftingUnitId);

    /// <summary>Cancel, suspend, resume: the drafting unit's head, the organ's chief executive (art. 37), its administrators.</summary>
    public static bool CanControl(Matter matter, Actor actor) =>
        actor.Holds(Roles.DraftingHead, matter.DraftingUnitId) || actor.Holds(Roles.ChiefExecutive, matter.DecisionOrganId) || Administers(matter, actor);
}
