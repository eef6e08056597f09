using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>
/// Splits the time of the measured transitions into database phases with EF Core interceptors (the client is
/// sequential, so phases never overlap): connection open/close, commands (to the reader or row count, by kind),
/// transaction begin, savepoints, commit. What is left is EF Core, the engine and serialization in this process.
/// </summary>
public sealed class PhaseProfiler : IDbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly Dictionary<string, (long Ticks, long Count)> _phases = [];
    private long _started;

    public bool Enabled { get; set; }

    public void Reset() => _phases.Clear();

    private void Begin() => _started = Stopwatch.GetTimestamp();

    private void End(string phase)
    {
        if (!Enabled || _started == 0)
        {
            return;
        }
        var elapsed = Stopwatch.GetTimestamp() - _started;
        _started = 0;
        var (ticks, count) = _phases.GetValueOrDefault(phase);
        _phases[phase] = (ticks + elapsed, count + 1);
    }

    private static string Kind(DbCommand command)
    {
        var text = command.CommandText.TrimStart();
        var verb = text[..Math.Max(0, text.IndexOfAny([' ', '\n', '\r']))].ToUpperInvariant();
        return verb switch
        {
            "SELECT" => "SELECT commands",
            // SaveChanges: one command per statement on SQLite, one batch of all of them on PostgreSQL.
            "INSERT" or "UPDATE" => "SaveChanges commands",
            _ => "other commands",
        };
    }

    /// <summary>Mean milliseconds per transition for each phase, then the rest of <paramref name="totalMs"/>.</summary>
    public IReadOnlyList<string> Report(int transitions, double totalMs)
    {
        var lines = new List<string>();
        double sum = 0;
        foreach (var (phase, (ticks, count)) in _phases.OrderByDescending(p => p.Value.Ticks))
        {
            var ms = ticks * 1000.0 / Stopwatch.Frequency;
            sum += ms;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{phase,-22} {ms / transitions,8:F3} ms  ({(double)count / transitions:F1} per transition)"));
        }
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{"rest: EF, engine, JSON",-22} {(totalMs - sum) / transitions,8:F3} ms"));
        return lines;
    }

    // Commands: to the reader (queries and SaveChanges' RETURNING statements) or the row count.
    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Begin(); return result; }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    { Begin(); return ValueTask.FromResult(result); }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    { End(Kind(command)); return result; }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    { End(Kind(command)); return ValueTask.FromResult(result); }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    { Begin(); return result; }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    { Begin(); return ValueTask.FromResult(result); }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    { End(Kind(command)); return result; }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    { End(Kind(command)); return ValueTask.FromResult(result); }

    // Transactions.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    { Begin(); return result; }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    { Begin(); return ValueTask.FromResult(result); }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    { End("BEGIN"); return result; }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    { End("BEGIN"); return ValueTask.FromResult(result); }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    { Begin(); return result; }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    { Begin(); return ValueTask.FromResult(result); }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End("COMMIT");

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    { End("COMMIT"); return Task.CompletedTask; }

    public InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    { Begin(); return result; }

    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    { Begin(); return ValueTask.FromResult(result); }

    public void CreatedSavepoint(DbTransaction transaction, TransactionEventData eventData) => End("SAVEPOINT");

    public Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    { End("SAVEPOINT"); return Task.CompletedTask; }

    public InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    { Begin(); return result; }

    public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    { Begin(); return ValueTask.FromResult(result); }

    public void ReleasedSavepoint(DbTransaction transaction, TransactionEventData eventData) => End("RELEASE SAVEPOINT");

    public Task ReleasedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    { End("RELEASE SAVEPOINT"); return Task.CompletedTask; }

    // Connections (taken from and returned to the driver's pool for every scope).
    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    { Begin(); return result; }

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    { Begin(); return ValueTask.FromResult(result); }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => End("connection open");

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    { End("connection open"); return Task.CompletedTask; }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    { Begin(); return result; }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    { Begin(); return ValueTask.FromResult(result); }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => End("connection close");

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    { End("connection close"); return Task.CompletedTask; }
}
