using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// What a failed database write means, read from the provider's error (wherever EF wrapped it). Only a lost race is
/// worth retrying: an optimistic-concurrency miss, a serialization failure or deadlock, a busy SQLite database, or a
/// unique key taken by a concurrent writer (the duplicate the caller's replay check then answers). Everything else (a
/// NOT NULL, foreign-key or check violation; a value the column cannot hold) is a defect or bad input: retrying
/// cannot help and telling the client to retry would hide it.
/// </summary>
public static class DatabaseFailure
{
    /// <summary>A concurrent writer won: deciding again on fresh state (or answering 409, retry) is right.</summary>
    public static bool IsConflict(Exception exception) =>
        exception is DbUpdateConcurrencyException || Chain(exception).Any(e => e switch
        {
            // PostgreSQL: serialization_failure, deadlock_detected.
            DbException { SqlState: "40001" or "40P01" } => true,
            // SQLite: the database is busy or a table locked by another connection.
            SqliteException { SqliteErrorCode: 5 or 6 } => true,
            _ => SqlServerNumber(e) is 1205,
        }) || IsUniqueViolation(exception);

    /// <summary>A unique key (or primary key) already taken: the race on an idempotency key or a deterministic id.</summary>
    public static bool IsUniqueViolation(Exception exception) => Chain(exception).Any(e => e switch
    {
        DbException { SqlState: "23505" } => true,
        // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY.
        SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } => true,
        _ => SqlServerNumber(e) is 2627 or 2601,
    });

    /// <summary>
    /// A value the client sent that the column cannot hold (too long for it; a NUL character, which PostgreSQL text
    /// refuses): the client's input, answered 422 with a precise code; still logged as an error, since the endpoint
    /// should have refused it before the database did.
    /// </summary>
    public static string? InvalidValueCode(Exception exception) => Chain(exception).Select(e => e switch
    {
        DbException { SqlState: "22001" } => "value-too-long",
        DbException { SqlState: "22021" or "22P05" } => "invalid-characters",
        _ => SqlServerNumber(e) is 8152 or 2628 ? "value-too-long" : null,
    }).FirstOrDefault(c => c is not null);

    /// <summary>A short description for the log: the provider's state or code and message, no stack.</summary>
    public static string Describe(Exception exception)
    {
        var inner = Chain(exception).LastOrDefault(e => e is DbException) ?? exception;
        var state = inner switch
        {
            DbException { SqlState: { } s } => s,
            SqliteException sqlite => $"SQLite {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode}",
            _ => inner.GetType().Name,
        };
        return $"{state}: {inner.Message.ReplaceLineEndings(" ")}";
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>SQL Server's error number, read by name so this project need not reference its client.</summary>
    private static int? SqlServerNumber(Exception exception) =>
        exception is DbException && exception.GetType().Name == "SqlException" && exception.GetType().GetProperty("Number")?.GetValue(exception) is int number
            ? number
            : null;
}
