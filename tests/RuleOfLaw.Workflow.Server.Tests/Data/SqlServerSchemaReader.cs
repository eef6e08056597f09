using System.Data.Common;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>Reads the actual schema of a SQL Server database from the sys catalog views.</summary>
/// <remarks>
/// <para>sys views rather than INFORMATION_SCHEMA because the latter has no indexes, no identity flag and no index
/// filters. Tables from every schema are read (a table created in the wrong schema shows up as extra), except
/// Microsoft-shipped ones and EF's history table; <c>dbo</c> is the default schema and is left off the name.</para>
/// <para>Has run only where <c>ROLW_TEST_SQLSERVER</c> points at a live server (never on the project's own machines;
/// see docs/configuration.md, "SQL Server").</para>
/// </remarks>
public static class SqlServerSchemaReader
{
    private const string UserTables = "t.is_ms_shipped = 0 AND t.name <> '__EFMigrationsHistory'";

    public static async Task<SchemaSnapshot> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tableRows = await QueryAsync(connection,
            $"""
            SELECT s.name, t.name
            FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id
            WHERE {UserTables}
            ORDER BY 1, 2
            """, cancellationToken);

        // max_length is in bytes (-1 for max); precision/scale matter for decimal and the time types.
        var columnRows = await QueryAsync(connection,
            $"""
            SELECT s.name, t.name, c.name, ty.name, CAST(c.max_length AS int), CAST(c.precision AS int), CAST(c.scale AS int),
                   c.is_nullable, c.is_identity, c.is_computed, CAST(ISNULL(cc.is_persisted, 0) AS bit), OBJECT_DEFINITION(c.default_object_id)
            FROM sys.columns c
            JOIN sys.tables t ON t.object_id = c.object_id
            JOIN sys.schemas s ON s.schema_id = t.schema_id
            JOIN sys.types ty ON ty.user_type_id = c.user_type_id
            LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
            WHERE {UserTables}
            ORDER BY 1, 2, c.column_id
            """, cancellationToken);

        // Primary keys (PK) and unique constraints (UQ), columns in key order.
        var keyRows = await QueryAsync(connection,
            $"""
            SELECT s.name, t.name, kc.name, kc.type, CAST(ic.key_ordinal AS int), c.name
            FROM sys.key_constraints kc
            JOIN sys.tables t ON t.object_id = kc.parent_object_id
            JOIN sys.schemas s ON s.schema_id = t.schema_id
            JOIN sys.index_columns ic ON ic.object_id = kc.parent_object_id AND ic.index_id = kc.unique_index_id AND ic.key_ordinal > 0
            JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE {UserTables}
            ORDER BY 1, 2, 3, 5
            """, cancellationToken);

        // delete_referential_action_desc: NO_ACTION, CASCADE, SET_NULL, SET_DEFAULT (there is no RESTRICT).
        var foreignKeyRows = await QueryAsync(connection,
            $"""
            SELECT s.name, t.name, fk.name, fkc.constraint_column_id, c.name, ps.name, pt.name, pc.name, fk.delete_referential_action_desc
            FROM sys.foreign_keys fk
            JOIN sys.tables t ON t.object_id = fk.parent_object_id
            JOIN sys.schemas s ON s.schema_id = t.schema_id
            JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
            JOIN sys.columns c ON c.object_id = fkc.parent_object_id AND c.column_id = fkc.parent_column_id
            JOIN sys.tables pt ON pt.object_id = fk.referenced_object_id
            JOIN sys.schemas ps ON ps.schema_id = pt.schema_id
            JOIN sys.columns pc ON pc.object_id = fkc.referenced_object_id AND pc.column_id = fkc.referenced_column_id
            WHERE {UserTables}
            ORDER BY 1, 2, 3, 4
            """, cancellationToken);

        var checkRows = await QueryAsync(connection,
            $"""
            SELECT s.name, t.name, ck.name
            FROM sys.check_constraints ck
            JOIN sys.tables t ON t.object_id = ck.parent_object_id
            JOIN sys.schemas s ON s.schema_id = t.schema_id
            WHERE {UserTables}
            ORDER BY 1, 2, 3
            """, cancellationToken);

        // Indexes other than those behind a primary key or unique constraint; key columns only (included columns
        // have key_ordinal 0); type 0 is the heap, not an index.
        var indexRows = await QueryAsync(connection,
            $"""
            SELECT s.name, t.name, i.name, i.is_unique, i.filter_definition, CAST(ic.key_ordinal AS int), c.name, ic.is_descending_key
            FROM sys.indexes i
            JOIN sys.tables t ON t.object_id = i.object_id
            JOIN sys.schemas s ON s.schema_id = t.schema_id
            JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
            JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE {UserTables} AND i.type > 0 AND i.is_primary_key = 0 AND i.is_unique_constraint = 0 AND i.is_hypothetical = 0
            ORDER BY 1, 2, 3, 6
            """, cancellationToken);

        var tables = new List<TableSnapshot>();
        foreach (var tableRow in tableRows)
        {
            var schema = (string)tableRow[0]!;
            var table = (string)tableRow[1]!;
            bool Of(object?[] r) => (string)r[0]! == schema && (string)r[1]! == table;

            var columns = columnRows.Where(Of).Select(r =>
            {
                var generation = ((bool)r[8]!, (bool)r[9]!, (bool)r[10]!) switch
                {
                    (true, _, _) => ValueGeneration.Identity,
                    (_, true, true) => ValueGeneration.ComputedStored,
                    (_, true, false) => ValueGeneration.ComputedVirtual,
                    _ => ValueGeneration.None,
                };
                return new ColumnSnapshot(
                    (string)r[2]!,
                    StoreTypes.Normalize(DatabaseProvider.SqlServer, TypeName((string)r[3]!, (int)r[4]!, (int)r[5]!, (int)r[6]!)),
                    (bool)r[7]!,
                    generation,
                    (string?)r[11]);
            }).ToList();

            var keys = keyRows.Where(Of).GroupBy(r => ((string)r[2]!, ((string)r[3]!).Trim())).ToList();
            var primaryKey = keys.Where(g => g.Key.Item2 == "PK")
                .Select(g => new KeySnapshot(g.Key.Item1, [.. g.Select(r => (string)r[5]!)])).SingleOrDefault();
            var uniqueConstraints = keys.Where(g => g.Key.Item2 == "UQ")
                .Select(g => new KeySnapshot(g.Key.Item1, [.. g.Select(r => (string)r[5]!)])).ToList();

            var foreignKeys = foreignKeyRows.Where(Of).GroupBy(r => (string)r[2]!).Select(g =>
            {
                var first = g.First();
                var principalSchema = (string)first[5]!;
                var principal = (string)first[6]!;
                return new ForeignKeySnapshot(
                    g.Key,
                    [.. g.Select(r => (string)r[4]!)],
                    principalSchema == "dbo" ? principal : $"{principalSchema}.{principal}",
                    [.. g.Select(r => (string)r[7]!)],
                    ((string)first[8]!).Replace('_', ' '));
            }).ToList();

            var indexes = indexRows.Where(Of).GroupBy(r => (string)r[2]!).Select(g =>
            {
                var first = g.First();
                return new IndexSnapshot(
                    g.Key,
                    [.. g.Select(r => (string)r[6]!)],
                    (bool)first[3]!,
                    [.. g.Select(r => (bool)r[7]!)],
                    (string?)first[4]);
            }).ToList();

            var checks = checkRows.Where(Of).Select(r => (string)r[2]!).ToList();

            tables.Add(new TableSnapshot(
                schema == "dbo" ? table : $"{schema}.{table}", columns, primaryKey, uniqueConstraints, indexes, foreignKeys, checks));
        }
        return new SchemaSnapshot(tables);
    }

    /// <summary>The type as EF spells it: a length in characters for the n-types, <c>max</c> for -1, precision/scale where declared.</summary>
    internal static string TypeName(string name, int maxLength, int precision, int scale)
    {
        string Length(int divisor) => maxLength == -1 ? "max" : (maxLength / divisor).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name switch
        {
            "nvarchar" or "nchar" => $"{name}({Length(2)})",
            "varchar" or "char" or "varbinary" or "binary" => $"{name}({Length(1)})",
            "decimal" or "numeric" => $"{name}({precision},{scale})",
            "datetimeoffset" or "datetime2" or "time" => scale == 7 ? name : $"{name}({scale})",
            _ => name,
        };
    }

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
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
}
