using Microsoft.Data.Sqlite;
using Npgsql;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database on one provider, dropped on dispose. PostgreSQL comes from the server that ./test.sh
/// starts (ROLW_TEST_POSTGRES); without it PostgreSQL tests fail loudly rather than skip, so CI cannot go green
/// having tested SQLite alone.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ROLW_TEST_POSTGRES";

    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresAdmin, string? postgresName, string? sqliteFile)
    {
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

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"rolw-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), null, null, file);
        }
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run the tests through ./test.sh, which starts PostgreSQL and sets it.");
        }
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

    public async ValueTask DisposeAsync()
    {
        File.Delete(KeyRingFile);
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
