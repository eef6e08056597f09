using System.Globalization;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>Command-line options (see bench/README.md). Environment: ROLW_BENCH_POSTGRES, ROLW_BENCH_PGBENCH, ROLW_BENCH_PG_SETTINGS.</summary>
public sealed class BenchOptions
{
    public const string PostgresVariable = "ROLW_BENCH_POSTGRES";
    public const string PgbenchVariable = "ROLW_BENCH_PGBENCH";
    public const string PgSettingsVariable = "ROLW_BENCH_PG_SETTINGS";

    /// <summary>Measured time per phase (engine transitions, raw baseline).</summary>
    public double Seconds { get; private set; } = 10;

    /// <summary>Least unmeasured warm-up before each measured phase (JIT, pools, caches); the engine's goes on until the JIT is quiet.</summary>
    public double WarmupSeconds { get; private set; } = 5;

    /// <summary>Instances the transitions rotate over, so no instance's state grows long (see README, "State growth").</summary>
    public int Instances { get; private set; } = 1000;

    /// <summary>Transitions on one extra instance in a row, to show how cost grows with the loop count; 0 = skip.</summary>
    public int Growth { get; private set; }

    /// <summary>A further phase, after the measured one, timing each database phase with EF interceptors; 0 = skip.</summary>
    public double ProfileSeconds { get; private set; } = 5;

    /// <summary>Log every SQL statement of one transition (EF's command log), to count round trips.</summary>
    public bool TraceSql { get; private set; }

    public List<string> Providers { get; private set; } = [];

    /// <summary><c>transitions</c> (default: durable step transitions) or <c>timers</c> (durable timers, issue 4).</summary>
    public string Mode { get; private set; } = "transitions";

    /// <summary>Timers mode: how many timers are scheduled and then fall due at the same instant.</summary>
    public int Timers { get; private set; } = 10_000;

    /// <summary>Record mode (issue 15): matters seeded over five years for the dashboard and dossier export times.</summary>
    public int RecordMatters { get; private set; } = 10_000;

    /// <summary>Timers mode, PostgreSQL: Hangfire servers (nodes, each its own container, job server and sweep) on the one database.</summary>
    public int Servers { get; private set; } = 1;
    /// <summary>Timers mode: how long to wait, after the due time, for all of them to fire.</summary>
    public double FireTimeoutSeconds { get; private set; } = 600;

    /// <summary>Admin connection string (database postgres); each run creates and drops its own databases.</summary>
    public string? Postgres { get; private set; } = Environment.GetEnvironmentVariable(PostgresVariable);

    public string? Pgbench { get; private set; } = Environment.GetEnvironmentVariable(PgbenchVariable);

    /// <summary>
    /// PostgreSQL settings to run under: <c>as-is</c> (default: do not touch the server), or a list of <c>durable</c>
    /// (fsync, synchronous_commit, full_page_writes on) and <c>fast</c> (all three off, as ./test.sh's throwaway
    /// cluster has them), applied with ALTER SYSTEM and reset afterwards. Only for a throwaway server.
    /// </summary>
    public List<string> PgSettings { get; private set; } = [];

    /// <summary>Comments mode (issue 21): the numbers of concurrent clients measured, each against its own baseline.</summary>
    public List<int> Clients { get; private set; } = [16, 64];

    /// <summary>Whether --clients was given (completions mode's default is 16, 1).</summary>
    public bool ClientsGiven { get; private set; }

    /// <summary>Comments mode: the server build to run (default: src/RuleOfLaw.Workflow.Server/bin/Release/net10.0 of this repository).</summary>
    public string? ServerDll { get; private set; }

    /// <summary>The repository's workflows folder, for the holiday calendars the deadline calculator needs.</summary>
    public string? Workflows { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var pgSettings = Environment.GetEnvironmentVariable(PgSettingsVariable);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seconds": o.Seconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--warmup": o.WarmupSeconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--instances": o.Instances = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--growth": o.Growth = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--mode": o.Mode = Value(); break;
                case "--timers": o.Timers = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--record-matters": o.RecordMatters = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--servers": o.Servers = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--fire-timeout": o.FireTimeoutSeconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--trace-sql": o.TraceSql = true; break;
                case "--profile-seconds": o.ProfileSeconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--providers": o.Providers = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--postgres": o.Postgres = Value(); break;
                case "--pgbench": o.Pgbench = Value(); break;
                case "--pg-settings": pgSettings = Value(); break;
                case "--workflows": o.Workflows = Value(); break;
                case "--clients": o.ClientsGiven = true; o.Clients = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))]; break;
                case "--server-dll": o.ServerDll = Value(); break;
                case "-h" or "--help": throw new HelpRequestedException();
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (o.Providers.Count == 0)
        {
            o.Providers = string.IsNullOrWhiteSpace(o.Postgres) ? ["sqlite"] : ["sqlite", "postgresql"];
        }
        foreach (var provider in o.Providers.Where(p => p is not ("sqlite" or "postgresql")))
        {
            throw new ArgumentException($"unknown provider '{provider}' (sqlite, postgresql)");
        }
        if (o.Providers.Contains("postgresql") && string.IsNullOrWhiteSpace(o.Postgres))
        {
            throw new ArgumentException($"postgresql needs a connection string: set {PostgresVariable} or pass --postgres");
        }
        o.PgSettings = string.IsNullOrWhiteSpace(pgSettings) ? ["as-is"]
            : [.. pgSettings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        foreach (var mode in o.PgSettings.Where(m => m is not ("as-is" or "durable" or "fast")))
        {
            throw new ArgumentException($"unknown PostgreSQL settings '{mode}' (as-is, durable, fast)");
        }
        if (o.Mode is not ("transitions" or "timers" or "record" or "comments" or "completions"))
        {
            throw new ArgumentException($"unknown mode '{o.Mode}' (transitions, timers, record, comments, completions)");
        }
        if (o.Clients.Count == 0 || o.Clients.Any(c => c < 1))
        {
            throw new ArgumentException("--clients must list numbers >= 1");
        }
        if (o.Timers < 1 || o.FireTimeoutSeconds <= 0 || o.Servers < 1)
        {
            throw new ArgumentException("--timers and --servers must be >= 1, --fire-timeout > 0");
        }
        if (o.Seconds <= 0 || o.WarmupSeconds < 0 || o.Instances < 1 || o.Growth < 0 || o.ProfileSeconds < 0)
        {
            throw new ArgumentException("--seconds must be > 0, --warmup >= 0, --instances >= 1, --growth >= 0, --profile-seconds >= 0");
        }
        return o;
    }

    public const string Usage = """
        RuleOfLaw.Workflow.Bench [options]
          --mode transitions|timers|record|comments|completions
                                          transitions (default): durable step transitions per second;
                                          timers: timers scheduled per second and firing delay of N timers due at once
                                          record: the dashboard's figures and the dossier export over many matters (issue 15)
                                          comments: public comments over HTTP to one consultation, N clients, next to
                                          pgbench -N -c N / SQLite INSERT+COMMIT from N threads (issue 21)
                                          completions: task completions over HTTP by N clients across --instances
                                          instances, next to the same baselines (issue 21 goal 2)
          --clients 16,64                 comments and completions modes: concurrent clients per measured phase
                                          (default 16,64; completions 16,1)
          --server-dll PATH               comments and completions modes: the server to run (default: its Release build in this repository)
          --record-matters N              record mode: matters seeded over 2022-2026 (default 10000)
          --timers N                      timers mode: timers scheduled and due at the same instant (default 10000)
          --servers N                     timers mode, PostgreSQL: N Hangfire servers (nodes) on the database (default 1; SQLite: 1)
          --fire-timeout S                timers mode: wait at most S seconds after the due time for all to fire (default 600)
          --providers sqlite,postgresql   default: sqlite, plus postgresql when ROLW_BENCH_POSTGRES is set
          --seconds S                     measured seconds per phase (default 10)
          --warmup S                      least warm-up seconds before each measured phase (default 5; the engine's
                                          goes on until the JIT is quiet, at most 60 s more)
          --instances N                   instances the transitions (or completions) rotate over (default 1000)
          --growth N                      also complete N tasks in a row on one instance (default 0: skip)
          --profile-seconds S             then S seconds more with each database phase timed (default 5; 0: skip)
          --trace-sql                     print the SQL of one transition
          --postgres CONNSTRING           admin connection string (default: $ROLW_BENCH_POSTGRES)
          --pgbench PATH                  pgbench binary (default: $ROLW_BENCH_PGBENCH, then /usr/lib/postgresql/*/bin, then PATH)
          --pg-settings as-is|durable,fast  PostgreSQL settings per run (default: $ROLW_BENCH_PG_SETTINGS or as-is;
                                          timers mode runs once, under the first of them)
          --workflows DIR                 the workflows folder with calendars/ (default: found above the program)
        """;
}

public sealed class HelpRequestedException : Exception;
