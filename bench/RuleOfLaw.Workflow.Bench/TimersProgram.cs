using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Bench;

/// <summary><c>--mode timers</c>: the durable timers benchmark on each provider (bench/README.md, "Timers").</summary>
public static class TimersProgram
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var definitions = Path.Combine(AppContext.BaseDirectory, "definitions");
        var calendars = Path.Combine(WorkflowsOptions.Resolve(options.Workflows, AppContext.BaseDirectory), "calendars");
        var temp = Path.Combine(Path.GetTempPath(), $"rolw-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        var defaults = new SchedulingOptions();

        Console.WriteLine($"RuleOfLaw.Workflow timers benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"load average at start: {BenchProgram.LoadAverage()} (/proc/loadavg 1/5/15 min; other processes on these CPUs skew every figure)");
        Console.WriteLine(FormattableString.Invariant(
            $"run: {options.Timers} timers; Hangfire 1.8 (SQLite: in-memory job storage; PostgreSQL: Hangfire.PostgreSql on the same database), {defaults.ThreadCount} workers, polling {defaults.IdleWaitSeconds:F0} s, bursts fired {defaults.FireBatchSize} per transaction, {defaults.SweepParallelism} batches at once on PostgreSQL (the server's defaults); PostgreSQL servers (nodes): {options.Servers}"));
        Console.WriteLine("scheduling = one instance start through InstanceCommandService per timer (state + journal + timer row in one transaction,");
        Console.WriteLine("             then the Hangfire job), one client, sequential; 'Hangfire alone' = TimerTriggers.ScheduleAsync per timer");
        Console.WriteLine("firing     = Hangfire job → TimerJob → TimerFiring → FireTimer through InstanceCommandService (row Fired, instance completed);");
        Console.WriteLine("             a burst: the first job's TimerSweep fires the rest in batches (TimerFiring.FireBatchAsync), their jobs find them fired;");
        Console.WriteLine("             delays are after the common due time, on the application clock");
        Console.WriteLine();

        var results = new List<TimersResult>();
        var benchmark = new TimersBenchmark(options, definitions, calendars);
        try
        {
            foreach (var provider in options.Providers)
            {
                if (provider == "sqlite")
                {
                    var folder = Path.Combine(temp, "sqlite");
                    Directory.CreateDirectory(folder);
                    Console.WriteLine($"== sqlite (file in {folder})");
                    var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "rule-of-law.db"), Pooling = true };
                    results.Add(await benchmark.RunAsync("sqlite", new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connection.ToString() }, folder, ct));
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                }
                else
                {
                    results.Add(await PostgresAsync(options, benchmark, temp, ct));
                }
                Print(results[^1]);
            }
            PrintTable(results);
            Console.WriteLine($"load average at end: {BenchProgram.LoadAverage()}");
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
        return results.Any(r => r.Checks.Any(c => c.StartsWith("FAIL", StringComparison.Ordinal))) ? 1 : 0;
    }

    private static async Task<TimersResult> PostgresAsync(BenchOptions options, TimersBenchmark benchmark, string temp, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
        var mode = options.PgSettings[0];
        if (mode != "as-is")
        {
            await BenchProgram.ApplySettingsAsync(admin.ConnectionString, mode, ct);
        }
        var name = (mode == "as-is" ? "postgresql" : $"postgresql ({mode})") + (options.Servers > 1 ? $" x{options.Servers}" : "");
        var database = $"rolw_bench_timers_{Guid.NewGuid().ToString("N")[..12]}";
        try
        {
            await BenchProgram.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"", ct);
            var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database };
            Console.WriteLine($"== {name} ({admin.Host}:{admin.Port}, {await BenchProgram.SettingsAsync(target.ConnectionString, ct)})");
            return await benchmark.RunAsync(name, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = target.ConnectionString }, temp, ct);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await BenchProgram.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
            if (mode != "as-is")
            {
                await BenchProgram.ApplySettingsAsync(admin.ConnectionString, "reset", CancellationToken.None);
            }
        }
    }

    private static void Print(TimersResult r)
    {
        Console.WriteLine($"   load average now: {BenchProgram.LoadAverage()}");
        Console.WriteLine($"   warm-up       {r.Warmup}");
        Console.WriteLine($"   scheduling    {r.Scheduling}   (per timer: instance start + timer row + Hangfire job)");
        Console.WriteLine($"   Hangfire alone {r.TriggersOnly}   (per timer: TimerTriggers.ScheduleAsync, a new job)");
        Console.WriteLine(FormattableString.Invariant($"   due at        {r.DueAt:u} (all {r.Committed.Count} rows; clock moved to {r.LeadSeconds:F0} s before it)"));
        Console.WriteLine($"   delay after the due time until …");
        Console.WriteLine($"     its own job started           {r.JobStarted}   (in a burst: after the sweep fired it)");
        Console.WriteLine($"     the firing was committed      {r.Committed}   (row FiredAt, inside the command's transaction)");
        Console.WriteLine($"     its own job returned          {r.JobDone}");
        Console.WriteLine(FormattableString.Invariant($"   all {r.Committed.Count} fired {r.AllFiredSeconds:F1} s after the due time ({r.Committed.Count / r.AllFiredSeconds:F1} firings/s)"));
        foreach (var check in r.Checks)
        {
            Console.WriteLine($"   check: {check}");
        }
        Console.WriteLine();
    }

    private static void PrintTable(List<TimersResult> results)
    {
        Console.WriteLine("== summary (scheduling: timers/s, one client; firing: seconds after the common due time until the command committed)");
        Console.WriteLine(FormattableString.Invariant(
            $"{"provider",-24} {"sched/s",8} {"Hangf/s",9} {"timers",7} {"p50 s",7} {"p95 s",7} {"p99 s",7} {"max s",7} {"fired/s",8}"));
        foreach (var r in results)
        {
            var c = r.Committed;
            Console.WriteLine(FormattableString.Invariant(
                $"{r.Name,-24} {r.Scheduling.PerSecond,8:F1} {r.TriggersOnly.PerSecond,9:F1} {c.Count,7} {c.P50 / 1000,7:F2} {c.P95 / 1000,7:F2} {c.P99 / 1000,7:F2} {c.Max / 1000,7:F2} {c.Count / r.AllFiredSeconds,8:F1}"));
        }
    }
}
