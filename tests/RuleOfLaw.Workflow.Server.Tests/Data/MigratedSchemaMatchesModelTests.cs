using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>
/// The SQLite/PostgreSQL migrations are hand-written and have no model snapshot, so nothing in EF notices when a
/// migration and the model disagree. These tests do: they migrate an
/// empty database on each provider, read back the schema the database actually has, and compare it with the schema
/// the EF model asks for. A change to the model without a matching migration, or a migration that gets a type,
/// length, nullability, key, index or foreign key wrong, fails here with the list of differences. SQL Server's
/// generated migrations are checked offline in every run by SqlServerMigrationsTests, and here too (live) when
/// ROLW_TEST_SQLSERVER names a server; otherwise its rows are reported as skipped.
/// </summary>
public sealed class MigratedSchemaMatchesModelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Migrated_schema_equals_the_model(DatabaseProvider provider)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var context = CreateContext(db.Options);
        await DatabaseRegistration.MigrateAsync(context, timeout.Token);

        var expected = ModelSchemaReader.Read(context, provider);
        var actual = await ReadDatabaseAsync(context, provider, timeout.Token);

        AssertModelSnapshotIsComplete(context, expected);
        var differences = SchemaComparer.Compare(expected, actual, SchemaComparisonOptions.For(provider));
        Assert.True(differences.Count == 0, SchemaComparer.Report($"{provider}: migrated schema vs. model", differences));
    }

    /// <summary>A checker that cannot fail proves nothing: mutate a copy of the model's schema and expect exactly those differences.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task Comparison_reports_every_change_to_a_snapshot(DatabaseProvider provider)
    {
        // Reading the model needs no database, only the provider (store types and annotations are the provider's).
        await using var context = CreateContext(OfflineOptions(provider));
        var expected = ModelSchemaReader.Read(context, provider);
        var options = SchemaComparisonOptions.For(provider);
        Assert.Empty(SchemaComparer.Compare(expected, expected, options));

        var mutated = expected
            .WithTable("Matters", t => t.WithoutColumn("Summary"))
            .WithTable("JournalEntries", t => t.WithColumn("Comment", c => c with { IsNullable = false }))
            .WithTable("WorkTasks", t => t with
            {
                Indexes = [.. t.Indexes.Where(i => i.Name != "IX_WorkTasks_InstanceId")],
                ForeignKeys = [.. t.ForeignKeys.Select(f => f.PrincipalTable == "WorkflowInstances" ? f with { OnDelete = ChangedOnDelete(provider) } : f)],
            });
        mutated = mutated with
        {
            Tables = [.. mutated.Tables, new TableSnapshot("Stray", [new ColumnSnapshot("X", "INTEGER", false, ValueGeneration.None, null)], null, [], [], [], [])],
        };

        var sqlite = provider == DatabaseProvider.Sqlite;
        var workTasksForeignKey = sqlite ? "(InstanceId) -> WorkflowInstances" : "FK_WorkTasks_WorkflowInstances_InstanceId";
        var summaryType = provider switch
        {
            DatabaseProvider.Sqlite => "TEXT",
            DatabaseProvider.SqlServer => "nvarchar(4000)",
            _ => "character varying(4000)",
        };
        var restrict = provider == DatabaseProvider.SqlServer ? "NO ACTION" : "RESTRICT";
        Assert.Equal(
            [
                "JournalEntries.Comment: expected NULL, found NOT NULL",
                $"Matters.Summary: missing column (expected {summaryType} NULL)",
                "extra table Stray",
                "WorkTasks: missing index IX_WorkTasks_InstanceId (InstanceId)",
                $"WorkTasks: foreign key {workTasksForeignKey}: expected ON DELETE {restrict}, found ON DELETE {ChangedOnDelete(provider)}",
            ],
            SchemaComparer.Compare(expected, mutated, options));
    }

    /// <summary>
    /// The same, end to end: change a migrated database behind EF's back and expect the database readers to see
    /// exactly those changes (so a reader that misses something cannot hide a wrong migration).
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Comparison_reports_every_change_to_a_migrated_database(DatabaseProvider provider)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var context = CreateContext(db.Options);
        await DatabaseRegistration.MigrateAsync(context, timeout.Token);

        var sqlite = provider == DatabaseProvider.Sqlite;
        // DDL SQLite and PostgreSQL both understand (SQLite 3.35+ has DROP COLUMN); SQL Server has its own list...
        var statements = provider == DatabaseProvider.SqlServer ? new List<string>(SqlServerChanges) : new List<string>
        {
            """DROP INDEX "IX_Matters_Number" """,
            """CREATE INDEX "IX_Matters_Number" ON "Matters" ("Number") """,
            """ALTER TABLE "Matters" DROP COLUMN "Summary" """,
            """ALTER TABLE "Matters" ADD COLUMN "Extra" INTEGER NULL""",
            """CREATE TABLE "Stray" ("X" INTEGER NOT NULL)""",
            """DROP INDEX "IX_WorkTasks_InstanceId" """,
        };
        if (provider == DatabaseProvider.PostgreSql)
        {
            // ...and what SQLite can only do by rebuilding the table: nullability, length, and the ON DELETE action,
            // here RESTRICT (what the model says) replaced by the SQL default NO ACTION.
            statements.AddRange(
            [
                """ALTER TABLE "JournalEntries" ALTER COLUMN "Comment" SET NOT NULL""",
                """ALTER TABLE "Matters" ALTER COLUMN "Title" TYPE character varying(100)""",
                """ALTER TABLE "WorkTasks" DROP CONSTRAINT "FK_WorkTasks_WorkflowInstances_InstanceId" """,
                """ALTER TABLE "WorkTasks" ADD CONSTRAINT "FK_WorkTasks_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id")""",
            ]);
        }
        foreach (var statement in statements)
        {
            await context.Database.ExecuteSqlRawAsync(statement, timeout.Token);
        }

        var differences = SchemaComparer.Compare(
            ModelSchemaReader.Read(context, provider), await ReadDatabaseAsync(context, provider, timeout.Token), SchemaComparisonOptions.For(provider));

        List<string> expected = sqlite
            ?
            [
                "Matters.Summary: missing column (expected TEXT NULL)",
                "Matters.Extra: extra column (found INTEGER NULL)",
                "Matters: index IX_Matters_Number: expected UNIQUE, found non-unique",
                "extra table Stray",
                "WorkTasks: missing index IX_WorkTasks_InstanceId (InstanceId)",
            ]
            : provider == DatabaseProvider.SqlServer
            ?
            [
                "JournalEntries.Comment: expected NULL, found NOT NULL",
                "Matters.Summary: missing column (expected nvarchar(4000) NULL)",
                "Matters.Extra: extra column (found int NULL)",
                "Matters.Title: expected type nvarchar(200), found nvarchar(100)",
                "Matters: index IX_Matters_Number: expected UNIQUE, found non-unique",
                "extra table Stray",
                "WorkTasks: missing index IX_WorkTasks_InstanceId (InstanceId)",
                "WorkTasks: foreign key FK_WorkTasks_WorkflowInstances_InstanceId: expected ON DELETE NO ACTION, found ON DELETE CASCADE",
            ]
            :
            [
                "JournalEntries.Comment: expected NULL, found NOT NULL",
                "Matters.Summary: missing column (expected character varying(4000) NULL)",
                "Matters.Extra: extra column (found integer NULL)",
                "Matters.Title: expected type character varying(200), found character varying(100)",
                "Matters: index IX_Matters_Number: expected UNIQUE, found non-unique",
                "extra table Stray",
                "WorkTasks: missing index IX_WorkTasks_InstanceId (InstanceId)",
                "WorkTasks: foreign key FK_WorkTasks_WorkflowInstances_InstanceId: expected ON DELETE RESTRICT, found ON DELETE NO ACTION",
            ];
        Assert.Equal(expected, differences);
    }

    /// <summary>
    /// The same changes in SQL Server's dialect: DROP INDEX names its table, ADD takes no COLUMN, a column's type and
    /// nullability change with ALTER COLUMN. SQL Server has no RESTRICT, so the foreign key is changed to CASCADE.
    /// </summary>
    private static readonly List<string> SqlServerChanges =
    [
        """DROP INDEX "IX_Matters_Number" ON "Matters" """,
        """CREATE INDEX "IX_Matters_Number" ON "Matters" ("Number") """,
        """ALTER TABLE "Matters" DROP COLUMN "Summary" """,
        """ALTER TABLE "Matters" ADD "Extra" int NULL""",
        """CREATE TABLE "Stray" ("X" int NOT NULL)""",
        """DROP INDEX "IX_WorkTasks_InstanceId" ON "WorkTasks" """,
        """ALTER TABLE "JournalEntries" ALTER COLUMN "Comment" nvarchar(max) NOT NULL""",
        """ALTER TABLE "Matters" ALTER COLUMN "Title" nvarchar(100) NOT NULL""",
        """ALTER TABLE "WorkTasks" DROP CONSTRAINT "FK_WorkTasks_WorkflowInstances_InstanceId" """,
        """ALTER TABLE "WorkTasks" ADD CONSTRAINT "FK_WorkTasks_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE""",
    ];

    /// <summary>An ON DELETE action the model does not ask for (SQL Server's NO ACTION is what the model asks for there).</summary>
    private static string ChangedOnDelete(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? "CASCADE" : "NO ACTION";

    /// <summary>Options to build the model on <paramref name="provider"/> without a database (nothing connects).</summary>
    internal static DatabaseOptions OfflineOptions(DatabaseProvider provider) => new()
    {
        Provider = provider,
        ConnectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.SqlServer => "Server=unused;Database=unused",
            _ => "Host=localhost;Database=unused",
        },
    };

    internal static WorkflowDbContext CreateContext(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(builder, options, contentRoot: Path.GetTempPath());
        return new WorkflowDbContext(builder.Options);
    }

    private static async Task<SchemaSnapshot> ReadDatabaseAsync(DbContext context, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = context.Database.GetDbConnection();
            return provider switch
            {
                DatabaseProvider.Sqlite => await SqliteSchemaReader.ReadAsync(connection, cancellationToken),
                DatabaseProvider.SqlServer => await SqlServerSchemaReader.ReadAsync(connection, cancellationToken),
                _ => await PostgresSchemaReader.ReadAsync(connection, cancellationToken),
            };
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Guards against a comparison that passes because both sides are empty: the expected snapshot must hold every
    /// table the model maps, and the model's keys, indexes and foreign keys must all have made it in.
    /// </summary>
    private static void AssertModelSnapshotIsComplete(DbContext context, SchemaSnapshot expected)
    {
        var mappedTables = context.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(mappedTables, expected.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(expected.Tables, t =>
        {
            Assert.NotEmpty(t.Columns);
            Assert.NotNull(t.PrimaryKey);
        });
        Assert.Equal(
            context.Model.GetEntityTypes().Sum(e => e.GetDeclaredIndexes().Count()),
            expected.Tables.Sum(t => t.Indexes.Count));
        Assert.Equal(
            context.Model.GetEntityTypes().Sum(e => e.GetDeclaredForeignKeys().Count()),
            expected.Tables.Sum(t => t.ForeignKeys.Count));
    }
}
