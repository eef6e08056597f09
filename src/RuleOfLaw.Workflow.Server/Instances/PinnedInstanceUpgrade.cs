using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// A version step that changes no step of the procedure but moves law from server code into the definition, so the
/// instances pinned to the older version are moved to the newer one when it is installed.
/// </summary>
public sealed record DeclaredUpgrade(string DefinitionId, int From, int To, string Reason);

/// <summary>
/// Runs at start-up, after the definitions are installed: every running or suspended instance pinned to a
/// <see cref="DeclaredUpgrade.From"/> version is moved to <see cref="DeclaredUpgrade.To"/> through the engine's
/// <see cref="WorkflowCommand.Migrate"/> with the identity mapping — planned first (<see cref="WorkflowEngine.PlanMigration"/>),
/// then applied through <see cref="InstanceCommandService"/> (version-checked, journaled <c>InstanceMigrated</c> in the
/// instance's own chain, by the system, with the upgrade's reason). An instance whose plan does not validate is not
/// touched; it is logged and keeps its version, and the period rules it lacks are taken from the newest version
/// (<see cref="Procedure.RequestedDateRules"/>). Idempotent: a moved instance is no longer on the old version, and the
/// command key is derived from instance and versions.
/// </summary>
public sealed partial class PinnedInstanceUpgrade(
    WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, ILogger<PinnedInstanceUpgrade> logger)
{
    /// <summary>Version 4 of the major-decision procedure states arts. 15 and 26 as period rules; its steps are version 3's.</summary>
    public static readonly IReadOnlyList<DeclaredUpgrade> Declared =
    [
        new("major-administrative-decision", 3, 4, "version 4 expresses 第十五条/第二十六条 in the definition; no step changes"),
    ];

    private static readonly string[] Open = [nameof(InstanceStatus.Running), nameof(InstanceStatus.Suspended)];

    public async Task<(int Moved, int Refused)> RunAsync(CancellationToken ct)
    {
        var (moved, refused) = (0, 0);
        foreach (var upgrade in Declared)
        {
            if (registry.Latest(upgrade.DefinitionId) is not { } latest || latest.Version < upgrade.To)
            {
                continue;
            }
            // Ordered in memory: SQLite cannot order by DateTimeOffset.
            var pinned = (await db.Instances.AsNoTracking()
                .Where(i => i.DefinitionId == upgrade.DefinitionId && i.DefinitionVersion == upgrade.From && Open.Contains(i.Status))
                .Select(i => new { i.Id, i.StartedAt, i.StateJson }).ToListAsync(ct)).OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToList();
            if (pinned.Count == 0)
            {
                continue;
            }
            var from = await registry.GetAsync(upgrade.DefinitionId, upgrade.From, db, ct);
            var to = await registry.GetAsync(upgrade.DefinitionId, upgrade.To, db, ct);
            foreach (var instance in pinned)
            {
                var plan = WorkflowEngine.PlanMigration(from, to, InstanceStateJson.Deserialize(instance.StateJson), new Dictionary<string, string>());
                if (!plan.Valid)
                {
                    refused++;
                    LogPlanRefused(logger, instance.Id, upgrade.DefinitionId, upgrade.From, upgrade.To, string.Join("; ", plan.Problems.Select(p => $"{p.Code}: {p.Message}")));
                    continue;
                }
                var key = new IdempotencyKey($"system:upgrade:{instance.Id:N}:{upgrade.From}-{upgrade.To}", $"{upgrade.DefinitionId}@{upgrade.From}->{upgrade.To}");
                var result = await commands.ExecuteAsync(key, instance.Id, new WorkflowCommand.Migrate(to, new Dictionary<string, string>(), upgrade.Reason),
                    Actor.System, StatusCodes.Status200OK, ct);
                if (result.Refusals.Count > 0)
                {
                    refused++;
                    LogPlanRefused(logger, instance.Id, upgrade.DefinitionId, upgrade.From, upgrade.To, string.Join("; ", result.Refusals.Select(r => $"{r.Code}: {r.Message}")));
                    continue;
                }
                moved++;
            }
            LogUpgraded(logger, moved, upgrade.DefinitionId, upgrade.From, upgrade.To);
        }
        return (moved, refused);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} instance(s) of {DefinitionId} from version {From} to {To} (declared upgrade)")]
    private static partial void LogUpgraded(ILogger logger, int count, string definitionId, int from, int to);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Instance {InstanceId} stays on {DefinitionId} version {From}: its move to version {To} is refused ({Problems}); the newest version's period rules apply to it")]
    private static partial void LogPlanRefused(ILogger logger, Guid instanceId, string definitionId, int from, int to, string problems);
}
