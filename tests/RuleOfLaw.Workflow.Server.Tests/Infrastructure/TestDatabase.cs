using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database on one provider, dropped on dispose. PostgreSQL comes from the server that ./test.sh
/// starts (ROLW_TEST_POSTGRES); without it PostgreSQL tests fail loudly rather than skip, so CI cannot go green
/// having tested SQLite alone. SQL Server comes from ROLW_TEST_SQLSERVER when someone sets it (no SQL Server runs on
/// the project's machines); tests that use it carry <see cref="SqlServerDataAttribute"/> and are skipped without it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ROLW_TEST_POSTGRES";
    public const string SqlServerVariable = "ROLW_TEST_SQLSERVER";

    public static bool SqlServerConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerVariable));

    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly string? _sqliteFile;
    private readonly string? _sqlServerAdmin;
    private readonly string? _sqlServerName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresAdmin, string? postgresName, string? sqliteFile,
        string? sqlServerAdmin = null, string? sqlServerName = null)
    {
        _sqlServerAdmin = sqlServerAdmin;
        _sqlServerName = sqlServerName;
        Provider = provider;
        ConnectionString = connectionString;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        _sqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>
    /// This database's key ring (Crypto:KeyRingFile): outside the database like a deployment's, and kept with it so a
    /// server restarted on the same database has the same keys. Deleted on dispose.
    /// </summary>
    public string KeyRingFile { get; } = Path.Combine(Path.GetTempPath(), $"rolw-test-keys-{Guid.NewGuid():N}.json");

    public DatabaseOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString };

    /// <summary>
    /// A fresh database with every migration applied, as a server's start-up would leave it before it seeds: a copy of
    /// a template migrated once per test process (issue 17 item 8: migrating each test's database was a large part of
    /// every server start). PostgreSQL copies it with <c>CREATE DATABASE … TEMPLATE</c>, SQLite copies the file; SQL
    /// Server migrates as before. Only for a database a server is about to start on (<see cref="ServerFactory.StartAsync"/>):
    /// it runs the same migrations again and finds nothing to do. Tests of migrations themselves use <see cref="CreateAsync"/>.
    /// </summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
            {
                var template = await MigratedTemplate.SqliteFileAsync();
                var file = Path.Combine(Path.GetTempPath(), $"rolw-test-{Guid.NewGuid():N}.db");
                File.Copy(template, file);
                return new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), null, null, file);
            }
            case DatabaseProvider.PostgreSql:
            {
                var admin = PostgresAdmin();
                var template = await MigratedTemplate.PostgresDatabaseAsync(admin);
                var name = $"rolw_test_{Guid.NewGuid():N}";
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
                    await create.ExecuteNonQueryAsync();
                }
                var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
                return new TestDatabase(provider, builder.ToString(), admin, name, null);
            }
            default:
                return await CreateAsync(provider);
        }
    }

    /// <summary>
    /// A copy of <see cref="SeededTemplate"/>'s database and key ring: every migration applied and a test server already
    /// started on it once (demo county seeded, definitions installed), for <see cref="ServerFactory.StartAsync"/> when the
    /// test's server would start as that one did. SQL Server migrates and seeds as before.
    /// </summary>
    public static async Task<TestDatabase> CreateSeededAsync(DatabaseProvider provider)
    {
        if (provider is not (DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql))
        {
            return await CreateMigratedAsync(provider);
        }
        var template = await SeededTemplate.ForAsync(provider);
        TestDatabase copy;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"rolw-test-{Guid.NewGuid():N}.db");
            File.Copy(template._sqliteFile!, file);
            copy = new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), null, null, file);
        }
        else
        {
            var admin = PostgresAdmin();
            var name = $"rolw_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template._postgresName}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            copy = new TestDatabase(provider, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(), admin, name, null);
        }
        // The keys the template's server made go with its data (the journal's MAC key, the contact-encryption key).
        File.Copy(template.KeyRingFile, copy.KeyRingFile);
        return copy;
    }

    internal static string PostgresAdmin()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run the tests through ./test.sh, which starts PostgreSQL and sets it.");
        }
        return admin;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"rolw-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), null, null, file);
        }
        if (provider == DatabaseProvider.SqlServer)
        {
            return await CreateSqlServerAsync();
        }
        var admin = PostgresAdmin();
        var name = $"rolw_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, builder.ToString(), admin, name, null);
    }

    private static async Task<TestDatabase> CreateSqlServerAsync()
    {
        var admin = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            // Only reached by a test without [SqlServerData]'s skip: fail rather than pass without a database.
            throw new InvalidOperationException($"{SqlServerVariable} is not set: no SQL Server to test against.");
        }
        var name = $"rolw_test_{Guid.NewGuid():N}";
        await using (var connection = new SqlConnection(admin))
        {
            await connection.OpenAsync();
            // A database name cannot be a parameter of CREATE DATABASE; it is one of dynamic SQL, quoted by QUOTENAME.
            await using var create = new SqlCommand("DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(@name); EXEC sp_executesql @sql;", connection);
            create.Parameters.AddWithValue("@name", name);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new SqlConnectionStringBuilder(admin) { InitialCatalog = name };
        return new TestDatabase(DatabaseProvider.SqlServer, builder.ToString(), null, null, null, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlServerName is not null)
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(_sqlServerAdmin);
            await connection.OpenAsync();
            await using var drop = new SqlCommand(
                """
                IF DB_ID(@name) IS NOT NULL
                BEGIN
                    DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(@name) + N' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ' + QUOTENAME(@name) + N';';
                    EXEC sp_executesql @sql;
                END
                """,
                connection);
            drop.Parameters.AddWithValue("@name", _sqlServerName);
            await drop.ExecuteNonQueryAsync();
        }
        File.Delete(KeyRingFile);
        // Only this database's pool: clearing every pool of the process closed the connections of the other tests'
        // servers running at the same time, which then opened them again (issue 17 item 8).
        if (_sqliteFile is not null)
        {
            using (var pooled = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }
        if (_postgresName is not null)
        {
            await using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
