using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Health;

/// <summary>
/// Whether the database has every migration this build knows, checked once and then remembered: the schema only moves
/// forward (this node's start migrates it; a newer node's migrations are none this build knows), so asking the
/// database again on each <c>/health</c> call would cost a query of <c>__EFMigrationsHistory</c> and the comparison
/// with the assembly's migrations per probe and tell nothing new (issue 21). A restore of an older database while the
/// node runs is seen by the readiness check (<c>/health/ready</c>, Cluster/Readiness), which still checks periodically.
/// </summary>
public sealed class SchemaState
{
    private volatile bool _upToDate;
    private int _checks;

    /// <summary>How many times the pending migrations were asked of the database (for tests and diagnostics).</summary>
    public int Checks => Volatile.Read(ref _checks);

    /// <summary>Said by the start-up once it has migrated the database: then no health call checks again.</summary>
    public void MarkUpToDate() => _upToDate = true;

    /// <summary>The migrations the database lacks: none once known up to date, else asked (and remembered when none).</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(WorkflowDbContext db, CancellationToken ct)
    {
        if (_upToDate)
        {
            return [];
        }
        Interlocked.Increment(ref _checks);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            _upToDate = true;
        }
        return pending;
    }
}
