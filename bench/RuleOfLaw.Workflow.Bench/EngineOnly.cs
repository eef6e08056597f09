using System.Diagnostics;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>
/// The CPU part of one transition without any database: what InstanceCommandService does in memory around its
/// queries (idempotency key hash, state JSON → object, WorkflowEngine.Decide, response JSON, state → JSON). It bounds
/// how fast the engine could go on an infinitely fast database.
/// </summary>
public static class EngineOnly
{
    public static (LatencyStats Stats, string Runtime) Run(string definitionsDirectory, string calendarsDirectory, int loopsPerInstance, double seconds, double warmupSeconds)
    {
        var definition = DefinitionLoader.LoadDirectory(definitionsDirectory, ProcedureVocabulary.Instance).Single(d => d.Id == EngineBenchmark.DefinitionId);
        var engine = new WorkflowEngine(new DeadlineCalculator(HolidayCalendar.LoadDirectory(calendarsDirectory), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        var actor = new Actor("bench-user", "基准测试经办人 / bench officer",
            new HashSet<Membership> { new(EngineBenchmark.OrganizationId, Roles.DraftingOfficer) });
        var assignments = new Dictionary<string, string> { [OrganizationScopes.DraftingUnit] = EngineBenchmark.OrganizationId };

        string stateJson = "";
        var loops = loopsPerInstance;
        void One()
        {
            if (loops++ >= loopsPerInstance)
            {
                var id = Guid.NewGuid();
                var started = engine.Decide(definition, null, new WorkflowCommand.Start(id, id.ToString(), new Dictionary<string, bool>(), assignments), actor, DateTimeOffset.UtcNow);
                stateJson = InstanceStateJson.Serialize(started.State!);
                loops = 1;
            }
            var state = InstanceStateJson.Deserialize(stateJson);
            var task = state.OpenTasks().Single().Id;
            _ = IdempotencyKey.For(actor.Id, null, $"complete-task:{task}", $"POST /api/tasks/{task}/complete",
                new { Outcome = EngineBenchmark.LoopOutcome, Comment = (string?)null, Data = (string?)null });
            var decision = engine.Decide(definition, state, new WorkflowCommand.CompleteTask(task, EngineBenchmark.LoopOutcome, null, null), actor, DateTimeOffset.UtcNow);
            if (!decision.Accepted)
            {
                throw new InvalidOperationException(string.Join("; ", decision.Refusals.Select(r => r.Message)));
            }
            _ = Server.Problems.ApiJson.Serialize(InstanceView.From(decision.State!, definition));
            stateJson = InstanceStateJson.Serialize(decision.State!);
        }

        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < warmupSeconds)
        {
            One();
        }
        var latencies = new List<double>(1_000_000);
        var runtime = RuntimeCounters.Start();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var t = Stopwatch.GetTimestamp();
            One();
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        var stats = LatencyStats.From(latencies, clock.Elapsed.TotalSeconds);
        return (stats, runtime.Stop(latencies.Count));
    }
}
