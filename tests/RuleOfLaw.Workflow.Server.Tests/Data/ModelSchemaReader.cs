using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>
/// The schema the EF model asks for, on the context's provider: what <c>dotnet ef migrations add</c> would diff
/// against if we had the design-time package.
/// </summary>
public static class ModelSchemaReader
{
    public static SchemaSnapshot Read(DbContext context, DatabaseProvider provider)
    {
        // The design-time model keeps everything migrations need (the runtime model may drop design-only metadata).
        var model = context.GetService<IDesignTimeModel>().Model;
        // Provider annotations exactly as the migrations differ would see them (e.g. SQLite's Autoincrement,
        // Npgsql's identity strategy): these decide how the column is generated.
        var annotations = context.GetService<IRelationalAnnotationProvider>();
        var defaultSchema = model.GetDefaultSchema();

        var tables = new List<TableSnapshot>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            if (table.IsExcludedFromMigrations)
            {
                continue;
            }
            var columns = table.Columns.Select(c => new ColumnSnapshot(
                c.Name,
                StoreTypes.Normalize(provider, c.StoreType),
                c.IsNullable,
                Generation(c, annotations.For(c, designTime: true)),
                c.DefaultValueSql ?? (c.DefaultValue is null ? null : StoreTypes.DescribeDefault(c.DefaultValue)))).ToList();

            var primaryKey = table.PrimaryKey is { } pk ? new KeySnapshot(pk.Name, Names(pk.Columns)) : null;
            var uniqueConstraints = table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey())
                .Select(u => new KeySnapshot(u.Name, Names(u.Columns))).ToList();
            var indexes = table.Indexes.Select(i => new IndexSnapshot(
                i.Name,
                Names(i.Columns),
                i.IsUnique,
                i.IsDescending is { Count: > 0 } descending ? [.. descending] : [.. i.Columns.Select(_ => false)],
                i.Filter)).ToList();
            var foreignKeys = table.ForeignKeyConstraints.Select(f => new ForeignKeySnapshot(
                f.Name,
                Names(f.Columns),
                TableName(f.PrincipalTable.Name, f.PrincipalTable.Schema, defaultSchema),
                Names(f.PrincipalColumns),
                OnDeleteSql(f.OnDeleteAction, provider))).ToList();
            var checks = table.CheckConstraints.Select(c => c.Name!).ToList();

            tables.Add(new TableSnapshot(
                TableName(table.Name, table.Schema, defaultSchema), columns, primaryKey, uniqueConstraints, indexes, foreignKeys, checks));
        }
        return new SchemaSnapshot(tables);
    }

    /// <summary>
    /// EF's <see cref="ReferentialAction"/> as the SQL the migrations generator writes for it, which is what both
    /// databases report back: Restrict → <c>ON DELETE RESTRICT</c>, NoAction → no clause, i.e. the SQL default
    /// <c>NO ACTION</c>, Cascade → <c>CASCADE</c>, SetNull/SetDefault likewise.
    /// </summary>
    /// <remarks>
    /// <para>RESTRICT and NO ACTION are kept apart on purpose. Both SQLite (pragma_foreign_key_list.on_delete) and
    /// PostgreSQL (pg_constraint.confdeltype 'r' vs 'a') report them distinctly, and they do differ: NO ACTION checks
    /// at the end of the statement (or transaction, if deferred), RESTRICT immediately. So a migration that writes
    /// NoAction where the model says Restrict is a real difference. Note that DeleteBehavior.Restrict and
    /// DeleteBehavior.ClientSetNull both become ReferentialAction.Restrict in the relational model, and
    /// DeleteBehavior.NoAction/ClientNoAction become NoAction; we compare the relational model's action, i.e. what EF
    /// itself would have written in a migration.</para>
    /// <para>SQL Server has no RESTRICT: EF's SQL Server generator writes Restrict as <c>NO ACTION</c> (which there
    /// is checked immediately anyway), and sys.foreign_keys can only report NO ACTION.</para>
    /// </remarks>
    public static string OnDeleteSql(ReferentialAction action, DatabaseProvider provider) => action switch
    {
        ReferentialAction.NoAction => "NO ACTION",
        ReferentialAction.Restrict => provider == DatabaseProvider.SqlServer ? "NO ACTION" : "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static ValueGeneration Generation(IColumn column, IEnumerable<IAnnotation> annotations)
    {
        if (column.ComputedColumnSql is not null)
        {
            return column.IsStored == true ? ValueGeneration.ComputedStored : ValueGeneration.ComputedVirtual;
        }
        foreach (var annotation in annotations)
        {
            switch (annotation.Name)
            {
                case "Sqlite:Autoincrement" when annotation.Value is true:
                    return ValueGeneration.Autoincrement;
                case "SqlServer:Identity" when annotation.Value is string:
                    return ValueGeneration.Identity;
                case "Npgsql:ValueGenerationStrategy":
                    switch (annotation.Value)
                    {
                        case NpgsqlValueGenerationStrategy.IdentityByDefaultColumn:
                            return ValueGeneration.IdentityByDefault;
                        case NpgsqlValueGenerationStrategy.IdentityAlwaysColumn:
                            return ValueGeneration.IdentityAlways;
                        case NpgsqlValueGenerationStrategy.SerialColumn:
                            return ValueGeneration.Serial;
                    }
                    break;
            }
        }
        return ValueGeneration.None;
    }

    private static List<string> Names(IEnumerable<IColumn> columns) => [.. columns.Select(c => c.Name)];

    private static string TableName(string name, string? schema, string? defaultSchema)
    {
        var effective = schema ?? defaultSchema;
        return effective is null or "public" or "dbo" ? name : $"{effective}.{name}";
    }
}
