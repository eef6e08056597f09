using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Operations;

/// <summary>
/// Issue 16 item 8, the procedure of docs/operations.md "Backup and restore": a database with the demo's worked matters
/// is backed up while the server runs (SQLite's online backup; PostgreSQL's <c>pg_dump -Fc</c>), restored into a fresh
/// database (a copied file; <c>pg_restore</c>), and a server started on it with the key ring kept apart verifies every
/// journal (chain, MACs, the signed checkpoint) and holds exactly the rows of the original.
/// </summary>
public sealed class BackupRestoreTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_backup_restored_into_a_fresh_database_verifies_every_journal(DatabaseProvider provider)
    {
        await using var original = await TestDatabase.CreateMigratedAsync(provider);
        await using var restored = await TestDatabase.CreateAsync(provider);
        var backup = Path.Combine(Path.GetTempPath(), $"rolw-backup-{Guid.NewGuid():N}.{(provider == DatabaseProvider.Sqlite ? "db" : "dump")}");
        try
        {
            Dictionary<string, long> before;
            await using (var server = new ServerFactory(original))
            {
                server.Settings["Demo:LivingMatters"] = "true";
                server.UseKestrel(0);
                server.StartServer();
                await server.Services.GetRequiredService<LivingDemo>().Ready.WaitAsync(TimeSpan.FromMinutes(4));
                using (var admin = await server.SignInAsync("admin"))
                {
                    // A signed checkpoint of every chain head, so the restored journals are verified against it too.
                    await admin.PostAsync("/api/admin/journal-checkpoints", null).ExpectAsync(HttpStatusCode.OK, server);
                }
                // Online: the server is running while the backup is taken.
                await BackupAsync(original, backup);
                before = await CountsAsync(server);
            }

            await RestoreAsync(backup, restored);
            // The key ring is backed up apart from the database (docs/security.md) and restored beside it.
            File.Copy(original.KeyRingFile, restored.KeyRingFile, overwrite: true);

            await using var again = new ServerFactory(restored);
            again.StartServer();
            var after = await CountsAsync(again);
            var differing = before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t, -1) != after.GetValueOrDefault(t, -1))
                .Select(t => $"{t}: {before.GetValueOrDefault(t, -1)} → {after.GetValueOrDefault(t, -1)}").ToList();
            Assert.True(differing.Count == 0, "the restored database's row counts differ: " + string.Join(", ", differing));
            var instances = await again.WithDatabaseAsync(db => db.Instances.Select(i => new { i.Id, Entries = db.Journal.Count(j => j.InstanceId == i.Id) }).ToListAsync());
            Assert.True(instances.Count >= 4, $"the demo made {instances.Count} procedures");
            using var reader = await again.SignInAsync("admin");
            foreach (var instance in instances)
            {
                using var response = await reader.GetAsync($"/api/instances/{instance.Id}/journal/verify").ExpectAsync(HttpStatusCode.OK, again);
                var verdict = await response.ReadJsonAsync();
                Assert.True(verdict.GetProperty("valid").GetBoolean(), $"{instance.Id}: {verdict}");
                Assert.Equal(instance.Entries, verdict.GetProperty("entriesChecked").GetInt32());
                Assert.Equal(instance.Entries, verdict.GetProperty("entriesKeyed").GetInt32());
                Assert.True(verdict.TryGetProperty("checkpoint", out var checkpoint) && checkpoint.ValueKind == JsonValueKind.Object, $"{instance.Id}: no checkpoint in {verdict}");
            }
        }
        finally
        {
            File.Delete(backup);
        }
    }

    /// <summary>SQLite: the online backup API (what <c>sqlite3 db ".backup file"</c> does); PostgreSQL: <c>pg_dump -Fc</c>.</summary>
    private static async Task BackupAsync(TestDatabase database, string file)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(database.ConnectionString);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            return;
        }
        await RunAsync("pg_dump", database, ["--format=custom", "--no-owner", $"--file={file}"]);
    }

    /// <summary>SQLite: the backup file becomes the database file; PostgreSQL: <c>pg_restore</c> into the fresh, empty database.</summary>
    private static async Task RestoreAsync(string file, TestDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            File.Copy(file, new SqliteConnectionStringBuilder(database.ConnectionString).DataSource, overwrite: true);
            return;
        }
        await RunAsync("pg_restore", database, ["--no-owner", "--exit-on-error", file]);
    }

    /// <summary>Runs a PostgreSQL client program (the newest installed under /usr/lib/postgresql) on <paramref name="database"/>.</summary>
    private static async Task RunAsync(string program, TestDatabase database, IEnumerable<string> arguments)
    {
        var binary = Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin", program)).Where(File.Exists)
            .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
            .FirstOrDefault() ?? throw new InvalidOperationException($"{program} is not installed under /usr/lib/postgresql/*/bin (the postgresql package)");
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add($"--dbname=host={connection.Host} port={connection.Port} user={connection.Username} dbname={connection.Database}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGPASSWORD"] = connection.Password ?? "";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await errors}{await output}");
    }

    /// <summary>Every mapped table's row count.</summary>
    private static Task<Dictionary<string, long>> CountsAsync(ServerFactory server) => server.WithDatabaseAsync(async db =>
    {
        var counts = new Dictionary<string, long>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            // Rate-limit windows are request counters that expire (a node prunes the old ones), not records to restore.
            foreach (var table in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.GetViewName() is null && t.GetTableName() != "RateLimitWindows")
                .Select(t => t.GetSchema() is { } schema ? $"\"{schema}\".\"{t.GetTableName()}\"" : $"\"{t.GetTableName()}\"").Distinct())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {table}";
                counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
            return counts;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });
}
