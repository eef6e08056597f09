using Microsoft.Data.Sqlite;
using Npgsql;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// One database per provider on which a test server has already started once as <see cref="ServerFactory.StartAsync"/>
/// starts most of them (demo county seeded, definitions installed, key ring made), with its key ring file; copied for
/// each such server (<see cref="TestDatabase.CreateSeededAsync"/>), whose start then finds all of it there, as a
/// restarted server does, instead of seeding again (issue 17 item 8: seeding was about a fifth of a start's CPU).
/// Made from this build each run by a real start, never kept between runs; removed when the process exits.
/// </summary>
internal static class SeededTemplate
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<DatabaseProvider, Task<TestDatabase>> Templates = [];

    public static Task<TestDatabase> ForAsync(DatabaseProvider provider)
    {
        lock (Gate)
        {
            if (!Templates.TryGetValue(provider, out var template) || template.IsFaulted)
            {
                template = MakeAsync(provider);
                Templates[provider] = template;
            }
            return template;
        }
    }

    private static async Task<TestDatabase> MakeAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(database);
        await using (var server = new ServerFactory(database))
        {
            server.StartServer();
        }
        // Nothing may stay connected to a template: SQLite's file is copied whole (its WAL folded back in first),
        // PostgreSQL refuses CREATE DATABASE … TEMPLATE while anyone is connected to it.
        if (provider == DatabaseProvider.Sqlite)
        {
            using (var pooled = new SqliteConnection(database.ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }
            var unpooled = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString();
            await using var connection = new SqliteConnection(unpooled);
            await connection.OpenAsync();
            await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE);", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }
        else
        {
            await using (var pooled = new NpgsqlConnection(database.ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            // Hangfire's storage opens its own connections (a pool of its own): ended here, the server being gone.
            await using var connection = new NpgsqlConnection(TestDatabase.PostgresAdmin());
            await connection.OpenAsync();
            await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
            end.Parameters.AddWithValue("name", new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!);
            await end.ExecuteNonQueryAsync();
        }
        return database;
    }

    private static void Remove(TestDatabase database)
    {
        try
        {
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is NpgsqlException or IOException)
        {
            // The cluster is already gone (test.sh stops it after the run), or the file with it.
        }
    }
}
