using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Record.Indicators;

/// <summary>
/// Runs the indicators' aggregate SQL. Plain SQL, not LINQ, because EF Core's SQLite provider refuses to compare
/// <see cref="DateTimeOffset"/> columns (docs/architecture.md, SQLite specifics) and the year is a range of instants.
/// The SQL is written once for all providers: double-quoted identifiers, standard CASE / EXISTS / CTEs, parameters
/// named <c>@p0…</c>. On SQLite a <see cref="DateTimeOffset"/> is stored as text <c>yyyy-MM-dd HH:mm:ss.FFFFFFF+00:00</c>;
/// every instant the server writes is UTC (TimeProvider.GetUtcNow), so text order is time order and the UTC bounds
/// compare correctly.
/// </summary>
public static class RecordSql
{
    public static async Task<List<T>> QueryAsync<T>(
        WorkflowDbContext db, string sql, IReadOnlyList<object> parameters, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = false;
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
            opened = true;
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                parameter.Value = parameters[i] switch
                {
                    DateTimeOffset at => at.ToUniversalTime(),
                    var other => other,
                };
                command.Parameters.Add(parameter);
            }
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(read(reader));
            }
            return rows;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>An integer column however the provider returns it (SQLite Int64, PostgreSQL bigint, SQL Server bigint or int).</summary>
    public static long Long(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A GUID column: a uuid on PostgreSQL, text on SQLite.</summary>
    public static Guid Guid(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        Guid g => g,
        string s => System.Guid.Parse(s),
        byte[] b => new Guid(b),
        var other => throw new InvalidCastException($"not a GUID: {other.GetType()}"),
    };
}
