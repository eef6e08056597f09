using System.Data.Common;
using System.Text.RegularExpressions;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>Reads the actual schema of a SQLite database through its pragma table functions.</summary>
/// <remarks>
/// What SQLite does not keep, and so is not compared on SQLite (the PostgreSQL run compares all of it):
/// the names of primary-key and foreign-key constraints (pragma_foreign_key_list has no name; they survive only inside
/// the CREATE TABLE text), the names of UNIQUE constraints (their indexes are sqlite_autoindex_*), and string lengths
/// (EF declares every string as TEXT; see <see cref="StoreTypes"/>).
/// </remarks>
public static partial class SqliteSchemaReader
{
    public static async Task<SchemaSnapshot> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tables = new List<TableSnapshot>();
        // sqlite_% are SQLite's own tables (sqlite_sequence, created by AUTOINCREMENT). __EFMigrationsHistory and
        // __EFMigrationsLock (EF 9+ takes its migration lock with a row in it on SQLite) are EF's bookkeeping.
        var tableRows = await QueryAsync(connection,
            """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
              AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
            ORDER BY name
            """, [], cancellationToken);
        foreach (var tableRow in tableRows)
        {
            var table = (string)tableRow[0]!;
            var sql = (string?)tableRow[1] ?? "";

            // table_xinfo is table_info plus generated columns (hidden = 2 virtual, 3 stored).
            var columnRows = await QueryAsync(connection,
                "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo($table) ORDER BY cid",
                [("$table", table)], cancellationToken);
            var primaryKeyColumns = columnRows.Where(r => Convert.ToInt64(r[4]) > 0)
                .OrderBy(r => Convert.ToInt64(r[4])).Select(r => (string)r[0]!).ToList();
            // AUTOINCREMENT is only legal on a single INTEGER PRIMARY KEY column, and pragma_table_info does not
            // report it; the CREATE TABLE text is the only place it shows.
            var autoincrement = Autoincrement().IsMatch(WithoutQuotedText(sql)) && primaryKeyColumns.Count == 1;
            var columns = columnRows.Select(r =>
            {
                var name = (string)r[0]!;
                var hidden = Convert.ToInt64(r[5]);
                var generation = hidden switch
                {
                    2 => ValueGeneration.ComputedVirtual,
                    3 => ValueGeneration.ComputedStored,
                    _ when autoincrement && name == primaryKeyColumns[0] => ValueGeneration.Autoincrement,
                    _ => ValueGeneration.None,
                };
                return new ColumnSnapshot(
                    name,
                    StoreTypes.Normalize(DatabaseProvider.Sqlite, (string)r[1]!),
                    IsNullable: Convert.ToInt64(r[2]) == 0,
                    generation,
                    generation is ValueGeneration.ComputedStored or ValueGeneration.ComputedVirtual ? null : (string?)r[3]);
            }).ToList();

            var indexes = new List<IndexSnapshot>();
            var uniqueConstraints = new List<KeySnapshot>();
            var indexRows = await QueryAsync(connection,
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list($table) ORDER BY name",
                [("$table", table)], cancellationToken);
            foreach (var indexRow in indexRows)
            {
                var name = (string)indexRow[0]!;
                var origin = (string)indexRow[2]!;
                if (origin == "pk")
                {
                    // The primary key's own index (sqlite_autoindex_* for a non-INTEGER key); the key is compared above.
                    continue;
                }
                // key = 1: the indexed columns, not the rowid SQLite appends. cid -2 is an expression column.
                var keyRows = await QueryAsync(connection,
                    "SELECT name, \"desc\", cid FROM pragma_index_xinfo($index) WHERE key = 1 ORDER BY seqno",
                    [("$index", name)], cancellationToken);
                var keyColumns = keyRows.Select(k => (string?)k[0] ?? "<expression>").ToList();
                if (origin == "u")
                {
                    uniqueConstraints.Add(new KeySnapshot(null, keyColumns));
                    continue;
                }
                string? filter = null;
                if (Convert.ToInt64(indexRow[3]) == 1)
                {
                    var indexSql = await QueryAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $index",
                        [("$index", name)], cancellationToken);
                    filter = (string?)indexSql.Single()[0] ?? "partial";
                }
                indexes.Add(new IndexSnapshot(
                    name, keyColumns, Convert.ToInt64(indexRow[1]) == 1, [.. keyRows.Select(k => Convert.ToInt64(k[1]) == 1)], filter));
            }

            var foreignKeyRows = await QueryAsync(connection,
                "SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($table) ORDER BY id, seq",
                [("$table", table)], cancellationToken);
            var foreignKeys = new List<ForeignKeySnapshot>();
            foreach (var group in foreignKeyRows.GroupBy(r => Convert.ToInt64(r[0])))
            {
                var rows = group.OrderBy(r => Convert.ToInt64(r[1])).ToList();
                var principal = (string)rows[0][2]!;
                var principalColumns = rows.Select(r => (string?)r[4]).ToList();
                if (principalColumns.Any(c => c is null))
                {
                    // REFERENCES t without a column list means t's primary key.
                    var principalKey = await QueryAsync(connection, "SELECT name FROM pragma_table_info($table) WHERE pk > 0 ORDER BY pk",
                        [("$table", principal)], cancellationToken);
                    principalColumns = [.. principalKey.Select(r => (string?)r[0])];
                }
                foreignKeys.Add(new ForeignKeySnapshot(
                    Name: null,
                    [.. rows.Select(r => (string)r[3]!)],
                    principal,
                    [.. principalColumns.Select(c => c!)],
                    ((string)rows[0][5]!).ToUpperInvariant()));
            }

            // SQLite has no catalog of CHECK constraints; EF writes them as CONSTRAINT "name" CHECK (...).
            var checks = CheckConstraint().Matches(sql).Select(m => m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal)).ToList();

            tables.Add(new TableSnapshot(
                table,
                columns,
                primaryKeyColumns.Count > 0 ? new KeySnapshot(null, primaryKeyColumns) : null,
                uniqueConstraints,
                indexes,
                foreignKeys,
                checks));
        }
        return new SchemaSnapshot(tables);
    }

    private static async Task<List<object?[]>> QueryAsync(
        DbConnection connection, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The CREATE TABLE text with quoted identifiers and string literals blanked, so a name cannot match a keyword.</summary>
    private static string WithoutQuotedText(string sql) => QuotedText().Replace(sql, "\"\"");

    [GeneratedRegex(@"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase)]
    private static partial Regex Autoincrement();

    [GeneratedRegex("\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'|`[^`]*`|\\[[^\\]]*\\]")]
    private static partial Regex QuotedText();

    [GeneratedRegex("CONSTRAINT\\s+\"((?:[^\"]|\"\")+)\"\\s+CHECK\\b", RegexOptions.IgnoreCase)]
    private static partial Regex CheckConstraint();
}
