using System.Data.Common;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>Reads the actual schema of a PostgreSQL database from pg_catalog.</summary>
/// <remarks>
/// pg_catalog rather than information_schema because information_schema cannot express everything compared here:
/// it has no indexes at all, shows only constraints on tables the current role owns, reports a timestamp's precision
/// as 6 whether or not one was declared, and does not give a foreign key's column pairs without a join through
/// unique constraints. Tables from every user schema are read (so a table created in the wrong schema shows up as
/// extra), PostgreSQL's own schemas are not.
/// </remarks>
public static class PostgresSchemaReader
{
    private const string UserTables =
        """
        c.relkind IN ('r', 'p')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
        AND c.relname <> '__EFMigrationsHistory'
        """;

    public static async Task<SchemaSnapshot> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tableRows = await QueryAsync(connection,
            $"""
            SELECT n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {UserTables}
            ORDER BY 1, 2
            """, cancellationToken);

        // format_type gives the canonical type with its modifier, e.g. character varying(200). attidentity: 'd' BY
        // DEFAULT, 'a' ALWAYS; attgenerated 's' stored (PostgreSQL 18 adds 'v' virtual). A serial column is a
        // nextval default on a sequence the column owns (pg_depend 'a'uto dependency of the sequence on the column).
        var columnRows = await QueryAsync(connection,
            $"""
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                   a.attidentity::text, a.attgenerated::text, pg_get_expr(d.adbin, d.adrelid),
                   EXISTS (SELECT 1 FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
                           WHERE dep.refobjid = c.oid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a')
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE {UserTables} AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY 1, 2, a.attnum
            """, cancellationToken);

        // Primary keys, unique constraints, foreign keys and checks, with their columns in key order. For a foreign
        // key, conkey and confkey pair up position by position. confdeltype: a NO ACTION, r RESTRICT, c CASCADE,
        // n SET NULL, d SET DEFAULT. (PostgreSQL 18 also lists NOT NULL as contype 'n'; those are columns here.)
        var constraintRows = await QueryAsync(connection,
            $"""
            SELECT n.nspname, c.relname, con.conname, con.contype::text, k.ord, a.attname,
                   pn.nspname, pc.relname, pa.attname, con.confdeltype::text
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord) ON true
            LEFT JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            LEFT JOIN pg_class pc ON pc.oid = con.confrelid
            LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
            LEFT JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.fattnum
            WHERE {UserTables} AND con.contype IN ('p', 'u', 'f', 'c')
            ORDER BY 1, 2, 3, 5
            """, cancellationToken);

        // Indexes other than those that implement a primary key or unique constraint (those are compared as
        // constraints above). Key columns only (INCLUDE columns come after indnkeyatts); attnum 0 is an expression.
        // indoption bit 1 is DESC; int2vector subscripts start at 0.
        var indexRows = await QueryAsync(connection,
            $"""
            SELECT n.nspname, c.relname, i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid), k.ord, a.attname,
                   (ix.indoption[(k.ord - 1)::int] & 1) = 1
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class c ON c.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
            WHERE {UserTables} AND k.ord <= ix.indnkeyatts
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                              WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u'))
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
                var identity = (string?)r[5];
                var generated = (string?)r[6];
                var ownsSequence = (bool)r[8]!;
                var defaultSql = (string?)r[7];
                var generation = (identity, generated) switch
                {
                    ("d", _) => ValueGeneration.IdentityByDefault,
                    ("a", _) => ValueGeneration.IdentityAlways,
                    (_, "s") => ValueGeneration.ComputedStored,
                    (_, "v") => ValueGeneration.ComputedVirtual,
                    _ when ownsSequence && defaultSql?.StartsWith("nextval(", StringComparison.Ordinal) == true => ValueGeneration.Serial,
                    _ => ValueGeneration.None,
                };
                return new ColumnSnapshot(
                    (string)r[2]!,
                    StoreTypes.Normalize(DatabaseProvider.PostgreSql, (string)r[3]!),
                    (bool)r[4]!,
                    generation,
                    // A computed column's expression and a serial column's nextval live in pg_attrdef too, but they
                    // are the generation, not a default.
                    generation == ValueGeneration.None ? defaultSql : null);
            }).ToList();

            var constraints = constraintRows.Where(Of).GroupBy(r => ((string)r[2]!, (string)r[3]!)).ToList();
            static List<string> KeyColumns(IEnumerable<object?[]> rows) => [.. rows.Select(r => (string?)r[5] ?? "<expression>")];

            var primaryKey = constraints.Where(g => g.Key.Item2 == "p")
                .Select(g => new KeySnapshot(g.Key.Item1, KeyColumns(g))).SingleOrDefault();
            var uniqueConstraints = constraints.Where(g => g.Key.Item2 == "u")
                .Select(g => new KeySnapshot(g.Key.Item1, KeyColumns(g))).ToList();
            var checks = constraints.Where(g => g.Key.Item2 == "c").Select(g => g.Key.Item1).ToList();
            var foreignKeys = constraints.Where(g => g.Key.Item2 == "f").Select(g =>
            {
                var first = g.First();
                var principalSchema = (string)first[6]!;
                var principal = (string)first[7]!;
                return new ForeignKeySnapshot(
                    g.Key.Item1,
                    KeyColumns(g),
                    principalSchema == "public" ? principal : $"{principalSchema}.{principal}",
                    [.. g.Select(r => (string)r[8]!)],
                    (string)first[9]! switch
                    {
                        "a" => "NO ACTION",
                        "r" => "RESTRICT",
                        "c" => "CASCADE",
                        "n" => "SET NULL",
                        "d" => "SET DEFAULT",
                        var other => $"unknown confdeltype '{other}'",
                    });
            }).ToList();

            var indexes = indexRows.Where(Of).GroupBy(r => (string)r[2]!).Select(g =>
            {
                var first = g.First();
                return new IndexSnapshot(
                    g.Key,
                    [.. g.Select(r => (string?)r[6] ?? "<expression>")],
                    (bool)first[3]!,
                    [.. g.Select(r => (bool)r[7]!)],
                    (string?)first[4]);
            }).ToList();

            tables.Add(new TableSnapshot(
                schema == "public" ? table : $"{schema}.{table}", columns, primaryKey, uniqueConstraints, indexes, foreignKeys, checks));
        }
        return new SchemaSnapshot(tables);
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
