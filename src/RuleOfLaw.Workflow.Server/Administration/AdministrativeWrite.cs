using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// Every administrative write runs in one serializable transaction that commits only if the answer is a success:
/// a refusal (any 4xx) rolls back whatever the write did so far, so a refused request changes nothing. Serializable
/// because some rules read other rows (the last administrator, the organization tree): on SQLite writers take the
/// write lock at the start (BEGIN IMMEDIATE); on PostgreSQL a concurrent write that would break such a rule aborts
/// one transaction (SQLSTATE 40001), which is then run again from the start on what is now stored; SQL Server's
/// serializable range locks make one of two such writers the deadlock victim (error 1205), run again the same way.
/// </summary>
public static class AdministrativeWrite
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Runs <paramref name="write"/> (again on a serialization failure). What it hands to its <c>afterCommit</c>
    /// argument (the log line of the change) runs only once the change is committed.
    /// </summary>
    public static async Task<IResult> RunAsync(WorkflowDbContext db, Func<Action<Action>, Task<IResult>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var afterCommit = new List<Action>();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            try
            {
                var result = await write(afterCommit.Add);
                if (result is IStatusCodeHttpResult { StatusCode: >= 400 })
                {
                    await transaction.RollbackAsync(ct);
                    return result;
                }
                await transaction.CommitAsync(ct);
                afterCommit.ForEach(action => action());
                return result;
            }
            catch (Exception e) when (IsSerializationFailure(e))
            {
                // Disposing the transaction rolls it back; an explicit rollback would throw if the failure was the
                // commit itself (Npgsql then considers the transaction completed).
                if (attempt == MaxAttempts)
                {
                    return ApiProblem.Refused(ProblemTexts.Catalog.Conflict("concurrent-modification"));
                }
            }
        }
    }

    /// <summary>
    /// PostgreSQL's serialization failure or deadlock, or SQL Server's deadlock victim (1205) or snapshot update
    /// conflict (3960), wherever EF reports it (query, save or commit). SqlClient leaves SqlState empty, hence the number.
    /// </summary>
    public static bool IsSerializationFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { SqlState: "40001" or "40P01" } or SqlException { Number: 1205 or 3960 })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether someone can still administer the whole deployment: an operator membership held by a user who is not
    /// locked out now (on the server's clock, as the token handler sees it). Read inside the write's transaction,
    /// after the change. Administrators of a government need no such guard: an operator can always appoint one.
    /// </summary>
    public static async Task<bool> AnyActiveOperatorAsync(WorkflowDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        // Compared in memory: SQLite cannot compare DateTimeOffset in SQL. Operators are few.
        var operators = await db.Memberships.Where(m => m.Role == Roles.Operator)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.LockoutEnd })
            .ToListAsync(ct);
        return operators.Any(a => a.LockoutEnd is null || a.LockoutEnd <= now);
    }
}
