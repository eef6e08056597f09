using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>One provider (and, for PostgreSQL, one set of server settings) measured: engine and raw database.</summary>
public sealed record TargetResult(string Name, EngineResult Engine, RawResult Raw, RawResult? RawDriver);

/// <summary>
/// Durable step transitions per second through the engine, on SQLite and PostgreSQL, printed next to what the
/// database alone does in the same run (bench/README.md). Exit code 0 when every run passed its checks.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (HelpRequestedException)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}\n\n{BenchOptions.Usage}");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var ct = cancel.Token;

        if (options.Mode == "record")
        {
            return await RecordBenchmark.RunAsync(options, ct);
        }
        if (options.Mode == "comments")
        {
            return await CommentsBenchmark.RunAsync(options, ct);
        }
        if (options.Mode == "completions")
        {
            return await CompletionsBenchmark.RunAsync(options, ct);
        }
        if (options.Mode == "timers")
        {
            return await TimersProgram.RunAsync(options, ct);
        }

        var definitions = Path.Combine(AppContext.BaseDirectory, "definitions");
        var calendars = Path.Combine(WorkflowsOptions.Resolve(options.Workflows, AppContext.BaseDirectory), "calendars");
        var temp = Path.Combine(Path.GetTempPath(), $"rolw-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);

        Console.WriteLine($"RuleOfLaw.Workflow benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine(FormattableString.Invariant(
            $"run: one client, sequential; {options.Instances} instances round-robin; warm-up {options.WarmupSeconds:F0} s, measured {options.Seconds:F0} s per phase"));
        Console.WriteLine($"load average at start: {LoadAverage()} (other processes on these CPUs skew every figure)");
        Console.WriteLine("transition: complete the open task of a looping human task through InstanceCommandService.ExecuteAsync");
        Console.WriteLine("            (idempotency check, load, WorkflowEngine.Decide, one transaction: state + task rows + 2 journal entries + idempotency record)");
        Console.WriteLine();

        var results = new List<TargetResult>();
        var failed = false;
        var engine = new EngineBenchmark(options, definitions, calendars);
        try
        {
            foreach (var provider in options.Providers)
            {
                if (provider == "sqlite")
                {
                    results.Add(await SqliteAsync(options, engine, temp, ct));
                    failed |= Print(results[^1]);
                    continue;
                }
                var pgbench = RawBaselines.FindPgbench(options.Pgbench)
                    ?? throw new InvalidOperationException($"pgbench not found (set {BenchOptions.PgbenchVariable} or pass --pgbench)");
                foreach (var mode in options.PgSettings)
                {
                    results.Add(await PostgresAsync(options, engine, pgbench, mode, temp, ct));
                    failed |= Print(results[^1]);
                }
            }

            var loops = results.Count == 0 ? 10 : Math.Max(1, (int)Math.Round(results[0].Engine.LoopsPerInstance));
            Console.WriteLine($"== engine alone, no database (key hash, state JSON in and out, Decide, response JSON), new instance every {loops} loops");
            EngineBenchmark.Progress("engine alone, no database");
            var (cpu, cpuRuntime) = EngineOnly.Run(definitions, calendars, loops, Math.Min(options.Seconds, 5), options.WarmupSeconds);
            Console.WriteLine($"   {cpu}");
            Console.WriteLine($"   {cpuRuntime}");
            Console.WriteLine();

            PrintTable(results, cpu);
            Console.WriteLine($"load average at end: {LoadAverage()}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

    private static async Task<TargetResult> SqliteAsync(BenchOptions options, EngineBenchmark engine, string temp, CancellationToken ct)
    {
        var folder = Path.Combine(temp, "sqlite");
        Directory.CreateDirectory(folder);
        Console.WriteLine($"== sqlite (file in {folder})");
        var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "rule-of-law.db"), Pooling = true };
        var result = await engine.RunAsync(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connection.ToString() }, folder, ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        EngineBenchmark.Progress("sqlite: raw single-row inserts");
        var raw = RawBaselines.SqliteInserts(folder, options.Seconds, options.WarmupSeconds);
        return new TargetResult("sqlite", result, raw, null);
    }

    private static async Task<TargetResult> PostgresAsync(BenchOptions options, EngineBenchmark engine, string pgbench, string mode, string temp, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
        if (mode != "as-is")
        {
            await ApplySettingsAsync(admin.ConnectionString, mode, ct);
        }
        var name = mode == "as-is" ? "postgresql" : $"postgresql ({mode})";
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var engineDb = $"rolw_bench_{suffix}";
        var pgbenchDb = $"rolw_bench_pgbench_{suffix}";
        try
        {
            await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{engineDb}\"", ct);
            await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{pgbenchDb}\"", ct);
            var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = engineDb };
            Console.WriteLine($"== {name} ({admin.Host}:{admin.Port}, {await SettingsAsync(target.ConnectionString, ct)})");

            var result = await engine.RunAsync(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = target.ConnectionString }, temp, ct);
            NpgsqlConnection.ClearAllPools();
            EngineBenchmark.Progress($"{name}: pgbench -i, then pgbench -N");
            var raw = await RawBaselines.PgbenchAsync(pgbench, new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = pgbenchDb }, options.Seconds, ct);
            EngineBenchmark.Progress($"{name}: raw single-row inserts through Npgsql");
            var driver = await RawBaselines.NpgsqlInsertsAsync(target.ConnectionString, options.Seconds, options.WarmupSeconds, ct);
            return new TargetResult(name, result, raw, driver);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{engineDb}\" WITH (FORCE)", CancellationToken.None);
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{pgbenchDb}\" WITH (FORCE)", CancellationToken.None);
            if (mode != "as-is")
            {
                await ApplySettingsAsync(admin.ConnectionString, "reset", CancellationToken.None);
            }
        }
    }

    private static readonly string[] DurabilitySettings = ["fsync", "synchronous_commit", "full_page_writes"];

    /// <summary>ALTER SYSTEM the durability settings (all on, all off, or back to postgresql.conf) and wait until a new session sees them.</summary>
    internal static async Task ApplySettingsAsync(string admin, string mode, CancellationToken ct)
    {
        foreach (var setting in DurabilitySettings)
        {
            await ExecuteAsync(admin, mode == "reset" ? $"ALTER SYSTEM RESET {setting}" : $"ALTER SYSTEM SET {setting} = {(mode == "durable" ? "on" : "off")}", ct);
        }
        await ExecuteAsync(admin, "SELECT pg_reload_conf()", ct);
        if (mode == "reset")
        {
            return;
        }
        var expected = mode == "durable" ? "on" : "off";
        for (var i = 0; i < 50; i++)
        {
            NpgsqlConnection.ClearAllPools();
            var values = await Task.WhenAll(DurabilitySettings.Select(s => ShowAsync(admin, s, ct)));
            if (values.All(v => v == expected))
            {
                return;
            }
            await Task.Delay(200, ct);
        }
        throw new InvalidOperationException($"PostgreSQL did not take the '{mode}' settings after pg_reload_conf()");
    }

    internal static async Task<string> SettingsAsync(string connectionString, CancellationToken ct)
    {
        var version = await ShowAsync(connectionString, "server_version", ct);
        var values = new List<string> { $"PostgreSQL {version.Split(' ')[0]}" };
        foreach (var setting in DurabilitySettings.Append("wal_sync_method"))
        {
            values.Add($"{setting}={await ShowAsync(connectionString, setting, ct)}");
        }
        return string.Join(", ", values);
    }

    private static async Task<string> ShowAsync(string connectionString, string setting, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) ?? "";
    }

    internal static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>/proc/loadavg's 1, 5 and 15 minute figures (Linux), or "n/a".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    /// <summary>Prints one target's details; true when a check failed.</summary>
    private static bool Print(TargetResult r)
    {
        var e = r.Engine;
        Console.WriteLine($"   load average now: {LoadAverage()}");
        Console.WriteLine($"   warm-up     {e.Warmup}");
        Console.WriteLine($"   starts      {e.Starts}");
        Console.WriteLine($"   transitions {e.Transitions}");
        Console.WriteLine(FormattableString.Invariant(
            $"   measured instances looped {e.LoopsPerInstance:F1} times each; after the run ({e.TotalTransitions} transitions in all): state JSON {e.MeanStateJsonBytes / 1024:F1} KiB, stored response {e.MeanResponseJsonBytes / 1024:F1} KiB (means)"));
        Console.WriteLine($"   measured phase, this process: {e.Runtime}");
        if (e.Profiled is { } profiled)
        {
            Console.WriteLine($"   profiled    {profiled}");
            foreach (var line in e.Profile)
            {
                Console.WriteLine($"      {line}");
            }
        }
        foreach (var line in e.Growth)
        {
            Console.WriteLine($"   growth, one instance: {line}");
        }
        foreach (var check in e.Checks)
        {
            Console.WriteLine($"   check: {check}");
        }
        Console.WriteLine($"   raw: {r.Raw.Source}: {r.Raw.Detail}");
        if (r.RawDriver is { } driver)
        {
            Console.WriteLine($"   raw: {driver.Source}: {driver.Detail}");
        }
        Console.WriteLine();
        return e.Checks.Any(c => c.StartsWith("FAIL", StringComparison.Ordinal));
    }

    private static void PrintTable(List<TargetResult> results, LatencyStats cpu)
    {
        Console.WriteLine("== summary (transitions/s: one client, sequential; ratio = raw tx/s ÷ engine transitions/s)");
        Console.WriteLine(FormattableString.Invariant($"{"provider",-24} {"engine tx/s",11} {"p50 ms",8} {"p99 ms",8} {"raw tx/s",10}  {"raw measure",-34} {"ratio",6}"));
        foreach (var r in results)
        {
            var t = r.Engine.Transitions;
            Console.WriteLine(FormattableString.Invariant(
                $"{r.Name,-24} {t.PerSecond,11:F1} {t.P50,8:F2} {t.P99,8:F2} {r.Raw.PerSecond,10:F1}  {r.Raw.Source,-34} {r.Raw.PerSecond / t.PerSecond,6:F2}"));
            if (r.RawDriver is { } driver)
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"{"",-24} {"",11} {"",8} {"",8} {driver.PerSecond,10:F1}  {driver.Source,-34} {driver.PerSecond / t.PerSecond,6:F2}"));
            }
        }
        Console.WriteLine(FormattableString.Invariant(
            $"{"engine alone (no db)",-24} {cpu.PerSecond,11:F1} {cpu.P50,8:F2} {cpu.P99,8:F2}"));
    }
}
