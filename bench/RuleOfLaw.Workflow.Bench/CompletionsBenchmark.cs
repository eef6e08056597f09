using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>One client count measured on one provider: completions over HTTP, the server's CPU, and the baseline of the same run.</summary>
public sealed record CompletionsRow(
    string Provider, int Clients, LatencyStats Completions, int Refused, double CpuMsPerCompletion, string? Reads,
    LatencyStats Baseline, string BaselineSource, string LoadAverage);

/// <summary>
/// Task completions over HTTP at the speed of the database (issue 21 goal 2, bench/README.md "Task completions"): the
/// real server in its own process (Kestrel, cookie sign-in, the whole pipeline) on a fresh database; <c>--instances</c>
/// matters of the looping <c>bench-loop</c> procedure created and started through the API before the timed part; then N
/// clients, each completing open tasks (<c>POST /api/tasks/{id}/complete</c>, outcome <c>again</c>, an Idempotency-Key per
/// request) as fast as the server answers. Each completion opens the step's next task, which goes back into the pool,
/// so no two clients work on one instance at once. Printed next to <c>pgbench -N -c N</c> (PostgreSQL) or single-row
/// INSERT+COMMIT from N threads (SQLite) of the same run. Checks: every completion answered is journaled exactly once,
/// and every instance's version moved by exactly the completions answered on it.
/// </summary>
public static class CompletionsBenchmark
{
    private const string Definition = "bench-loop";

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"rolw-bench-completions-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        var clients = options.ClientsGiven ? options.Clients : [16, 1];
        Console.WriteLine($"RuleOfLaw.Workflow task completions benchmark (issue 21 goal 2), {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"load average at start: {BenchProgram.LoadAverage()} (other processes on these CPUs skew every figure)");
        Console.WriteLine(FormattableString.Invariant(
            $"run: {options.Instances} instances prepared through the API; clients {string.Join(", ", clients)}; warm-up {options.WarmupSeconds:F0} s, measured {options.Seconds:F0} s per phase"));
        Console.WriteLine("completion = POST /api/tasks/{id}/complete {\"outcome\":\"again\"} over HTTP (keep-alive, cookie of the demo user 'drafter',");
        Console.WriteLine("             an Idempotency-Key per request) to the server in its own process; 200 counted; latency per request at the client;");
        Console.WriteLine("             cpu = the server process's CPU time (user+system) during the measured phase ÷ completions");
        Console.WriteLine();
        var rows = new List<CompletionsRow>();
        var failed = false;
        try
        {
            var workflows = PrepareWorkflows(options, temp);
            foreach (var provider in options.Providers)
            {
                if (provider == "sqlite")
                {
                    var folder = Path.Combine(temp, "sqlite");
                    Directory.CreateDirectory(folder);
                    var database = new DatabaseOptions
                    {
                        Provider = DatabaseProvider.Sqlite,
                        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "rule-of-law.db") }.ToString(),
                    };
                    Console.WriteLine($"== sqlite (file in {folder})");
                    failed |= !await RunProviderAsync("sqlite", database, null, workflows, folder, options, clients, rows,
                        n => Task.FromResult(CommentsBenchmark.SqliteInserts(folder, n, options.Seconds, options.WarmupSeconds)), ct);
                    SqliteConnection.ClearAllPools();
                    continue;
                }
                var pgbench = RawBaselines.FindPgbench(options.Pgbench)
                    ?? throw new InvalidOperationException($"pgbench not found (set {BenchOptions.PgbenchVariable} or pass --pgbench)");
                var mode = options.PgSettings[0];
                var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
                if (mode != "as-is")
                {
                    await BenchProgram.ApplySettingsAsync(admin.ConnectionString, mode, ct);
                }
                var name = mode == "as-is" ? "postgresql" : $"postgresql ({mode})";
                var suffix = Guid.NewGuid().ToString("N")[..12];
                var serverDb = $"rolw_bench_{suffix}";
                var pgbenchDb = $"rolw_bench_pgbench_{suffix}";
                try
                {
                    await BenchProgram.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{serverDb}\"", ct);
                    await BenchProgram.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{pgbenchDb}\"", ct);
                    var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = serverDb };
                    Console.WriteLine($"== {name} ({admin.Host}:{admin.Port}, {await BenchProgram.SettingsAsync(target.ConnectionString, ct)})");
                    var pgbenchTarget = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = pgbenchDb };
                    await RawBaselines.PgbenchInitAsync(pgbench, pgbenchTarget, ct);
                    failed |= !await RunProviderAsync(name, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = target.ConnectionString },
                        target.ConnectionString, workflows, temp, options, clients, rows,
                        n => RawBaselines.PgbenchClientsAsync(pgbench, pgbenchTarget, n, options.Seconds, temp, ct), ct);
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    await BenchProgram.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{serverDb}\" WITH (FORCE)", CancellationToken.None);
                    await BenchProgram.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{pgbenchDb}\" WITH (FORCE)", CancellationToken.None);
                    if (mode != "as-is")
                    {
                        await BenchProgram.ApplySettingsAsync(admin.ConnectionString, "reset", CancellationToken.None);
                    }
                }
            }

            Console.WriteLine("== summary (task completions/s over HTTP vs the database alone from the same number of clients, same run)");
            Console.WriteLine("provider               clients  completions/s   p50 ms   p99 ms  refused  cpu ms/compl  baseline/s   p99 ms  baseline                            ratio  load average");
            foreach (var r in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Provider,-22} {r.Clients,7} {r.Completions.PerSecond,14:F1} {r.Completions.P50,8:F2} {r.Completions.P99,8:F2} {r.Refused,8} {r.CpuMsPerCompletion,13:F2} {r.Baseline.PerSecond,11:F1} {r.Baseline.P99,8:F2}  {r.BaselineSource,-34} {r.Completions.PerSecond / r.Baseline.PerSecond,6:F2}  {r.LoadAverage}"));
            }
            foreach (var r in rows.Where(r => r.Reads is not null))
            {
                Console.WriteLine($"{r.Provider}, {r.Clients} clients, per completion: {r.Reads}");
            }
            Console.WriteLine("ratio = completions/s ÷ baseline/s (goal: ≥ 0.5 at 16 clients on PostgreSQL)");
            Console.WriteLine($"load average at end: {BenchProgram.LoadAverage()}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"warning: could not delete {temp}: {e.Message}");
            }
        }
        return failed ? 1 : 0;
    }

    /// <summary>The repository's workflows folder (definitions, calendars, jurisdictions) plus the looping bench definition.</summary>
    private static string PrepareWorkflows(BenchOptions options, string temp)
    {
        var source = CommentsBenchmark.WorkflowsDirectory(options);
        var target = Path.Combine(temp, "workflows");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        File.Copy(Path.Combine(AppContext.BaseDirectory, "definitions", $"{Definition}.json"), Path.Combine(target, $"{Definition}.json"));
        return target;
    }

    private static async Task<bool> RunProviderAsync(string name, DatabaseOptions database, string? postgres, string workflows, string folder,
        BenchOptions options, List<int> clientCounts, List<CompletionsRow> rows, Func<int, Task<(LatencyStats Stats, string Source)>> baseline,
        CancellationToken ct)
    {
        var port = CommentsBenchmark.FreePort();
        var keyRing = Path.Combine(folder, $"keys-{Guid.NewGuid():N}.json");
        using var server = StartServer(options, database, workflows, port, keyRing);
        var log = new ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 1024, UseCookies = true, CookieContainer = new CookieContainer(),
            };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            var started = Stopwatch.StartNew();
            await WaitForHealthAsync(http, server, log, ct);
            using (var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "drafter", password = "RuleOfLaw@2026" }, ct))
            {
                login.EnsureSuccessStatusCode();
            }
            Console.WriteLine(FormattableString.Invariant($"   server up and signed in as drafter after {started.Elapsed.TotalSeconds:F1} s"));
            var prepared = Stopwatch.StartNew();
            var pool = await PrepareAsync(http, options.Instances, ct);
            Console.WriteLine(FormattableString.Invariant(
                $"   prepared {pool.Count} matters of '{Definition}' started through the API (POST /api/matters, POST /api/instances) in {prepared.Elapsed.TotalSeconds:F1} s"));
            if (options.TraceSql)
            {
                await TraceAsync(http, pool, log, ct);
            }
            var versionsBefore = await VersionsAsync(database, ct);
            var answered = new ConcurrentBag<(Guid Instance, Guid Task)>();
            foreach (var clients in clientCounts)
            {
                EngineBenchmark.Progress($"{name}: {clients} clients, warm-up");
                await LoadAsync(http, pool, clients, options.WarmupSeconds, answered, ct);
                var tables = postgres is null ? null : await TableStatsAsync(postgres, ct);
                server.Refresh();
                var cpuBefore = server.TotalProcessorTime;
                EngineBenchmark.Progress($"{name}: {clients} clients, measured");
                var (stats, refused) = await LoadAsync(http, pool, clients, options.Seconds, answered, ct);
                server.Refresh();
                var cpu = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, stats.Count);
                var load = BenchProgram.LoadAverage();
                string? reads = null;
                if (postgres is not null)
                {
                    // Table statistics reach the views within a second of the transaction (stats_fetch_consistency aside).
                    await Task.Delay(1500, ct);
                    reads = Per(tables!, await TableStatsAsync(postgres, ct), stats.Count);
                }
                Console.WriteLine(FormattableString.Invariant($"   completions, {clients,2} clients  {stats}  refused {refused}  cpu {cpu:F2} ms/completion  (load average {load})"));
                if (reads is not null)
                {
                    Console.WriteLine($"   per completion: {reads}");
                }
                EngineBenchmark.Progress($"{name}: {clients} clients, baseline");
                var (raw, source) = await baseline(clients);
                Console.WriteLine($"   baseline, {clients,2} clients  {raw}  ({source})");
                rows.Add(new CompletionsRow(name, clients, stats, refused, cpu, reads, raw, source, load));
            }
            return await CheckAsync(database, versionsBefore, answered, ct);
        }
        catch (Exception) when (!server.HasExited)
        {
            Console.WriteLine(string.Join(Environment.NewLine, log.TakeLast(40)));
            throw;
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }
            File.Delete(keyRing);
        }
    }

    /// <summary>The pool of open tasks: one per instance, each instance in it at most once.</summary>
    private static async Task<ConcurrentQueue<(Guid Instance, Guid Task)>> PrepareAsync(HttpClient http, int instances, CancellationToken ct)
    {
        var pool = new ConcurrentQueue<(Guid, Guid)>();
        var next = -1;
        var numberingConflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < instances)
            {
                // Matters made at once can draw the same number; the server retries that a few times and then answers
                // 409 concurrent-modification with nothing stored, so the preparation asks again (and counts it).
                HttpResponseMessage matter;
                string matterBody;
                for (var attempt = 1; ; attempt++)
                {
                    matter = await http.PostAsJsonAsync("/api/matters",
                        new { title = $"基准测试事项 {n + 1}", category = "public-policy", definitionId = Definition }, ct);
                    matterBody = await matter.Content.ReadAsStringAsync(ct);
                    if (matter.StatusCode != HttpStatusCode.Conflict || attempt == 20)
                    {
                        break;
                    }
                    matter.Dispose();
                    Interlocked.Increment(ref numberingConflicts);
                }
                using var created = matter;
                if (matter.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST /api/matters answered {(int)matter.StatusCode}: {matterBody}");
                }
                var matterId = JsonDocument.Parse(matterBody).RootElement.GetProperty("id").GetGuid();
                using var start = await http.PostAsJsonAsync("/api/instances", new { matterId }, ct);
                var startBody = await start.Content.ReadAsStringAsync(ct);
                if (start.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST /api/instances answered {(int)start.StatusCode}: {startBody}");
                }
                pool.Enqueue(OpenTask(startBody));
            }
        }, ct)));
        if (numberingConflicts > 0)
        {
            Console.WriteLine($"   preparation: POST /api/matters answered 409 concurrent-modification {numberingConflicts} times (matter numbers drawn at once), asked again");
        }
        return pool;
    }

    private static (Guid Instance, Guid Task) OpenTask(string instanceView)
    {
        var root = JsonDocument.Parse(instanceView).RootElement;
        var task = root.GetProperty("openTasks").EnumerateArray().Single();
        return (root.GetProperty("id").GetGuid(), task.GetProperty("id").GetGuid());
    }

    /// <summary>
    /// <paramref name="clients"/> loops, each taking an open task from the pool, completing it and putting the
    /// instance's next task back, for <paramref name="seconds"/>. Answers other than 200 are counted as refused (the
    /// instance then leaves the pool).
    /// </summary>
    private static async Task<(LatencyStats Stats, int Refused)> LoadAsync(HttpClient http, ConcurrentQueue<(Guid Instance, Guid Task)> pool, int clients,
        double seconds, ConcurrentBag<(Guid Instance, Guid Task)> answered, CancellationToken ct)
    {
        var refused = 0;
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(8192);
            while (clock.Elapsed.TotalSeconds < seconds && pool.TryDequeue(out var open))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{open.Task}/complete")
                {
                    Content = new StringContent("{\"outcome\":\"again\",\"comment\":\"基准测试\"}", Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, ct);
                var answer = await response.Content.ReadAsStringAsync(ct);
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    if (Interlocked.Increment(ref refused) <= 3)
                    {
                        Console.WriteLine($"   refused: {(int)response.StatusCode} {answer}");
                    }
                    continue;
                }
                answered.Add(open);
                pool.Enqueue(OpenTask(answer));
            }
            return latencies;
        }, ct)));
        var elapsed = clock.Elapsed.TotalSeconds;
        return (LatencyStats.From([.. perClient.SelectMany(l => l)], elapsed), refused);
    }

    /// <summary>--trace-sql: the server's EF command log of three completions, one after another (the round trips of each).</summary>
    private static async Task TraceAsync(HttpClient http, ConcurrentQueue<(Guid Instance, Guid Task)> pool, ConcurrentQueue<string> log, CancellationToken ct)
    {
        var unused = new ConcurrentBag<(Guid, Guid)>();
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(1000, ct);
            var mark = log.Count;
            await LoadOneAsync(http, pool, unused, ct);
            await Task.Delay(1000, ct);
            var lines = log.Skip(mark).ToList();
            Console.WriteLine($"   --trace-sql, completion {i + 1}: {lines.Count(l => l.Contains("Executed DbCommand", StringComparison.Ordinal))} commands");
            if (i == 2)
            {
                foreach (var line in lines)
                {
                    Console.WriteLine($"      {line}");
                }
            }
        }
    }

    private static async Task LoadOneAsync(HttpClient http, ConcurrentQueue<(Guid Instance, Guid Task)> pool, ConcurrentBag<(Guid, Guid)> answered, CancellationToken ct)
    {
        pool.TryDequeue(out var open);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{open.Task}/complete")
        {
            Content = new StringContent("{\"outcome\":\"again\",\"comment\":\"基准测试\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"completion answered {(int)response.StatusCode}: {answer}");
        }
        answered.Add(open);
        pool.Enqueue(OpenTask(answer));
    }

    private static async Task<Dictionary<Guid, long>> VersionsAsync(DatabaseOptions database, CancellationToken ct)
    {
        await using var db = Context(database);
        return await db.Instances.AsNoTracking().Where(i => i.DefinitionId == Definition).ToDictionaryAsync(i => i.Id, i => (long)i.Version, ct);
    }

    /// <summary>Every completion answered is journaled exactly once; every instance's version moved by exactly the completions answered on it.</summary>
    private static async Task<bool> CheckAsync(DatabaseOptions database, Dictionary<Guid, long> before, ConcurrentBag<(Guid Instance, Guid Task)> answered, CancellationToken ct)
    {
        await using var db = Context(database);
        var journaled = (await db.Journal.AsNoTracking().Where(j => j.Type == JournalEntryTypes.TaskCompleted && j.TaskId != null)
                .Select(j => j.TaskId!.Value).ToListAsync(ct))
            .GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var tasks = answered.Select(a => a.Task).ToList();
        var notOnce = tasks.Count(t => journaled.GetValueOrDefault(t) != 1);
        var duplicateAnswers = tasks.Count - tasks.Distinct().Count();
        var unanswered = journaled.Keys.Count(t => !tasks.Contains(t));
        var after = await VersionsAsync(database, ct);
        var perInstance = answered.GroupBy(a => a.Instance).ToDictionary(g => g.Key, g => g.Count());
        var lost = before.Count(b => after.GetValueOrDefault(b.Key) - b.Value != perInstance.GetValueOrDefault(b.Key));
        var ok1 = notOnce == 0 && duplicateAnswers == 0;
        var ok2 = lost == 0 && after.Count == before.Count;
        Console.WriteLine($"   check: {(ok1 ? "ok  " : "FAIL")} every completion answered is journaled exactly once ({tasks.Count} answered, {notOnce} not once, {duplicateAnswers} answered twice; {unanswered} journaled but not answered)");
        Console.WriteLine($"   check: {(ok2 ? "ok  " : "FAIL")} every instance's version moved by the completions answered on it ({before.Count} instances, {lost} off)");
        Console.WriteLine();
        return ok1 && ok2;
    }

    private static WorkflowDbContext Context(DatabaseOptions database)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(builder, database, AppContext.BaseDirectory);
        return new WorkflowDbContext(builder.Options);
    }

    /// <summary>Per table: scans (index + sequential: the reads), rows inserted and updated; and the database's commits.</summary>
    private static async Task<Dictionary<string, (long Scans, long Inserted, long Updated)>> TableStatsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE schemaname = 'public'
            UNION ALL SELECT ' commits', xact_commit, 0, 0 FROM pg_stat_database WHERE datname = current_database()
            """, connection);
        var result = new Dictionary<string, (long, long, long)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        return result;
    }

    private static string Per(Dictionary<string, (long Scans, long Inserted, long Updated)> before,
        Dictionary<string, (long Scans, long Inserted, long Updated)> after, int completions)
    {
        string F(long v) => (v / (double)Math.Max(1, completions)).ToString("0.##", CultureInfo.InvariantCulture);
        var deltas = after.Select(a =>
        {
            var b = before.GetValueOrDefault(a.Key);
            return (Table: a.Key, Scans: a.Value.Scans - b.Scans, Inserted: a.Value.Inserted - b.Inserted, Updated: a.Value.Updated - b.Updated);
        }).ToList();
        var commits = deltas.Single(d => d.Table == " commits").Scans;
        var tables = deltas.Where(d => d.Table != " commits" && (d.Scans | d.Inserted | d.Updated) != 0).OrderBy(d => d.Table, StringComparer.Ordinal);
        return $"commits {F(commits)}; table scans {F(tables.Sum(t => t.Scans))} ("
            + string.Join(", ", tables.Where(t => t.Scans != 0).Select(t => $"{t.Table} {F(t.Scans)}")) + "); rows inserted "
            + string.Join(", ", tables.Where(t => t.Inserted != 0).Select(t => $"{t.Table} {F(t.Inserted)}")) + "; updated "
            + string.Join(", ", tables.Where(t => t.Updated != 0).Select(t => $"{t.Table} {F(t.Updated)}"));
    }

    private static Process StartServer(BenchOptions options, DatabaseOptions database, string workflows, int port, string keyRing)
    {
        var dll = options.ServerDll ?? CommentsBenchmark.FindServerDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        // Production behaviour, except that the demo's organizations and users (drafter) may be seeded.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["Crypto__KeyRingFile"] = keyRing;
        start.Environment["Workflows__Directory"] = workflows;
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Demo__LivingMatters"] = "false";
        start.Environment["Mail__Enabled"] = "false";
        if (options.TraceSql)
        {
            start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
            start.Environment["Logging__Console__FormatterName"] = "simple";
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process server, ConcurrentQueue<string> log, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(5));
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the server exited ({server.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, log)}");
            }
            try
            {
                using var health = await http.GetAsync("/health", patience.Token);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500, patience.Token);
        }
    }
}
