using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>What one engine run measured.</summary>
public sealed record EngineResult(
    string Warmup, LatencyStats Starts, LatencyStats Transitions, int TotalTransitions, double LoopsPerInstance, double MeanStateJsonBytes,
    double MeanResponseJsonBytes, IReadOnlyList<string> Checks, IReadOnlyList<string> Growth, LatencyStats? Profiled, IReadOnlyList<string> Profile, string Runtime);

/// <summary>
/// Durable step transitions through the real <see cref="InstanceCommandService"/>, wired as the server wires it
/// (Program.cs): a scoped DbContext configured by <see cref="DatabaseRegistration.Configure"/>, the singleton
/// <see cref="DefinitionRegistry"/>, <see cref="WorkflowEngine"/> and <see cref="TimeProvider.System"/>. One client,
/// sequential: each transition is one completed task, committed with its state, task rows, journal entries and
/// idempotency record, in a fresh scope as one HTTP request would get.
/// </summary>
public sealed class EngineBenchmark(BenchOptions options, string definitionsDirectory, string calendarsDirectory)
{
    public const string DefinitionId = "bench-loop";
    public const string OrganizationId = "bench-unit";
    public const string LoopOutcome = "again";

    /// <summary>Instances only the warm-up loops over, so that the measured instances start fresh.</summary>
    private int WarmupInstances => Math.Min(100, options.Instances);

    public async Task<EngineResult> RunAsync(DatabaseOptions database, string contentRoot, CancellationToken ct)
    {
        await using var services = BuildServices(database, contentRoot, traceSql: false);
        var actor = await PrepareAsync(services, WarmupInstances + options.Instances + (options.Growth > 0 ? 1 : 0), ct);
        var matters = await MatterIdsAsync(services, ct);
        var warmupPool = matters.Take(WarmupInstances).ToList();
        var measuredPool = matters.Skip(WarmupInstances).Take(options.Instances).ToList();
        Guid? growthInstance = options.Growth > 0 ? matters[^1] : null;
        var openTask = new Dictionary<Guid, Guid>();
        var total = 0;

        // Start instances through the service (the Start command of POST /api/instances).
        async Task<LatencyStats> StartAllAsync(IEnumerable<Guid> pool)
        {
            var latencies = new List<double>();
            var clock = Stopwatch.StartNew();
            foreach (var matterId in pool)
            {
                var (ms, task) = await StartAsync(services, actor, matterId, ct);
                latencies.Add(ms);
                openTask[matterId] = task;
            }
            return LatencyStats.From(latencies, clock.Elapsed.TotalSeconds);
        }

        // Complete the open task of the next instance of a pool, round-robin.
        var cursor = new Dictionary<List<Guid>, int>();
        async Task<double> StepAsync(List<Guid> pool, IServiceProvider? through = null)
        {
            var at = cursor.GetValueOrDefault(pool);
            cursor[pool] = (at + 1) % pool.Count;
            var instanceId = pool[at];
            var (ms, task) = await CompleteAsync(through ?? services, actor, instanceId, openTask[instanceId], ct);
            openTask[instanceId] = task;
            total++;
            return ms;
        }

        // Warm up on instances of their own until the JIT has settled: tiered compilation keeps recompiling the EF
        // Core, Npgsql and System.Text.Json paths for many seconds, and on two cores that skews the first seconds.
        Progress($"migrated, {matters.Count} matters seeded; warming up");
        await StartAllAsync(warmupPool);
        if (options.TraceSql)
        {
            await TraceOneAsync(database, contentRoot, services.GetRequiredService<DefinitionRegistry>(), actor, warmupPool[0], openTask, ct);
            total++;
        }
        var warmup = await WarmUpAsync(() => StepAsync(warmupPool));

        Progress($"warm: {warmup}; starting {measuredPool.Count} instances");
        var starts = await StartAllAsync(measuredPool);
        Progress($"measuring transitions for {options.Seconds} s");
        var latencies = new List<double>(100_000);
        var runtime = RuntimeCounters.Start();
        var measured = Stopwatch.StartNew();
        while (measured.Elapsed.TotalSeconds < options.Seconds)
        {
            latencies.Add(await StepAsync(measuredPool));
        }
        var transitions = LatencyStats.From(latencies, measured.Elapsed.TotalSeconds);
        var runtimeLine = runtime.Stop(latencies.Count);
        var loopsPerInstance = (double)latencies.Count / measuredPool.Count;
        var (stateBytes, responseBytes) = await SizesAsync(services, measuredPool, ct);

        // Then, apart from the headline figure, the same loop with EF interceptors that time each database phase.
        Progress("measured; now the profiled, growth and check phases");
        LatencyStats? profiled = null;
        IReadOnlyList<string> profile = [];
        if (options.ProfileSeconds > 0)
        {
            var profiler = new PhaseProfiler();
            await using var profiledServices = BuildServices(database, contentRoot, traceSql: false, services.GetRequiredService<DefinitionRegistry>(), profiler);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < 1)
            {
                await StepAsync(warmupPool, profiledServices); // the new service provider's first calls fill its caches
            }
            var profiledLatencies = new List<double>();
            profiler.Enabled = true;
            clock.Restart();
            while (clock.Elapsed.TotalSeconds < options.ProfileSeconds)
            {
                profiledLatencies.Add(await StepAsync(measuredPool, profiledServices));
            }
            profiled = LatencyStats.From(profiledLatencies, clock.Elapsed.TotalSeconds);
            profile = profiler.Report(profiledLatencies.Count, profiledLatencies.Sum());
        }

        var growth = new List<string>();
        if (growthInstance is { } g)
        {
            await StartAllAsync([g]);
            growth = await GrowthAsync(services, actor, g, openTask, ct);
            total += options.Growth;
        }

        var checks = await CheckAsync(services, matters.Count, total, ct);
        return new EngineResult(warmup, starts, transitions, total, loopsPerInstance, stateBytes, responseBytes, checks, growth, profiled, profile, runtimeLine);
    }

    /// <summary>Where the run is, on standard error (the results go to standard output).</summary>
    public static void Progress(string message) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>
    /// Runs <paramref name="step"/> for at least the warm-up time and then until a second passes in which fewer than
    /// 20 methods were JIT-compiled (at most a minute more). Says how long it took.
    /// </summary>
    private async Task<string> WarmUpAsync(Func<Task<double>> step)
    {
        var clock = Stopwatch.StartNew();
        var limit = options.WarmupSeconds + 60;
        var lastCheck = 0.0;
        var lastCount = System.Runtime.JitInfo.GetCompiledMethodCount();
        var steps = 0;
        while (true)
        {
            await step();
            steps++;
            var elapsed = clock.Elapsed.TotalSeconds;
            if (elapsed - lastCheck < 1)
            {
                continue;
            }
            var count = System.Runtime.JitInfo.GetCompiledMethodCount();
            var quiet = count - lastCount < 20;
            (lastCheck, lastCount) = (elapsed, count);
            if ((quiet && elapsed >= options.WarmupSeconds) || elapsed >= limit)
            {
                return FormattableString.Invariant(
                    $"{steps} transitions in {elapsed:F1} s on {WarmupInstances} instances of their own{(quiet ? ", until the JIT was quiet" : ", JIT still busy at the limit")}");
            }
        }
    }

    private ServiceProvider BuildServices(
        DatabaseOptions database, string contentRoot, bool traceSql, DefinitionRegistry? registry = null, PhaseProfiler? profiler = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            // The server's appsettings.json: Information, with EF Core and ASP.NET Core at Warning.
            b.AddSimpleConsole(o => o.SingleLine = true);
            b.SetMinimumLevel(LogLevel.Information);
            b.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
            // Migrate's first probe of __EFMigrationsHistory fails by design on an empty PostgreSQL database and EF
            // logs it as an error; a real failure still throws.
            b.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", traceSql ? LogLevel.Information : LogLevel.Critical);
            if (traceSql)
            {
                // Statements, plus transaction begin/savepoint/commit (Debug), so every round trip shows.
                b.AddFilter("Microsoft.EntityFrameworkCore.Database.Transaction", LogLevel.Debug);
                b.SetMinimumLevel(LogLevel.Debug);
            }
            b.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        });
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<WorkflowDbContext>(b =>
        {
            DatabaseRegistration.Configure(b, database, contentRoot);
            if (profiler is not null)
            {
                b.AddInterceptors(profiler);
            }
        });
        if (registry is null)
        {
            services.AddSingleton<DefinitionRegistry>();
        }
        else
        {
            services.AddSingleton(registry); // the trace run shares the installed definitions, as one server would
        }
        services.AddSingleton(new DeadlineCalculator(HolidayCalendar.LoadDirectory(calendarsDirectory), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.AddSingleton<WorkflowEngine>();
        BenchIntegrity.Add(services, contentRoot);
        services.AddScoped<InstanceCommandService>();
        // InstanceCommandService's sub-procedure starts resolve the child's assignments (as Program.cs registers it).
        services.AddScoped<RuleOfLaw.Workflow.Server.Matters.AssignmentResolver>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Migrate, install the benchmark definition, seed one organization, one user with one role, and the matters.</summary>
    private async Task<Actor> PrepareAsync(ServiceProvider services, int matters, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        await DatabaseRegistration.MigrateAsync(db, ct);
        await services.GetRequiredService<DefinitionRegistry>().InstallAsync(definitionsDirectory, db, TimeProvider.System, ct);

        db.Organizations.Add(new Organization { Id = OrganizationId, Name = "基准测试单位", NameEn = "Benchmark unit", Kind = OrganizationKinds.Department });
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
        db.Memberships.Add(new OrganizationMembership { UserId = user.Id, OrganizationId = OrganizationId, Role = Roles.DraftingOfficer });
        var assignments = JsonSerializer.Serialize(new Dictionary<string, string> { [OrganizationScopes.DraftingUnit] = OrganizationId });
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 1; i <= matters; i++)
        {
            db.Matters.Add(new Matter
            {
                Id = Guid.NewGuid(),
                Number = $"BENCH-{i:D6}",
                Title = $"基准测试事项 {i}",
                DefinitionId = DefinitionId,
                DecisionOrganId = OrganizationId,
                DraftingUnitId = OrganizationId,
                AttributesJson = "{}",
                AssignmentsJson = assignments,
                CreatedBy = user.Id,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        // As CurrentActor reads it for each request (here once: the HTTP layer is not what is measured).
        return new Actor(user.Id, user.DisplayName, new HashSet<Membership> { new(OrganizationId, Roles.DraftingOfficer) });
    }

    private static async Task<List<Guid>> MatterIdsAsync(ServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        return await db.Matters.AsNoTracking().OrderBy(m => m.Number).Select(m => m.Id).ToListAsync(ct);
    }

    /// <summary>POST /api/instances without HTTP: the instance id is the matter id, as the endpoint derives it.</summary>
    private static async Task<(double Ms, Guid OpenTask)> StartAsync(IServiceProvider services, Actor actor, Guid matterId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<InstanceCommandService>();
        var key = IdempotencyKey.For(actor.Id, null, $"start:{matterId}", "POST /api/instances", new { MatterId = matterId });
        var command = new WorkflowCommand.Start(matterId, matterId.ToString(), new Dictionary<string, bool>(),
            new Dictionary<string, string> { [OrganizationScopes.DraftingUnit] = OrganizationId });
        var result = await commands.ExecuteAsync(key, matterId, command, actor, StatusCodes.Status201Created, ct);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (ms, OpenTaskOf(result, "start"));
    }

    /// <summary>POST /api/tasks/{id}/complete without HTTP: the derived idempotency key and body the endpoint uses.</summary>
    private static async Task<(double Ms, Guid OpenTask)> CompleteAsync(IServiceProvider services, Actor actor, Guid instanceId, Guid taskId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<InstanceCommandService>();
        var key = IdempotencyKey.For(actor.Id, null, $"complete-task:{taskId}", $"POST /api/tasks/{taskId}/complete",
            new { Outcome = LoopOutcome, Comment = (string?)null, Data = (string?)null });
        var result = await commands.ExecuteAsync(key, instanceId, new WorkflowCommand.CompleteTask(taskId, LoopOutcome, null, null),
            actor, StatusCodes.Status200OK, ct);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (ms, OpenTaskOf(result, "complete"));
    }

    /// <summary>The next task to complete, from the stored response (what a client would read).</summary>
    private static Guid OpenTaskOf(CommandResult result, string what)
    {
        if (result.Refusals.Count > 0 || result.Replayed || result.ResponseJson is null)
        {
            throw new InvalidOperationException(
                $"{what} was not a fresh accepted transition: replayed={result.Replayed}, refusals: {string.Join("; ", result.Refusals.Select(r => r.Code + " " + r.Message))}");
        }
        using var response = JsonDocument.Parse(result.ResponseJson);
        var tasks = response.RootElement.GetProperty("openTasks");
        if (tasks.GetArrayLength() != 1)
        {
            throw new InvalidOperationException($"{what}: expected one open task, got {tasks.GetArrayLength()}");
        }
        return tasks[0].GetProperty("id").GetGuid();
    }

    /// <summary>One transition with EF's command log on, to show every statement (and so every round trip) it costs.</summary>
    private async Task TraceOneAsync(
        DatabaseOptions database, string contentRoot, DefinitionRegistry registry, Actor actor, Guid instanceId, Dictionary<Guid, Guid> openTask, CancellationToken ct)
    {
        await using var traced = BuildServices(database, contentRoot, traceSql: true, registry);
        Console.Error.WriteLine("---- SQL of one transition (EF command log) ----");
        var (_, task) = await CompleteAsync(traced, actor, instanceId, openTask[instanceId], ct);
        // (Run after the warm-up instances started: the statements are those of every later transition.)
        Console.Error.WriteLine("---- end of SQL ----");
        openTask[instanceId] = task;
    }

    /// <summary>Many transitions in a row on one instance: the stored state keeps every task, so each costs more.</summary>
    private async Task<List<string>> GrowthAsync(IServiceProvider services, Actor actor, Guid instanceId, Dictionary<Guid, Guid> openTask, CancellationToken ct)
    {
        var buckets = Math.Min(10, options.Growth);
        var size = options.Growth / buckets;
        var lines = new List<string>();
        var done = 0;
        for (var b = 0; b < buckets; b++)
        {
            var count = b == buckets - 1 ? options.Growth - done : size;
            var latencies = new List<double>(count);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var (ms, task) = await CompleteAsync(services, actor, instanceId, openTask[instanceId], ct);
                openTask[instanceId] = task;
                latencies.Add(ms);
            }
            done += count;
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var stateLength = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.StateJson.Length).SingleAsync(ct);
            var stats = LatencyStats.From(latencies, clock.Elapsed.TotalSeconds);
            lines.Add(FormattableString.Invariant(
                $"loops {done - count + 1,5}-{done,-5} {stats.PerSecond,8:F1}/s  mean {stats.Mean,7:F3} ms  p99 {stats.P99,7:F3} ms  state after: {stateLength / 1024.0,7:F1} KiB"));
        }
        return lines;
    }

    /// <summary>Every accepted transition left exactly what it should: one idempotency record, one new task row, two journal entries.</summary>
    private static async Task<List<string>> CheckAsync(
        IServiceProvider services, int instances, int transitions, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var processed = await db.ProcessedCommands.CountAsync(ct);
        var tasks = await db.Tasks.CountAsync(ct);
        var open = await db.Tasks.CountAsync(t => t.Status == nameof(WorkTaskStatus.Open), ct);
        var journal = await db.Journal.CountAsync(ct);
        var states = await db.Instances.AsNoTracking().Select(i => new { i.StateJson, i.Version }).ToListAsync(ct);
        var journalInState = states.Sum(s => InstanceStateJson.Deserialize(s.StateJson).JournalSequence);
        var versions = states.Sum(s => s.Version);

        var checks = new List<string>();
        void Expect(string what, long actual, long expected) =>
            checks.Add(actual == expected ? $"ok   {what} = {actual}" : $"FAIL {what} = {actual}, expected {expected}");
        // A start writes InstanceStarted + TaskOpened; a loop writes TaskCompleted + TaskOpened.
        Expect("idempotency records", processed, instances + transitions);
        Expect("task rows", tasks, instances + transitions);
        Expect("open task rows", open, instances);
        Expect("journal rows", journal, 2L * instances + 2L * transitions);
        Expect("journal rows vs. instance states", journal, journalInState);
        Expect("sum of instance versions", versions, instances + transitions);
        return checks;
    }

    /// <summary>Mean stored state and response sizes (UTF-8 bytes) of some instances, right after they were measured.</summary>
    private static async Task<(double StateBytes, double ResponseBytes)> SizesAsync(IServiceProvider services, List<Guid> instances, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var states = await db.Instances.AsNoTracking().Where(i => instances.Contains(i.Id)).Select(i => i.StateJson).ToListAsync(ct);
        var responses = await db.ProcessedCommands.AsNoTracking().Where(c => c.InstanceId != null && instances.Contains(c.InstanceId.Value))
            .OrderBy(c => c.Key).Select(c => c.ResponseJson).Take(1000).ToListAsync(ct);
        return (states.Average(j => (double)System.Text.Encoding.UTF8.GetByteCount(j)),
            responses.Count == 0 ? 0 : responses.Average(j => (double)System.Text.Encoding.UTF8.GetByteCount(j)));
    }
}

/// <summary>Allocations, collections and JIT activity of this process over one phase.</summary>
public sealed class RuntimeCounters
{
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly long _jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
    private readonly TimeSpan _jitTime = System.Runtime.JitInfo.GetCompilationTime();

    public static RuntimeCounters Start() => new();

    public string Stop(int operations)
    {
        var allocated = (GC.GetTotalAllocatedBytes() - _allocated) / 1024.0 / Math.Max(1, operations);
        var gcs = $"{GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]}";
        var jit = (System.Runtime.JitInfo.GetCompilationTime() - _jitTime).TotalMilliseconds;
        return FormattableString.Invariant(
            $"{allocated:F0} KiB allocated per transition; GCs gen0/1/2 {gcs}; JIT {System.Runtime.JitInfo.GetCompiledMethodCount() - _jitMethods} methods, {jit:F0} ms");
    }
}
