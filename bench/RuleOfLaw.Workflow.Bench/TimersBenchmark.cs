using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using SchedulingOptions = RuleOfLaw.Workflow.Server.Scheduling.SchedulingOptions;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>What one timers run measured (delays in milliseconds after the common due time).</summary>
public sealed record TimersResult(
    string Name, string Warmup, LatencyStats Scheduling, LatencyStats TriggersOnly, DateTimeOffset DueAt, double LeadSeconds,
    Percentiles JobStarted, Percentiles Committed, Percentiles JobDone, double AllFiredSeconds, IReadOnlyList<string> Checks);

/// <summary>p50/p95/p99/max of a list of milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles From(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double P(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, P(0.50), P(0.95), P(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count}  p50 {P50 / 1000,8:F2} s  p95 {P95 / 1000,8:F2} s  p99 {P99 / 1000,8:F2} s  max {Max / 1000,8:F2} s");
}

/// <summary>
/// Durable timers (issue 4): how many timers per second are scheduled, and how late 10,000 timers due at the same
/// instant fire. Wired as the server wires it: <see cref="SchedulingRegistration.AddScheduling"/> (a real Hangfire
/// server on the server's job storage: in memory for SQLite, Hangfire.PostgreSql on the same database, with the
/// server's default Scheduling settings), <see cref="InstanceCommandService"/> with its transition observers (TimerRowWriter), and a
/// <see cref="TimeProvider"/> (<see cref="BenchClock"/>) shared by all of it. A timer is the timer step of
/// <c>definitions/bench-timer.json</c> (one calendar day: every instance started on the same local day falls due at
/// the same instant); firing is what the server does: Hangfire → TimerJob → TimerFiring → WorkflowCommand.FireTimer
/// through InstanceCommandService (the row marked Fired in the same transaction, the instance completes).
/// </summary>
public sealed class TimersBenchmark(BenchOptions options, string definitionsDirectory, string calendarsDirectory)
{
    public const string DefinitionId = "bench-timer";
    public const string WarmupDefinitionId = "bench-timer-warmup";
    private const int WarmupPool = 2000;

    public async Task<TimersResult> RunAsync(string name, DatabaseOptions database, string contentRoot, CancellationToken ct)
    {
        var clock = new BenchClock();
        await using var services = BuildServices(database, contentRoot, clock);
        var actor = await PrepareAsync(services, clock, options.Timers, ct);
        var matters = await MattersAsync(services, ct);
        var warmupPool = matters.Where(m => m.Definition == WarmupDefinitionId).Select(m => m.Id).ToList();
        var measuredPool = matters.Where(m => m.Definition == DefinitionId).Select(m => m.Id).ToList();

        // As the server starts it: a Hangfire server with the server's settings (Scheduling defaults: 4 workers,
        // due jobs moved to the queue every second), then the start-up reconciliation. On PostgreSQL with --servers N,
        // N such nodes on the one database, each its own container (job storage client, TimerSweep, DbContexts) and
        // Hangfire server, as N server processes would be, but sharing this process's CPU time and thread pool.
        var listener = new FiringListener(clock);
        var nodeCount = database.Provider == DatabaseProvider.PostgreSql ? options.Servers : 1;
        var others = new List<ServiceProvider>();
        for (var n = 1; n < nodeCount; n++)
        {
            others.Add(BuildServices(database, contentRoot, clock));
        }
        var servers = new List<BackgroundJobServer>();
        foreach (var node in others.Prepend(services))
        {
            node.GetRequiredService<JobFilterCollection>().Add(listener);
            servers.Add(StartServer(node));
            await node.GetRequiredService<TimerTriggers>().ReconcileAsync(ct);
        }
        var triggers = services.GetRequiredService<TimerTriggers>();
        try
        {
            // Warm-up: instances whose timers fall due days later (never during the run), until the JIT is quiet.
            EngineBenchmark.Progress($"{name}: migrated, {matters.Count} matters seeded, scheduler started; warming up");
            var warm = Stopwatch.StartNew();
            var warmed = 0;
            var lastJit = System.Runtime.JitInfo.GetCompiledMethodCount();
            var lastCheck = 0.0;
            while (warmed < warmupPool.Count)
            {
                await StartAsync(services, actor, warmupPool[warmed++], ct);
                if (warm.Elapsed.TotalSeconds - lastCheck < 1)
                {
                    continue;
                }
                var jit = System.Runtime.JitInfo.GetCompiledMethodCount();
                var quiet = jit - lastJit < 20;
                (lastCheck, lastJit) = (warm.Elapsed.TotalSeconds, jit);
                if ((quiet && warm.Elapsed.TotalSeconds >= options.WarmupSeconds) || warm.Elapsed.TotalSeconds >= options.WarmupSeconds + 15)
                {
                    break;
                }
            }
            var warmup = FormattableString.Invariant($"{warmed} timers (instances started) in {warm.Elapsed.TotalSeconds:F1} s, due days later");

            // (1) Scheduling: each Start commits the instance, its timer row (TimerRowWriter) and then, after the
            // commit, creates the timer's Hangfire job (PendingTriggers) — one call, as POST /api/instances does.
            EngineBenchmark.Progress($"{name}: scheduling {measuredPool.Count} timers (instance start + timer row + Hangfire job each)");
            var latencies = new List<double>(measuredPool.Count);
            var scheduling = Stopwatch.StartNew();
            foreach (var matterId in measuredPool)
            {
                latencies.Add(await StartAsync(services, actor, matterId, ct));
            }
            var schedulingStats = LatencyStats.From(latencies, scheduling.Elapsed.TotalSeconds);

            List<(Guid Id, DateTimeOffset DueAt)> rows;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                rows = (await db.Set<ScheduledTimer>().AsNoTracking()
                        .Where(t => t.InstanceId != null && measuredPool.Contains(t.InstanceId.Value) && t.Status == TimerRowStatus.Pending)
                        .Select(t => new { t.Id, t.DueAt }).ToListAsync(ct))
                    .Select(t => (t.Id, t.DueAt)).ToList();
            }
            var dueTimes = rows.Select(r => r.DueAt).Distinct().ToList();
            if (rows.Count != measuredPool.Count || dueTimes.Count != 1)
            {
                throw new InvalidOperationException($"expected {measuredPool.Count} pending timer rows due at one instant, found {rows.Count} rows with {dueTimes.Count} due times");
            }
            var dueAt = dueTimes[0];

            // Firing: Hangfire waits on the real clock, so the application clock is moved first, to `lead` before the
            // common due time, and the same timers are then scheduled again through TimerTriggers.ScheduleAsync, one
            // call per timer ("Hangfire alone": the job storage's share of the scheduling above). Those jobs fall due
            // on the real clock when the application clock reaches the due time; Hangfire moves them to the queue
            // and its workers fire them, as in production. `lead` covers that scheduling (it is cheaper than the
            // instance starts above) plus Hangfire's polling interval. The first jobs (due a day later on the real
            // clock) stay scheduled, and are removed by the reconciliation at the end as orphans.
            var lead = TimeSpan.FromSeconds(Math.Max(30, schedulingStats.Seconds) + new SchedulingOptions().IdleWaitSeconds + 5);
            clock.Offset = dueAt - lead - TimeProvider.System.GetUtcNow();
            EngineBenchmark.Progress($"{name}: clock moved to {lead.TotalSeconds:F0} s before the due time ({dueAt:u}); the same {rows.Count} timers scheduled again through TimerTriggers.ScheduleAsync (Hangfire alone)");
            var triggerLatencies = new List<double>(rows.Count);
            var hangfireOnly = Stopwatch.StartNew();
            foreach (var row in rows)
            {
                var started = Stopwatch.GetTimestamp();
                await triggers.ScheduleAsync([row], ct);
                triggerLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            var triggersOnly = LatencyStats.From(triggerLatencies, hangfireOnly.Elapsed.TotalSeconds);
            if (clock.GetUtcNow() >= dueAt)
            {
                throw new InvalidOperationException($"scheduling the jobs again took longer than the lead of {lead.TotalSeconds:F0} s: the firing delays would be wrong");
            }
            EngineBenchmark.Progress($"{name}: waiting for {rows.Count} timers to fire ({(dueAt - clock.GetUtcNow()).TotalSeconds:F0} s to the due time)");
            var limit = TimeSpan.FromSeconds(options.FireTimeoutSeconds);
            var waiting = Stopwatch.StartNew();
            var fired = 0;
            while (waiting.Elapsed < lead + limit)
            {
                await Task.Delay(500, ct);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                var now = await db.Set<ScheduledTimer>().CountAsync(t => t.Status == TimerRowStatus.Fired, ct);
                if (now / 1000 != fired / 1000)
                {
                    EngineBenchmark.Progress($"{name}: {now} fired, {(clock.GetUtcNow() - dueAt).TotalSeconds:F1} s after the due time");
                }
                fired = now;
                if (fired >= rows.Count)
                {
                    break;
                }
            }
            // Every timer's own job still runs once (a burst is fired by the sweep; the jobs then find their rows
            // fired): wait for the last of them, so that the checks below count every run.
            var measuredJobs = rows.Select(r => r.Id.ToString()).ToHashSet(StringComparer.Ordinal);
            var jobsWaiting = Stopwatch.StartNew();
            while (jobsWaiting.Elapsed < limit && listener.Completed.Keys.Count(measuredJobs.Contains) < rows.Count)
            {
                await Task.Delay(500, ct);
            }
            // Let the last jobs' listeners run (a job's completion is recorded right after its commit).
            await Task.Delay(300, ct);

            List<(Guid Id, DateTimeOffset? FiredAt, string Status)> after;
            List<string> states;
            int journaled;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                var ids = rows.Select(r => r.Id).ToList();
                after = (await db.Set<ScheduledTimer>().AsNoTracking().Where(t => ids.Contains(t.Id))
                        .Select(t => new { t.Id, t.FiredAt, t.Status }).ToListAsync(ct))
                    .Select(t => (t.Id, t.FiredAt, t.Status)).ToList();
                states = await db.Instances.AsNoTracking().Where(i => measuredPool.Contains(i.Id)).Select(i => i.StateJson).ToListAsync(ct);
                journaled = await db.Journal.CountAsync(j => measuredPool.Contains(j.InstanceId) && j.Type == "TimerFired", ct);
            }
            var committed = after.Where(a => a.FiredAt is not null).Select(a => (a.FiredAt!.Value - dueAt).TotalMilliseconds).ToList();
            var measuredIds = rows.Select(r => r.Id.ToString()).ToHashSet(StringComparer.Ordinal);
            var quartzFired = listener.Fired.Where(f => measuredIds.Contains(f.Key)).Select(f => (f.Value - dueAt).TotalMilliseconds).ToList();
            var jobDone = listener.Completed.Where(f => measuredIds.Contains(f.Key)).Select(f => (f.Value - dueAt).TotalMilliseconds).ToList();
            // The first jobs (a day later on the real clock) are orphans now: the reconciliation deletes them.
            var (_, orphansRemoved) = await triggers.ReconcileAsync(ct);
            var remainingTriggers = triggers.LiveJobs().Count(l => measuredIds.Contains(l.Key.ToString()));

            var checks = new List<string>();
            void Expect(string what, long actual, long expected) =>
                checks.Add(actual == expected ? $"ok   {what} = {actual}" : $"FAIL {what} = {actual}, expected {expected}");
            Expect("timer rows Fired", after.Count(a => a.Status == TimerRowStatus.Fired), rows.Count);
            Expect("instances completed by their timer", states.Count(s => InstanceStateJson.Deserialize(s).Status == InstanceStatus.Completed), rows.Count);
            Expect("TimerFired journal entries (each timer once)", journaled, rows.Count);
            Expect("Hangfire job runs seen (each timer once)", listener.Runs.Where(f => measuredIds.Contains(f.Key)).Sum(f => f.Value), rows.Count);
            Expect("timers run more than once", listener.Runs.Count(f => measuredIds.Contains(f.Key) && f.Value > 1), 0);
            Expect("orphan jobs (the first ones) deleted by the reconciliation", orphansRemoved, rows.Count);
            Expect("Hangfire jobs left for the fired timers", remainingTriggers, 0);
            Expect("warm-up timers still pending (not due)", await PendingAsync(services, ct), warmed);

            return new TimersResult(name, warmup, schedulingStats, triggersOnly, dueAt, lead.TotalSeconds,
                Percentiles.From(quartzFired), Percentiles.From(committed), Percentiles.From(jobDone),
                committed.Count == 0 ? double.NaN : committed.Max() / 1000, checks);
        }
        finally
        {
            foreach (var server in servers)
            {
                server.SendStop();
            }
            foreach (var server in servers)
            {
                await server.WaitForShutdownAsync(CancellationToken.None);
                server.Dispose();
            }
            foreach (var node in others)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>A Hangfire server with the options the server's AddScheduling gives it (SchedulingOptions' defaults).</summary>
    private static BackgroundJobServer StartServer(ServiceProvider node)
    {
        var defaults = new SchedulingOptions();
        return new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = defaults.ThreadCount,
            SchedulePollingInterval = TimeSpan.FromSeconds(defaults.IdleWaitSeconds),
            Activator = node.GetRequiredService<JobActivator>(),
            FilterProvider = node.GetRequiredService<IJobFilterProvider>(),
            TimeZoneResolver = node.GetRequiredService<ITimeZoneResolver>(),
        }, node.GetRequiredService<JobStorage>());
    }

    private static async Task<int> PendingAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        return await db.Set<ScheduledTimer>().CountAsync(t => t.Status == TimerRowStatus.Pending, ct);
    }

    private ServiceProvider BuildServices(DatabaseOptions database, string contentRoot, BenchClock clock)
    {
        // The server's configuration for these sections: appsettings.json sets Scheduling:Enabled and
        // ReconcileIntervalSeconds and leaves the rest at SchedulingOptions' defaults (4 threads, idle wait 5 s).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:Provider"] = database.Provider.ToString(),
            [$"{DatabaseOptions.Section}:ConnectionString"] = database.ConnectionString,
            [$"{SchedulingOptions.Section}:Enabled"] = "true",
            [$"{SchedulingOptions.Section}:ReconcileIntervalSeconds"] = "300",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b =>
        {
            // The server's levels (Information; EF Core at Warning), except the scheduling module's one Information
            // line per fired timer, which would put 10,000 lines into the output; warnings still show.
            b.AddSimpleConsole(o => o.SingleLine = true);
            b.SetMinimumLevel(LogLevel.Information);
            b.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
            b.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
            b.AddFilter("RuleOfLaw.Workflow.Server.Scheduling", LogLevel.Warning);
            b.AddFilter("Hangfire", LogLevel.Warning);
        });
        services.AddSingleton<TimeProvider>(clock);
        services.AddDbContext<WorkflowDbContext>(b => DatabaseRegistration.Configure(b, database, contentRoot));
        services.AddOptions<WorkflowsOptions>();
        services.AddSingleton<DefinitionRegistry>();
        services.AddSingleton<JurisdictionRegistry>();
        services.AddSingleton(new DeadlineCalculator(HolidayCalendar.LoadDirectory(calendarsDirectory), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.AddSingleton<WorkflowEngine>();
        BenchIntegrity.Add(services, contentRoot);
        services.AddScoped<InstanceCommandService>();
        // InstanceCommandService's sub-procedure starts resolve the child's assignments (as Program.cs registers it).
        services.AddScoped<RuleOfLaw.Workflow.Server.Matters.AssignmentResolver>();
        // No HTTP here: mail links (MailLinks) ask the server for its addresses, and this one listens nowhere.
        services.AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer, NoServer>();
        services.AddScheduling(configuration, contentRoot);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Migrate, install the definitions, seed one organization, one user, the warm-up and the measured matters.</summary>
    private async Task<Actor> PrepareAsync(ServiceProvider services, TimeProvider clock, int timers, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        await DatabaseRegistration.MigrateAsync(db, ct);
        await services.GetRequiredService<DefinitionRegistry>().InstallAsync(definitionsDirectory, db, clock, ct);
        db.Organizations.Add(new Organization { Id = EngineBenchmark.OrganizationId, Name = "基准测试单位", NameEn = "Benchmark unit", Kind = OrganizationKinds.Department });
        var user = new AppUser
        {
            Id = Guid.NewGuid().ToString(),
            UserName = "bench",
            NormalizedUserName = "BENCH",
            DisplayName = "基准测试经办人 / bench officer",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        db.Memberships.Add(new OrganizationMembership { UserId = user.Id, OrganizationId = EngineBenchmark.OrganizationId, Role = Roles.DraftingOfficer });
        var now = clock.GetUtcNow();
        for (var i = 1; i <= WarmupPool + timers; i++)
        {
            var warmup = i <= WarmupPool;
            db.Matters.Add(new Matter
            {
                Id = Guid.NewGuid(),
                Number = warmup ? $"WARM-{i:D6}" : $"TIMER-{i - WarmupPool:D6}",
                Title = $"基准测试事项 {i}",
                DefinitionId = warmup ? WarmupDefinitionId : DefinitionId,
                DecisionOrganId = EngineBenchmark.OrganizationId,
                DraftingUnitId = EngineBenchmark.OrganizationId,
                AttributesJson = "{}",
                AssignmentsJson = "{}",
                CreatedBy = user.Id,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        return new Actor(user.Id, user.DisplayName, new HashSet<Membership> { new(EngineBenchmark.OrganizationId, Roles.DraftingOfficer) });
    }

    private static async Task<List<(Guid Id, string Definition)>> MattersAsync(ServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        return (await db.Matters.AsNoTracking().OrderBy(m => m.Number).Select(m => new { m.Id, m.DefinitionId }).ToListAsync(ct))
            .Select(m => (m.Id, m.DefinitionId)).ToList();
    }

    /// <summary>POST /api/instances without HTTP: one scope, the endpoint's idempotency key; returns milliseconds.</summary>
    private static async Task<double> StartAsync(IServiceProvider services, Actor actor, Guid matterId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<InstanceCommandService>();
        var key = IdempotencyKey.For(actor.Id, null, $"start:{matterId}", "POST /api/instances", new { MatterId = matterId });
        var command = new WorkflowCommand.Start(matterId, matterId.ToString(), new Dictionary<string, bool>(), new Dictionary<string, string>());
        var result = await commands.ExecuteAsync(key, matterId, command, actor, StatusCodes.Status201Created, ct);
        if (result.Refusals.Count > 0 || result.Replayed)
        {
            throw new InvalidOperationException($"start refused: {string.Join("; ", result.Refusals.Select(r => r.Code + " " + r.Message))}");
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>When Hangfire started each timer's job and when it (TimerFiring, committed) returned, on the application clock; how often each ran.</summary>
    private sealed class FiringListener(TimeProvider clock) : JobFilterAttribute, IServerFilter
    {
        public ConcurrentDictionary<string, DateTimeOffset> Fired { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, DateTimeOffset> Completed { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, int> Runs { get; } = new(StringComparer.Ordinal);

        public void OnPerforming(PerformingContext context)
        {
            if (TimerId(context) is { } id)
            {
                Fired[id] = clock.GetUtcNow();
                Runs.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
        }

        public void OnPerformed(PerformedContext context)
        {
            if (TimerId(context) is { } id)
            {
                Completed[id] = clock.GetUtcNow();
            }
        }

        private static string? TimerId(PerformContext context) =>
            context.BackgroundJob.Job is { } job && job.Type == typeof(TimerJob) && job.Args is [Guid id, ..] ? id.ToString() : null;
    }

    private sealed class NoServer : Microsoft.AspNetCore.Hosting.Server.IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
