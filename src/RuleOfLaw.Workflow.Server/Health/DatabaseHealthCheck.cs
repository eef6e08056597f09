using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Health;

/// <summary>
/// Healthy when the database answers (asked on every call) and has no unapplied migrations (asked until known: see
/// <see cref="SchemaState"/>).
/// </summary>
public sealed class DatabaseHealthCheck(WorkflowDbContext db, SchemaState schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
            var pending = await schema.PendingAsync(db, cancellationToken);
            var provider = db.Database.ProviderName?.Split('.').Last();
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{provider}: connected, schema up to date.")
                : HealthCheckResult.Unhealthy($"{provider}: migrations not applied: {string.Join(", ", pending)}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", e);
        }
    }
}
