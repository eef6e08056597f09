using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>
/// What can be checked about SQL Server without a SQL Server, in every run: the model builds for it, its generated
/// migrations cover the model, they script to the SQL checked in next to this file, and that SQL stays within what
/// SQL Server accepts (index key sizes, cascade paths). The live checks are MigratedSchemaMatchesModelTests and the
/// procedure tests' [SqlServerData] rows, which run only when ROLW_TEST_SQLSERVER names a server.
/// </summary>
public sealed class SqlServerMigrationsTests
{
    /// <summary>Set to 1 to rewrite the checked-in script from the migrations (then review the diff and commit it).</summary>
    public const string UpdateVariable = "ROLW_UPDATE_SQLSERVER_SCRIPT";

    [Fact]
    public void Each_provider_sees_only_its_own_migrations()
    {
        using var sqlServer = Context(DatabaseProvider.SqlServer);
        using var sqlite = Context(DatabaseProvider.Sqlite);
        using var postgres = Context(DatabaseProvider.PostgreSql);

        var sqlServerMigrations = sqlServer.Database.GetMigrations().ToList();
        var neutral = sqlite.Database.GetMigrations().ToList();
        Assert.NotEmpty(sqlServerMigrations);
        Assert.NotEmpty(neutral);
        Assert.Equal(neutral, postgres.Database.GetMigrations());
        Assert.Empty(sqlServerMigrations.Intersect(neutral));

        var assembly = sqlServer.GetService<IMigrationsAssembly>();
        Assert.All(assembly.Migrations.Values, t => Assert.Equal(ProviderMigrationsAssembly.SqlServerNamespace, t.Namespace));
        Assert.Equal(ProviderMigrationsAssembly.SqlServerNamespace, assembly.ModelSnapshot?.GetType().Namespace);
        Assert.All(sqlite.GetService<IMigrationsAssembly>().Migrations.Values, t => Assert.Equal(ProviderMigrationsAssembly.NeutralNamespace, t.Namespace));
        Assert.Null(sqlite.GetService<IMigrationsAssembly>().ModelSnapshot);
    }

    /// <summary>
    /// EF's own comparison of the last SQL Server migration's snapshot with the model: a model change without a new
    /// SQL Server migration fails here (and Migrate refuses to run on SQL Server). To fix it, add one (docs/configuration.md).
    /// </summary>
    [Fact]
    public void The_SQL_Server_migrations_cover_the_model()
    {
        using var context = Context(DatabaseProvider.SqlServer);
        Assert.NotEmpty(context.Model.GetRelationalModel().Tables);
        Assert.False(context.Database.HasPendingModelChanges(),
            "The model has changes no SQL Server migration covers: run `dotnet ef migrations add <Name> --project src/RuleOfLaw.Workflow.Server " +
            "--output-dir Data/Migrations/SqlServer --namespace " + ProviderMigrationsAssembly.SqlServerNamespace + "` (docs/configuration.md, \"SQL Server\").");
    }

    /// <summary>
    /// The idempotent script (what a DBA would run by hand: every migration guarded by a check of
    /// __EFMigrationsHistory) equals the checked-in copy, so any change to the SQL Server schema shows up as a diff of
    /// that file in review.
    /// </summary>
    [Fact]
    public void The_idempotent_script_matches_the_checked_in_copy()
    {
        using var context = Context(DatabaseProvider.SqlServer);
        var script = Normalize(context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent));
        Assert.Contains("[__EFMigrationsHistory]", script, StringComparison.Ordinal);

        var path = ScriptPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, script);
            Assert.Fail($"{UpdateVariable}=1: rewrote {path}. Review the diff, commit it, and run again without the variable.");
        }
        Assert.True(File.Exists(path), $"{path} is missing: run this test once with {UpdateVariable}=1.");
        var expected = Normalize(File.ReadAllText(path));
        if (expected != script)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = script.Split('\n');
            var line = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length))
                .FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail(
                $"The SQL Server migrations no longer script to {Path.GetFileName(path)} (first difference at line {line + 1}):\n" +
                $"  checked in: {expectedLines.ElementAtOrDefault(line) ?? "<end of file>"}\n" +
                $"  generated:  {actualLines.ElementAtOrDefault(line) ?? "<end of script>"}\n" +
                $"If the schema change is intended, run this test with {UpdateVariable}=1 and commit the new script.");
        }
    }

    /// <summary>
    /// SQL Server refuses to create an index on an nvarchar(max) column and fails inserts whose key exceeds 900 bytes
    /// (clustered: the primary key) or 1700 bytes (nonclustered). EF maps a string key without a length to
    /// nvarchar(450) = 900 bytes, so composite keys of such columns are the risk.
    /// </summary>
    [Fact]
    public void Every_key_and_index_fits_SQL_Server_key_size_limits()
    {
        // Keys SQL Server creates with a warning ("for some combination of large values, the insert/update operation
        // will fail"), each listed with why no real row comes near the limit:
        // - Identity's external-login and token tables (EF's default Identity schema), composite keys of
        //   nvarchar(450) columns: the server writes neither table (no external logins; API tokens live in ApiTokens).
        // - OrganizationMemberships (UserId nvarchar(450), OrganizationId, Role): user ids are Identity's GUID strings,
        //   36 characters, so a real key is at most 72 + 128 + 128 bytes.
        string[] allowed = ["PK_AspNetUserLogins", "PK_AspNetUserTokens", "PK_OrganizationMemberships"];
        using var context = Context(DatabaseProvider.SqlServer);
        var problems = new List<string>();
        foreach (var table in context.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables)
        {
            var keys = new List<(string Name, IEnumerable<IColumn> Columns, int Limit)>();
            if (table.PrimaryKey is { } pk)
            {
                keys.Add((pk.Name, pk.Columns, 900));
            }
            keys.AddRange(table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()).Select(u => (u.Name, (IEnumerable<IColumn>)u.Columns, 1700)));
            keys.AddRange(table.Indexes.Select(i => (i.Name, (IEnumerable<IColumn>)i.Columns, 1700)));
            foreach (var (name, columns, limit) in keys.Where(k => !allowed.Contains(k.Name)))
            {
                var sizes = columns.Select(c => (c.Name, Bytes: KeyBytes(c.StoreType))).ToList();
                if (sizes.Any(s => s.Bytes is null))
                {
                    problems.Add($"{table.Name}.{name}: a column SQL Server cannot index ({string.Join(", ", columns.Select(c => $"{c.Name} {c.StoreType}"))})");
                }
                else if (sizes.Sum(s => s.Bytes!.Value) > limit)
                {
                    problems.Add($"{table.Name}.{name}: {sizes.Sum(s => s.Bytes!.Value)} bytes > {limit}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>SQL Server rejects a foreign key that opens a second cascade path to a table (error 1785); SQLite and PostgreSQL allow it.</summary>
    [Fact]
    public void No_table_is_reached_by_two_cascade_paths()
    {
        using var context = Context(DatabaseProvider.SqlServer);
        var cascades = context.Model.GetRelationalModel().Tables
            .SelectMany(t => t.ForeignKeyConstraints.Where(f => f.OnDeleteAction == ReferentialAction.Cascade)
                .Select(f => (Principal: f.PrincipalTable.Name, Dependent: t.Name)))
            .ToList();
        Assert.NotEmpty(cascades);
        var problems = new List<string>();
        foreach (var root in cascades.Select(c => c.Principal).Distinct())
        {
            var paths = new Dictionary<string, int>();
            var stack = new Stack<string>([root]);
            for (var visits = 0; stack.Count > 0; visits++)
            {
                Assert.True(visits < 10_000, $"the cascades from {root} form a cycle");
                var table = stack.Pop();
                foreach (var (_, dependent) in cascades.Where(c => c.Principal == table))
                {
                    paths[dependent] = paths.GetValueOrDefault(dependent) + 1;
                    stack.Push(dependent);
                }
            }
            problems.AddRange(paths.Where(p => p.Value > 1).Select(p => $"{root} cascades to {p.Key} along {p.Value} paths"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Bytes a key column takes in an index on SQL Server, or null for a type it cannot index.</summary>
    internal static int? KeyBytes(string storeType)
    {
        var type = storeType.ToLowerInvariant();
        if (type.EndsWith("(max)", StringComparison.Ordinal) || type is "text" or "ntext" or "image" or "xml")
        {
            return null;
        }
        var open = type.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? type : type[..open];
        var length = open < 0 ? 1 : int.Parse(type[(open + 1)..type.IndexOf(')', StringComparison.Ordinal)].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        return name switch
        {
            "nvarchar" or "nchar" => 2 * length,
            "varchar" or "char" or "varbinary" or "binary" => length,
            "uniqueidentifier" => 16,
            "bigint" or "datetime2" or "datetime" or "float" => 8,
            "int" or "real" => 4,
            "smallint" => 2,
            "tinyint" or "bit" => 1,
            "datetimeoffset" => 10,
            "date" => 3,
            "time" => 5,
            "decimal" or "numeric" => 17,
            _ => throw new InvalidOperationException($"No key size known for SQL Server type {storeType}: add it here."),
        };
    }

    [Theory]
    [InlineData("nvarchar(450)", 900)]
    [InlineData("nvarchar(max)", null)]
    [InlineData("uniqueidentifier", 16)]
    [InlineData("bigint", 8)]
    public void Key_sizes_are_counted_in_bytes(string storeType, int? bytes) => Assert.Equal(bytes, KeyBytes(storeType));

    private static WorkflowDbContext Context(DatabaseProvider provider) =>
        MigratedSchemaMatchesModelTests.CreateContext(MigratedSchemaMatchesModelTests.OfflineOptions(provider));

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    /// <summary>The checked-in copy sits next to this source file (the tests run from the source tree).</summary>
    private static string ScriptPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "SqlServer", "idempotent-migrations.sql");
}
