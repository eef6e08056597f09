using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Mail;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>What reminders and escalations need to know about an instance: its jurisdiction's settings and zone, the matter, the step titles, the recipients.</summary>
public sealed class DeadlineContext(
    WorkflowDbContext db, JurisdictionRegistry jurisdictions, DefinitionRegistry definitions, IOptions<WorkflowsOptions> workflows, OutboxWriter outbox)
{
    /// <summary>Current settings of the instance's jurisdiction (notification settings are not part of the snapshot: they change who is told, never a deadline).</summary>
    public DeadlineNotificationSettings Settings(InstanceState state) =>
        jurisdictions.Get(state.Jurisdiction?.Id ?? JurisdictionSettings.DefaultId)?.Deadlines ?? DeadlineNotificationSettings.Default;

    /// <summary>Deadlines are shown and digests timed in the jurisdiction's zone (the server's for instances without a snapshot).</summary>
    public TimeZoneInfo Zone(InstanceState state) => TimeZoneInfo.FindSystemTimeZoneById(state.Jurisdiction?.TimeZone ?? workflows.Value.TimeZone);

    public async Task<MailFacts> FactsAsync(InstanceState state, WorkTask task, CancellationToken ct)
    {
        var matterId = Guid.Parse(state.MatterId);
        // A matter created in the same transaction as its start (a normative document's drafting) is not stored yet.
        var matter = db.Matters.Local.Where(m => m.Id == matterId).Select(m => new { m.Number, m.Title }).SingleOrDefault()
            ?? await db.Matters.AsNoTracking().Where(m => m.Id == matterId).Select(m => new { m.Number, m.Title }).SingleAsync(ct);
        var definition = await definitions.GetAsync(state.DefinitionId, state.DefinitionVersion, db, ct);
        return new MailFacts(matterId, matter.Number, matter.Title, definition.Step(task.StepId).Title, task.DueAt, Zone(state));
    }

    /// <summary>The task's assignees: everyone holding its role in its organization.</summary>
    public Task<List<string>> AssigneesAsync(WorkTask task, CancellationToken ct) => outbox.HoldersAsync(task.Role, task.OrganizationId, ct);

    /// <summary>
    /// The escalation targets of the jurisdiction: <c>task</c> means the task's own organization (its unit head);
    /// any other value is an organization kind under the same government (legality review office, rule-of-law office).
    /// </summary>
    public async Task<List<string>> EscalationRecipientsAsync(WorkTask task, IReadOnlyList<EscalationTarget> targets, CancellationToken ct)
    {
        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Kind, o.ParentId }).ToListAsync(ct);
        var byId = organizations.ToDictionary(o => o.Id);
        var government = task.OrganizationId;
        for (var hops = 0; byId.TryGetValue(government, out var o) && o.Kind != OrganizationKinds.Government && o.ParentId is not null && hops < 32; hops++)
        {
            government = o.ParentId;
        }
        var users = new List<string>();
        foreach (var target in targets)
        {
            var organizationIds = target.Organization == DeadlineNotificationSettings.TaskOrganization
                ? [task.OrganizationId]
                : organizations.Where(o => o.Kind == target.Organization && o.ParentId == government).Select(o => o.Id).ToList();
            foreach (var organizationId in organizationIds)
            {
                users.AddRange(await outbox.HoldersAsync(target.Role, organizationId, ct));
            }
        }
        return users.Distinct().ToList();
    }
}
