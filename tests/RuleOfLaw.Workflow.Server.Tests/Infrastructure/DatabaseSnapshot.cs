using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// Every row of every table the server's model maps, read with plain SQL on either provider, so a test can prove that
/// a refused request wrote nothing at all (not only that the one table it thought of is unchanged).
/// </summary>
public sealed class DatabaseSnapshot
{
    private readonly Dictionary<string, List<string>> _tables;

    /// <summary>
    /// Rows that workers update on their own (the mail outbox's attempts, the timers' states, the public pages' version
    /// that the cache sync raises about a second after an earlier accepted change): only which rows exist is compared,
    /// so a worker's pass during the request is not taken for the request writing.
    /// </summary>
    private static readonly HashSet<string> MaintainedInBackground = ["OutboxMessage", "ScheduledTimer", "PublicCacheStamp"];

    /// <summary>
    /// Counters of requests, not records: the public-comment rate limit counts every attempt, refused or not (as the
    /// in-memory limiter does on one node), so a refused comment adds to its window by design and writes nothing else.
    /// </summary>
    private static readonly HashSet<string> RequestCounters = ["RateLimitWindow"];

    private DatabaseSnapshot(Dictionary<string, List<string>> tables) => _tables = tables;

    public static Task<DatabaseSnapshot> TakeAsync(ServerFactory server) => server.WithDatabaseAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.GetViewName() is null && !RequestCounters.Contains(t.ClrType.Name))
            .Select(t => (Schema: t.GetSchema(), Name: t.GetTableName()!,
                Columns: MaintainedInBackground.Contains(t.ClrType.Name)
                    ? string.Join(", ", t.FindPrimaryKey()!.Properties.Select(p => $"\"{p.GetColumnName()}\""))
                    : "*"))
            .DistinctBy(t => (t.Schema, t.Name))
            .ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var rows = new Dictionary<string, List<string>>();
            foreach (var (schema, name, columns) in tables)
            {
                var qualified = schema is null ? $"\"{name}\"" : $"\"{schema}\".\"{name}\"";
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {columns} FROM {qualified}";
                await using var reader = await command.ExecuteReaderAsync();
                var list = new List<string>();
                while (await reader.ReadAsync())
                {
                    list.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader, i))));
                }
                list.Sort(StringComparer.Ordinal);
                rows[qualified] = list;
            }
            return new DatabaseSnapshot(rows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    /// <summary>Fails, naming each table whose rows differ, unless <paramref name="after"/> holds exactly the rows of this snapshot.</summary>
    public void AssertUnchanged(DatabaseSnapshot after, string what)
    {
        var changed = _tables.Keys.Union(after._tables.Keys)
            .Where(t => !_tables.GetValueOrDefault(t, []).SequenceEqual(after._tables.GetValueOrDefault(t, [])))
            .Select(t => $"{t}: {_tables.GetValueOrDefault(t, []).Count} → {after._tables.GetValueOrDefault(t, []).Count} rows" +
                string.Concat(after._tables.GetValueOrDefault(t, []).Except(_tables.GetValueOrDefault(t, [])).Take(3).Select(r => $"{Environment.NewLine}  + {r}")))
            .ToList();
        Assert.True(changed.Count == 0, $"{what} wrote to the database:{Environment.NewLine}{string.Join(Environment.NewLine, changed)}");
    }

    private static string Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var value => value.ToString() ?? "",
    };
}

/// <summary>Refusals asserted the way issue 19 asks: the status, the code, the article, and not one row written.</summary>
public static class RefusalAssert
{
    /// <summary>
    /// Sends <paramref name="request"/> (sign the client in before calling: signing in writes) and fails unless the
    /// answer is a problem with <paramref name="status"/>, <paramref name="code"/> as its code (or, for a refused
    /// command, among its refusals) and <paramref name="article"/>, and the database is exactly as before.
    /// </summary>
    public static async Task<ProblemBody> RefusedAsync(this ServerFactory server, Func<Task<HttpResponseMessage>> request,
        HttpStatusCode status, string code, string? article)
    {
        var before = await DatabaseSnapshot.TakeAsync(server);
        using var response = await request();
        var problem = await response.ReadProblemAsync(status);
        var refusals = problem.Json.TryGetProperty("refusals", out var list)
            ? list.EnumerateArray().Select(r => (r.GetProperty("code").GetString(), r.TryGetProperty("article", out var a) ? a.GetString() : null)).ToList()
            : [(problem.Code, problem.Article)];
        Assert.True(refusals.Contains((code, article)), $"expected ({code}, {article ?? "no article"}) in {problem}");
        if (!problem.Json.TryGetProperty("refusals", out _))
        {
            Assert.Equal((code, article), (problem.Code, problem.Article));
        }
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} (refused {code})");
        return problem;
    }
}
