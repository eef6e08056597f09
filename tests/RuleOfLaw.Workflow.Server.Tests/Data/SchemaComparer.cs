using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <param name="ConstraintNames">
/// Compare the names of primary keys, unique constraints and foreign keys. SQLite does not keep them in any catalog,
/// so there foreign keys are matched by (columns, principal table) and unique constraints by columns. Index names and
/// table/column names are compared on every provider.
/// </param>
public sealed record SchemaComparisonOptions(bool ConstraintNames)
{
    public static SchemaComparisonOptions For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SchemaComparisonOptions(ConstraintNames: false),
        DatabaseProvider.PostgreSql or DatabaseProvider.SqlServer => new SchemaComparisonOptions(ConstraintNames: true),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}

/// <summary>
/// Lists every difference between an expected and an actual schema, one readable line each, in a stable order
/// (tables by name; within a table: columns, primary key, unique constraints, indexes, foreign keys, checks).
/// </summary>
/// <remarks>
/// Deliberately not compared: column order (EF's relational model has no column order unless HasColumnOrder is used,
/// and the order of columns in a table never changes what the model can read or write), ON UPDATE actions (EF has
/// none: it always writes the default NO ACTION), default/filter expression text (only presence; see
/// <see cref="ColumnSnapshot"/>), sequences and views (the model has none).
/// </remarks>
public static class SchemaComparer
{
    public static IReadOnlyList<string> Compare(SchemaSnapshot expected, SchemaSnapshot actual, SchemaComparisonOptions options)
    {
        var differences = new List<string>();
        var (pairs, missing, extra) = Match(expected.Tables, actual.Tables, t => t.Name);
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in missing)
        {
            Add(byName, table.Name, $"missing table {table.Name}");
        }
        foreach (var table in extra)
        {
            Add(byName, table.Name, $"extra table {table.Name}");
        }
        foreach (var (e, a) in pairs)
        {
            var tableDifferences = new List<string>();
            CompareTable(e, a, options, tableDifferences);
            foreach (var d in tableDifferences)
            {
                Add(byName, e.Name, d);
            }
        }
        foreach (var list in byName.Values)
        {
            differences.AddRange(list);
        }
        return differences;
    }

    /// <summary>The message a failing test shows: every difference, and where to fix it.</summary>
    public static string Report(string what, IReadOnlyList<string> differences) =>
        differences.Count == 0
            ? $"{what}: no differences"
            : $"{what}: {differences.Count} difference(s) between the EF model (expected) and the migrated database (found). "
              + "Fix the migration under src/RuleOfLaw.Workflow.Server/Data/Migrations (or the model, if it is the one that is wrong):"
              + Environment.NewLine + string.Join(Environment.NewLine, differences.Select(d => "  - " + d));

    private static void CompareTable(TableSnapshot e, TableSnapshot a, SchemaComparisonOptions options, List<string> d)
    {
        var t = e.Name;

        var (columns, missingColumns, extraColumns) = Match(e.Columns, a.Columns, c => c.Name);
        foreach (var c in missingColumns)
        {
            d.Add($"{t}.{c.Name}: missing column (expected {Describe(c)})");
        }
        foreach (var c in extraColumns)
        {
            d.Add($"{t}.{c.Name}: extra column (found {Describe(c)})");
        }
        foreach (var (ec, ac) in columns)
        {
            if (ec.StoreType != ac.StoreType)
            {
                d.Add($"{t}.{ec.Name}: expected type {ec.StoreType}, found {ac.StoreType}");
            }
            if (ec.IsNullable != ac.IsNullable)
            {
                d.Add($"{t}.{ec.Name}: expected {Nullability(ec.IsNullable)}, found {Nullability(ac.IsNullable)}");
            }
            if (ec.Generation != ac.Generation)
            {
                d.Add($"{t}.{ec.Name}: expected generation {ec.Generation}, found {ac.Generation}");
            }
            if ((ec.Default is null) != (ac.Default is null))
            {
                d.Add($"{t}.{ec.Name}: expected default {ec.Default ?? "none"}, found {ac.Default ?? "none"}");
            }
        }

        switch (e.PrimaryKey, a.PrimaryKey)
        {
            case (null, null):
                break;
            case ({ } ek, null):
                d.Add($"{t}: missing primary key {DescribeKey(ek, options)}");
                break;
            case (null, { } ak):
                d.Add($"{t}: extra primary key {DescribeKey(ak, options)}");
                break;
            case ({ } ek, { } ak):
                if (options.ConstraintNames && ek.Name != ak.Name)
                {
                    d.Add($"{t}: primary key: expected name {ek.Name}, found {ak.Name}");
                }
                if (!ek.Columns.SequenceEqual(ak.Columns))
                {
                    d.Add($"{t}: primary key {ek.Name}: expected columns {List(ek.Columns)}, found {List(ak.Columns)}");
                }
                break;
        }

        var (uniques, missingUniques, extraUniques) = options.ConstraintNames
            ? Match(e.UniqueConstraints, a.UniqueConstraints, u => u.Name ?? "")
            : Match(e.UniqueConstraints, a.UniqueConstraints, u => List(u.Columns));
        foreach (var u in missingUniques)
        {
            d.Add($"{t}: missing unique constraint {DescribeKey(u, options)}");
        }
        foreach (var u in extraUniques)
        {
            d.Add($"{t}: extra unique constraint {DescribeKey(u, options)}");
        }
        foreach (var (eu, au) in uniques.Where(p => !p.Expected.Columns.SequenceEqual(p.Actual.Columns)))
        {
            d.Add($"{t}: unique constraint {eu.Name}: expected columns {List(eu.Columns)}, found {List(au.Columns)}");
        }

        var (indexes, missingIndexes, extraIndexes) = Match(e.Indexes, a.Indexes, i => i.Name);
        foreach (var i in missingIndexes)
        {
            d.Add($"{t}: missing index {Describe(i)}");
        }
        foreach (var i in extraIndexes)
        {
            d.Add($"{t}: extra index {Describe(i)}");
        }
        foreach (var (ei, ai) in indexes)
        {
            if (!ei.Columns.SequenceEqual(ai.Columns))
            {
                d.Add($"{t}: index {ei.Name}: expected columns {List(ei.Columns)}, found {List(ai.Columns)}");
            }
            if (ei.IsUnique != ai.IsUnique)
            {
                d.Add($"{t}: index {ei.Name}: expected {Uniqueness(ei.IsUnique)}, found {Uniqueness(ai.IsUnique)}");
            }
            if (!ei.Descending.SequenceEqual(ai.Descending))
            {
                d.Add($"{t}: index {ei.Name}: expected sort order {SortOrder(ei)}, found {SortOrder(ai)}");
            }
            if ((ei.Filter is null) != (ai.Filter is null))
            {
                d.Add($"{t}: index {ei.Name}: expected filter {ei.Filter ?? "none"}, found {ai.Filter ?? "none"}");
            }
        }

        var (foreignKeys, missingForeignKeys, extraForeignKeys) = options.ConstraintNames
            ? Match(e.ForeignKeys, a.ForeignKeys, f => f.Name ?? "")
            : Match(e.ForeignKeys, a.ForeignKeys, f => $"{List(f.Columns)} -> {f.PrincipalTable}");
        foreach (var f in missingForeignKeys)
        {
            d.Add($"{t}: missing foreign key {Describe(f, options)}");
        }
        foreach (var f in extraForeignKeys)
        {
            d.Add($"{t}: extra foreign key {Describe(f, options)}");
        }
        foreach (var (ef, af) in foreignKeys)
        {
            var label = options.ConstraintNames ? ef.Name : $"{List(ef.Columns)} -> {ef.PrincipalTable}";
            if (!ef.Columns.SequenceEqual(af.Columns))
            {
                d.Add($"{t}: foreign key {label}: expected columns {List(ef.Columns)}, found {List(af.Columns)}");
            }
            if (ef.PrincipalTable != af.PrincipalTable || !ef.PrincipalColumns.SequenceEqual(af.PrincipalColumns))
            {
                d.Add($"{t}: foreign key {label}: expected to reference {ef.PrincipalTable} {List(ef.PrincipalColumns)}, "
                      + $"found {af.PrincipalTable} {List(af.PrincipalColumns)}");
            }
            if (ef.OnDelete != af.OnDelete)
            {
                d.Add($"{t}: foreign key {label}: expected ON DELETE {ef.OnDelete}, found ON DELETE {af.OnDelete}");
            }
        }

        var (_, missingChecks, extraChecks) = Match(e.CheckConstraints, a.CheckConstraints, c => c);
        foreach (var c in missingChecks)
        {
            d.Add($"{t}: missing check constraint {c}");
        }
        foreach (var c in extraChecks)
        {
            d.Add($"{t}: extra check constraint {c}");
        }
    }

    /// <summary>Pairs items by key (in order, so duplicates on one side show up as missing or extra).</summary>
    private static (List<(T Expected, T Actual)> Pairs, List<T> Missing, List<T> Extra) Match<T>(
        IEnumerable<T> expected, IEnumerable<T> actual, Func<T, string> key)
    {
        var remaining = actual.GroupBy(key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<T>(g), StringComparer.Ordinal);
        var pairs = new List<(T, T)>();
        var missing = new List<T>();
        foreach (var item in expected.OrderBy(key, StringComparer.Ordinal))
        {
            if (remaining.TryGetValue(key(item), out var queue) && queue.Count > 0)
            {
                pairs.Add((item, queue.Dequeue()));
            }
            else
            {
                missing.Add(item);
            }
        }
        var extra = remaining.Values.SelectMany(q => q).OrderBy(key, StringComparer.Ordinal).ToList();
        return (pairs, missing, extra);
    }

    private static void Add(SortedDictionary<string, List<string>> byTable, string table, string difference)
    {
        if (!byTable.TryGetValue(table, out var list))
        {
            byTable[table] = list = [];
        }
        list.Add(difference);
    }

    private static string List(IEnumerable<string> names) => "(" + string.Join(", ", names) + ")";

    private static string Nullability(bool nullable) => nullable ? "NULL" : "NOT NULL";

    private static string Uniqueness(bool unique) => unique ? "UNIQUE" : "non-unique";

    private static string SortOrder(IndexSnapshot index) =>
        "(" + string.Join(", ", index.Descending.Select(descending => descending ? "DESC" : "ASC")) + ")";

    private static string Describe(ColumnSnapshot c) =>
        $"{c.StoreType} {Nullability(c.IsNullable)}"
        + (c.Generation == ValueGeneration.None ? "" : $" {c.Generation}")
        + (c.Default is null ? "" : $" DEFAULT {c.Default}");

    private static string DescribeKey(KeySnapshot key, SchemaComparisonOptions options) =>
        (options.ConstraintNames ? key.Name + " " : "") + List(key.Columns);

    private static string Describe(IndexSnapshot i) =>
        $"{i.Name} {List(i.Columns)}" + (i.IsUnique ? " UNIQUE" : "") + (i.Filter is null ? "" : $" WHERE {i.Filter}");

    private static string Describe(ForeignKeySnapshot f, SchemaComparisonOptions options) =>
        (options.ConstraintNames ? f.Name + " " : "")
        + $"{List(f.Columns)} -> {f.PrincipalTable} {List(f.PrincipalColumns)} ON DELETE {f.OnDelete}";
}
