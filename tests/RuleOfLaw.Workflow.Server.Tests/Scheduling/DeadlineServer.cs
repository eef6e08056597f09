using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Mail;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>
/// A workflows folder with the repository's files plus small test procedures: <c>deadline-test</c> (a drafting task
/// due in 5 days, then a 10-day timer step, then a decision) and <c>incident-test</c> (a timer whose end falls in a
/// year without a holiday calendar). And helpers to start servers on it with fast scheduler and mail settings.
/// </summary>
public static class DeadlineServer
{
    public const string Definition = "deadline-test";
    public const string IncidentDefinition = "incident-test";

    private static readonly Lazy<string> Folder = new(Create);

    public static string WorkflowsDirectory => Folder.Value;

    private static string Create()
    {
        var root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "workflows", "calendars")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("workflows/ not found above the test binaries");
        }
        var target = Path.Combine(Path.GetTempPath(), $"rolw-deadline-workflows-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "workflows"), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Path.Combine(root, "workflows"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        File.WriteAllText(Path.Combine(target, "deadline-test.json"), """
            {
              "id": "deadline-test", "version": 1, "title": "期限测试程序", "legalBasis": "测试",
              "start": "draft",
              "steps": [
                { "id": "draft", "kind": "humanTask", "title": "起草方案", "role": "drafting-officer", "organization": "drafting-unit",
                  "due": { "days": 5, "counting": "calendar" },
                  "outcomes": [ { "id": "done", "title": "完成" } ], "next": ["wait"] },
                { "id": "wait", "kind": "timer", "title": "公示期", "duration": { "days": 10, "counting": "calendar" }, "next": ["decide"] },
                { "id": "decide", "kind": "humanTask", "title": "作出决定", "role": "drafting-head", "organization": "drafting-unit",
                  "outcomes": [ { "id": "decided", "title": "已决定" } ] }
              ]
            }
            """);
        File.WriteAllText(Path.Combine(target, "incident-test.json"), """
            {
              "id": "incident-test", "version": 1, "title": "日历缺失测试程序", "legalBasis": "测试",
              "start": "wait",
              "steps": [
                { "id": "wait", "kind": "timer", "title": "远期等待", "duration": { "days": 700, "counting": "calendar" }, "next": ["decide"] },
                { "id": "decide", "kind": "humanTask", "title": "作出决定", "role": "drafting-head", "organization": "drafting-unit",
                  "outcomes": [ { "id": "decided", "title": "已决定" } ] }
              ]
            }
            """);
        return target;
    }

    /// <summary>Fast settings: mail polled every 100 ms to <paramref name="smtp"/> (or a closed port), back-off from 1 s.</summary>
    public static void Configure(ServerFactory factory, SmtpSink? smtp)
    {
        factory.Settings["Workflows:Directory"] = WorkflowsDirectory;
        factory.Settings["Mail:Host"] = "127.0.0.1";
        factory.Settings["Mail:Port"] = (smtp?.Port ?? 9).ToString();
        factory.Settings["Mail:PollSeconds"] = "0.1";
        factory.Settings["Mail:RetryBaseSeconds"] = "1";
        factory.Settings["Mail:MaxBackoffSeconds"] = "4";
        factory.Settings["Mail:TimeoutSeconds"] = "5";
        factory.Settings["Mail:BaseUrl"] = "https://decisions.example.gov.cn";
        factory.Settings["Scheduling:IdleWaitSeconds"] = "1";
    }

    public static Task<ServerFactory> StartAsync(DatabaseProvider provider, SmtpSink? smtp = null) =>
        ServerFactory.StartAsync(provider, WorkflowsDirectory, f => Configure(f, smtp));

    /// <summary>A server on an existing database (a restart, or a second node), its clock at <paramref name="now"/>.</summary>
    public static ServerFactory StartOn(TestDatabase database, DateTimeOffset now, SmtpSink? smtp = null)
    {
        var factory = new ServerFactory(database, WorkflowsDirectory);
        Configure(factory, smtp);
        factory.Clock.MoveTo(now);
        factory.StartServer();
        return factory;
    }

    public static async Task<InstanceView> StartMatterAsync(ProcedureDriver driver, string definition = Definition, string title = "示范县停车收费期限测试")
    {
        var client = await driver.As("drafter");
        using var created = await client.PostJsonAsync("/api/matters", new { title, category = "public-policy", definitionId = definition });
        await created.ExpectAsync(HttpStatusCode.Created, driver.Server);
        var matter = await created.ReadAsync<MatterView>();
        return await driver.StartAsync(matter.Id);
    }

    /// <summary>Completes the open task of <paramref name="stepId"/> as <paramref name="user"/>.</summary>
    public static async Task CompleteAsync(ProcedureDriver driver, Guid instanceId, string stepId, string outcome, string user)
    {
        var instance = await driver.GetInstanceAsync(instanceId);
        var task = instance.OpenTasks.Single(t => t.StepId == stepId);
        await (await driver.CompleteRawAsync(user, task.Id, outcome)).ExpectAsync(HttpStatusCode.OK, driver.Server);
    }

    public static Task<List<ScheduledTimer>> TimersAsync(ServerFactory server, Guid? instanceId = null) =>
        server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().AsNoTracking().Where(t => instanceId == null || t.InstanceId == instanceId).ToListAsync());

    public static async Task ReconcileAsync(ServerFactory server) =>
        await server.Services.GetRequiredService<TimerTriggers>().ReconcileAsync(CancellationToken.None);

    /// <summary>The timers that have a live (scheduled, enqueued or running) Hangfire job, as the job storage says.</summary>
    public static IReadOnlySet<string> LiveTimerJobs(ServerFactory server) =>
        server.Services.GetRequiredService<TimerTriggers>().LiveJobs().Keys.Select(k => k.ToString()).ToHashSet();

    /// <summary>Waits (real time) until the timer row has left Pending; fails with its state and the server log.</summary>
    public static async Task<ScheduledTimer> WaitUntilDoneAsync(ServerFactory server, Guid timerId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var row = await server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().AsNoTracking().SingleAsync(t => t.Id == timerId));
            if (row.Status != TimerRowStatus.Pending)
            {
                return row;
            }
            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException($"Timer {timerId} ({row.Kind}, due {row.DueAt:O}) still {row.Status}.{server.DescribeServerLog()}");
            }
            await Task.Delay(100);
        }
    }

    public static Task<List<string>> JournalTypesAsync(ServerFactory server, Guid instanceId) =>
        server.WithDatabaseAsync(db => db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).Select(j => j.Type).ToListAsync());
}
