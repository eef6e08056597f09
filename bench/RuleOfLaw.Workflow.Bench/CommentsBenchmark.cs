using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>One client count measured on one provider: the server's figure and the raw database's in the same run.</summary>
public sealed record CommentsRow(string Provider, int Clients, LatencyStats Comments, int Refused, LatencyStats Baseline, string BaselineSource, string LoadAverage);

/// <summary>
/// Deadline-day load (issue 21, bench/README.md "Public comments"): public comments sent over HTTP to one open
/// consultation of the real server (its own process, Kestrel, the whole pipeline: rate limiter, JSON, validation,
/// hashing, encryption of the contact, the batched write), by N concurrent clients, next to what the database alone does
/// from N clients in the same run: <c>pgbench -N -c N</c> on PostgreSQL, single-row INSERT+COMMIT from N threads on
/// SQLite. Then the checks: every receipt answered is stored, the numbers are gap-free.
/// </summary>
public static class CommentsBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"rolw-bench-comments-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        Console.WriteLine($"RuleOfLaw.Workflow public comments benchmark (issue 21), {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"load average at start: {BenchProgram.LoadAverage()} (other processes on these CPUs skew every figure)");
        Console.WriteLine(FormattableString.Invariant(
            $"run: clients {string.Join(", ", options.Clients)}; warm-up {options.WarmupSeconds:F0} s, measured {options.Seconds:F0} s per phase"));
        Console.WriteLine("comment  = POST /api/public/consultations/{id}/comments over HTTP (keep-alive) to the server in its own process");
        Console.WriteLine("           (ASPNETCORE_ENVIRONMENT=Staging, the living demo's open consultation, an Idempotency-Key per request,");
        Console.WriteLine("           every 10th text the same campaign text), 201 counted; latency per request at the client");
        Console.WriteLine();
        var rows = new List<CommentsRow>();
        var failed = false;
        try
        {
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
                    failed |= !await RunProviderAsync("sqlite", database, folder, options, rows,
                        clients => Task.FromResult(SqliteInserts(folder, clients, options.Seconds, options.WarmupSeconds)), ct);
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
                        temp, options, rows, clients => RawBaselines.PgbenchClientsAsync(pgbench, pgbenchTarget, clients, options.Seconds, temp, ct), ct);
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

            Console.WriteLine("== summary (comments/s over HTTP vs the database alone from the same number of clients, same run)");
            Console.WriteLine("provider               clients  comments/s   p50 ms   p99 ms  refused  baseline/s   p99 ms  baseline                            ratio  load average");
            foreach (var r in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Provider,-22} {r.Clients,7} {r.Comments.PerSecond,11:F1} {r.Comments.P50,8:F2} {r.Comments.P99,8:F2} {r.Refused,8} {r.Baseline.PerSecond,11:F1} {r.Baseline.P99,8:F2}  {r.BaselineSource,-34} {r.Comments.PerSecond / r.Baseline.PerSecond,6:F2}  {r.LoadAverage}"));
            }
            Console.WriteLine("ratio = comments/s ÷ baseline/s (≥ 1: the server takes comments as fast as the database alone commits its own small transactions)");
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

    /// <summary>Starts the server on <paramref name="database"/>, measures every client count and its baseline, checks, stops the server.</summary>
    private static async Task<bool> RunProviderAsync(string name, DatabaseOptions database, string folder, BenchOptions options, List<CommentsRow> rows,
        Func<int, Task<(LatencyStats Stats, string Source)>> baseline, CancellationToken ct)
    {
        var port = FreePort();
        var keyRing = Path.Combine(folder, $"keys-{Guid.NewGuid():N}.json");
        using var server = StartServer(options, database, port, keyRing);
        var log = new ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var receipts = new ConcurrentDictionary<string, bool>();
        try
        {
            using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 1024 };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            var started = Stopwatch.StartNew();
            var consultation = await WaitForConsultationAsync(http, server, log, ct);
            Console.WriteLine(FormattableString.Invariant($"   server up, demo consultation {consultation} open, after {started.Elapsed.TotalSeconds:F1} s"));
            foreach (var clients in options.Clients)
            {
                EngineBenchmark.Progress($"{name}: {clients} clients, warm-up");
                await LoadAsync(http, consultation, clients, options.WarmupSeconds, receipts, ct);
                EngineBenchmark.Progress($"{name}: {clients} clients, measured");
                var (stats, refused) = await LoadAsync(http, consultation, clients, options.Seconds, receipts, ct);
                var load = BenchProgram.LoadAverage();
                Console.WriteLine($"   comments, {clients,2} clients  {stats}  refused {refused}  (load average {load})");
                EngineBenchmark.Progress($"{name}: {clients} clients, baseline");
                var (raw, source) = await baseline(clients);
                Console.WriteLine($"   baseline, {clients,2} clients  {raw}  ({source})");
                rows.Add(new CommentsRow(name, clients, stats, refused, raw, source, load));
            }
            return await CheckAsync(database, consultation, receipts, ct);
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

    /// <summary>
    /// <paramref name="clients"/> loops, each sending its next comment as soon as the last one answered, for
    /// <paramref name="seconds"/>. Answers other than 201 are counted as refused (the run's checks then fail).
    /// </summary>
    private static async Task<(LatencyStats Stats, int Refused)> LoadAsync(HttpClient http, Guid consultation, int clients, double seconds,
        ConcurrentDictionary<string, bool> receipts, CancellationToken ct)
    {
        var url = $"/api/public/consultations/{consultation}/comments";
        var refused = 0;
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var latencies = new List<double>(8192);
            for (var n = 0; clock.Elapsed.TotalSeconds < seconds; n++)
            {
                var text = n % 10 == 0 ? "坚决支持夜间路内停车免费，建议尽快实施。" : $"第{client}号客户的第{n}条意见：建议一类区域首小时收费{n % 7 + 3}元。";
                var body = JsonSerializer.Serialize(new { submitterType = n % 3 == 0 ? "individual" : "anonymous", name = n % 3 == 0 ? $"市民{client}" : null, contact = n % 3 == 0 ? "13800000000" : null, text });
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, ct);
                var answer = await response.Content.ReadAsStringAsync(ct);
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    if (Interlocked.Increment(ref refused) <= 3)
                    {
                        Console.WriteLine($"   refused: {(int)response.StatusCode} {answer}");
                    }
                    continue;
                }
                var receipt = JsonSerializer.Deserialize<CommentReceipt>(answer, JsonSerializerOptions.Web)!;
                if (!receipts.TryAdd(receipt.ReceiptNumber, true))
                {
                    throw new InvalidOperationException($"receipt {receipt.ReceiptNumber} answered twice");
                }
            }
            return latencies;
        }, ct)));
        var elapsed = clock.Elapsed.TotalSeconds;
        return (LatencyStats.From([.. perClient.SelectMany(l => l)], elapsed), refused);
    }

    /// <summary>Every receipt answered is stored; the stored numbers are 1..n; the counter says n.</summary>
    private static async Task<bool> CheckAsync(DatabaseOptions database, Guid consultation, ConcurrentDictionary<string, bool> receipts, CancellationToken ct)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(builder, database, AppContext.BaseDirectory);
        await using var db = new WorkflowDbContext(builder.Options);
        var stored = await db.Set<ConsultationComment>().AsNoTracking().Where(c => c.ConsultationId == consultation)
            .OrderBy(c => c.Sequence).Select(c => new { c.Sequence, c.ReceiptNumber }).ToListAsync(ct);
        var counter = await db.Set<Consultation>().Where(c => c.Id == consultation).Select(c => c.CommentSequence).SingleAsync(ct);
        var numbers = stored.Select(c => c.Sequence).ToList();
        var gapFree = numbers.SequenceEqual(Enumerable.Range(1, stored.Count)) && counter == stored.Count;
        var storedReceipts = stored.Select(c => c.ReceiptNumber).ToHashSet();
        var missing = receipts.Keys.Count(r => !storedReceipts.Contains(r));
        Console.WriteLine($"   check: {(gapFree ? "ok  " : "FAIL")} receipt numbers 1..{stored.Count} without a gap, counter {counter}");
        Console.WriteLine($"   check: {(missing == 0 ? "ok  " : "FAIL")} every receipt answered is stored ({receipts.Count} answered, {missing} missing)");
        Console.WriteLine();
        return gapFree && missing == 0;
    }

    private static Process StartServer(BenchOptions options, DatabaseOptions database, int port, string keyRing)
    {
        var dll = options.ServerDll ?? FindServerDll();
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
        // Production behaviour, except that the demo (with its open consultation) may be seeded, which Production refuses.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["Crypto__KeyRingFile"] = keyRing;
        start.Environment["Workflows__Directory"] = WorkflowsDirectory(options);
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Demo__LivingMatters"] = "true";
        start.Environment["Mail__Enabled"] = "false";
        // All clients come from 127.0.0.1: the per-address limit is raised as a deployment expecting a campaign through one
        // address would (docs/participation.md); the limiter itself still runs on every request.
        start.Environment["Participation__PublicComments__PermitLimit"] = "100000";
        start.Environment["Participation__PublicComments__WindowSeconds"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
    }

    /// <summary>Until the living demo's consultation is open and the demo is done making its matters (its log line).</summary>
    private static async Task<Guid> WaitForConsultationAsync(HttpClient http, Process server, ConcurrentQueue<string> log, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(5));
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the server exited ({server.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, log)}");
            }
            if (log.Any(l => l.Contains("Demo matters could not be made", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"the living demo failed:{Environment.NewLine}{string.Join(Environment.NewLine, log)}");
            }
            if (log.Any(l => l.Contains("Demo matters made", StringComparison.Ordinal)))
            {
                var open = await http.GetFromJsonAsync<List<JsonElement>>("/api/public/consultations", JsonSerializerOptions.Web, patience.Token);
                return open!.Select(c => c.GetProperty("id").GetGuid()).Single();
            }
            await Task.Delay(500, patience.Token);
        }
    }

    /// <summary>Raw SQLite: <paramref name="clients"/> threads, each with its own connection, single-row INSERT+COMMIT in a loop, on one file.</summary>
    internal static (LatencyStats, string) SqliteInserts(string folder, int clients, double seconds, double warmupSeconds)
    {
        var file = Path.Combine(folder, $"raw-inserts-{clients}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        using (var setup = new SqliteConnection(connectionString))
        {
            setup.Open();
            using var command = setup.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, sequence INTEGER NOT NULL, occurred_at TEXT NOT NULL, data TEXT NOT NULL);";
            command.ExecuteNonQuery();
        }
        List<double> Run(double duration, bool keep)
        {
            var all = new ConcurrentBag<List<double>>();
            var clock = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, clients).Select(_ => new Thread(() =>
            {
                var latencies = new List<double>(16384);
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO history (instance_id, sequence, occurred_at, data) VALUES ($instance, $sequence, $at, $data)";
                var instance = insert.Parameters.Add("$instance", SqliteType.Text);
                var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
                var at = insert.Parameters.Add("$at", SqliteType.Text);
                insert.Parameters.AddWithValue("$data", "{}");
                long n = 0;
                while (clock.Elapsed.TotalSeconds < duration)
                {
                    var started = Stopwatch.GetTimestamp();
                    using (var transaction = connection.BeginTransaction())
                    {
                        insert.Transaction = transaction;
                        instance.Value = Guid.NewGuid().ToString();
                        sequence.Value = ++n;
                        at.Value = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                        insert.ExecuteNonQuery();
                        transaction.Commit();
                    }
                    if (keep)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                all.Add(latencies);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            return [.. all.SelectMany(l => l)];
        }
        Run(warmupSeconds, keep: false);
        var clock = Stopwatch.StartNew();
        var measured = Run(seconds, keep: true);
        return (LatencyStats.From(measured, clock.Elapsed.TotalSeconds), $"SQLite INSERT+COMMIT, {clients} threads");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RuleOfLaw.Workflow.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found above the program; pass --server-dll and --workflows");
    }

    /// <summary>The server's own Release build (bench/run.sh builds it through the project reference).</summary>
    internal static string FindServerDll()
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "RuleOfLaw.Workflow.Server", "bin", "Release", "net10.0", "RuleOfLaw.Workflow.Server.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"server build not found at {dll} (dotnet build -c Release, or --server-dll)");
    }

    internal static string WorkflowsDirectory(BenchOptions options) => options.Workflows ?? Path.Combine(RepositoryRoot(), "workflows");
}
