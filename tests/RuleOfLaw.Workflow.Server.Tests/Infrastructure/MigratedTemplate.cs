using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// One database per provider with every migration applied, made once per test process by the server's own
/// <see cref="DatabaseRegistration.MigrateAsync"/> (on PostgreSQL with Hangfire's schema as the server creates it) and copied for each server a test starts
/// (<see cref="TestDatabase.CreateMigratedAsync"/>). Made from this build's migrations each run, never kept between
/// runs, so a changed migration is always what the tests get; removed when the process exits.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> Sqlite = new(MakeSqliteAsync);
    private static readonly Lock Gate = new();
    private static Task<string>? _postgres;
    private static string? _postgresAdmin;

    public static Task<string> SqliteFileAsync() => Sqlite.Value;

    public static Task<string> PostgresDatabaseAsync(string admin)
    {
        lock (Gate)
        {
            if (_postgres is null || _postgres.IsFaulted)
            {
                _postgresAdmin = admin;
                _postgres = MakePostgresAsync(admin);
            }
            return _postgres;
        }
    }

    private static async Task<string> MakeSqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rolw-template-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        };
        // No pooling: the file must be closed (its WAL folded back in) before it is copied.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        await MigrateAsync(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString });
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE);", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }
        return file;
    }

    private static async Task<string> MakePostgresAsync(string admin)
    {
        var name = $"rolw_template_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgres(name);
        // No pooling: CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString();
        var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString };
        await MigrateAsync(options);
        // Hangfire's tables too, made by the server's own storage (SchedulingStorage, PrepareSchemaIfNecessary): a server
        // on PostgreSQL creates them at start when they are missing, which took about as long as the rest of its start
        // (issue 17 item 8). Copied with the template, they are found current and the server's check does nothing.
        _ = SchedulingStorage.Create(options, new SchedulingOptions());
        return name;
    }

    private static async Task MigrateAsync(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(builder, options, contentRoot: Path.GetTempPath());
        await using var db = new WorkflowDbContext(builder.Options);
        await DatabaseRegistration.MigrateAsync(db, CancellationToken.None);
    }

    private static void DropPostgres(string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(_postgresAdmin);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The cluster is already gone (test.sh stops it after the run): nothing is left to drop.
        }
    }
}
