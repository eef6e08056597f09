using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>
/// Issue 18: two server processes on one throwaway PostgreSQL database behind nginx, started once per test class
/// (a node's start is most of the cost). The database is prepared first by an in-process server on the real clock:
/// the demo county and one open consultation to comment on. Then node A starts (and would migrate), then node B,
/// then nginx in front of them. Both nodes trust nginx (the loopback) for the forwarded headers. For timers that come
/// due while the nodes restart, a few urgent matters wait at public participation: a consultation published on one of
/// them may close within seconds (第十五条 waives the minimum period for an urgent matter), so its automatic close is
/// a domain timer due at any instant a test chooses, on the nodes' real clock.
/// </summary>
public sealed class ProxiedCluster : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not started");

    public NginxProxy Proxy { get; private set; } = null!;

    public IReadOnlyList<ServerProcess> Nodes { get; private set; } = [];

    /// <summary>An open consultation, published before the nodes started.</summary>
    public Guid ConsultationId { get; private set; }

    /// <summary>Urgent matters at public participation, nothing published yet: one consultation each, closing when a test says.</summary>
    public IReadOnlyList<Guid> UrgentMatterIds { get; private set; } = [];

    /// <summary>How many <see cref="UrgentMatterIds"/> there are.</summary>
    public const int UrgentMatters = 6;

    /// <summary>The nodes' log lines of timer firings (<c>Timer {id} ({kind}): {outcome}</c>), kept by <see cref="ServerProcess.Kept"/>.</summary>
    public static bool IsTimerLine(string line) =>
        line.Contains("Scheduling.TimerFiring", StringComparison.Ordinal) && line.Contains(" Timer ", StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        if (Nginx.Binary is null && !Nginx.InCi)
        {
            return; // every test of the class is skipped ([NginxFact]): start nothing
        }
        _database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using (var preparer = new ServerFactory(_database))
        {
            // The nodes run on the real clock, so the consultation must be open now.
            preparer.Clock.MoveTo(DateTimeOffset.UtcNow);
            preparer.StartServer();
            using var driver = new ProcedureDriver(preparer);
            ConsultationId = (await PublishAsync(driver, (await AtParticipationAsync(driver)).Id)).Id;
            var urgent = new List<Guid>();
            for (var i = 0; i < UrgentMatters; i++)
            {
                urgent.Add((await AtParticipationAsync(driver, new Dictionary<string, bool> { ["urgent"] = true })).Id);
            }
            UrgentMatterIds = urgent;
        }
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_USE_POLLING_FILE_WATCHER"] = "1",
            ["Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["Database__ConnectionString"] = _database.ConnectionString,
            ["Crypto__KeyRingFile"] = _database.KeyRingFile,
            ["Workflows__Directory"] = Path.Combine(ServerBuild.RepositoryRoot, "workflows"),
            ["Demo__Seed"] = "false",
            ["Demo__LivingMatters"] = "false",
            ["Mail__Enabled"] = "false",
            ["ReverseProxy__KnownProxies__0"] = "127.0.0.1",
            // Room for the load of the rolling restart from one address; the limits themselves are tested elsewhere.
            ["Participation__PublicComments__PermitLimit"] = "100000",
            ["Cluster__DrainSeconds"] = "1",
            ["Cluster__ReadinessCheckSeconds"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
            // Each timer firing's outcome, one line each, kept for the tests (IsTimerLine).
            ["Logging__LogLevel__RuleOfLaw.Workflow.Server.Scheduling.TimerFiring"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            // Hangfire moves a due timer's job to the queue within a second (default 5 s).
            ["Scheduling__IdleWaitSeconds"] = "1",
        };
        Nodes = [new ServerProcess("A", environment, IsTimerLine), new ServerProcess("B", environment, IsTimerLine)];
        foreach (var node in Nodes)
        {
            await node.StartAsync();
        }
        Proxy = await NginxProxy.StartAsync(Nodes.Select(n => n.Port).ToList());
    }

    /// <summary>A client of the proxy; with <paramref name="cookies"/> it keeps cookies like a browser.</summary>
    public HttpClient Client(bool cookies = false) =>
        new(new HttpClientHandler { UseCookies = cookies, AllowAutoRedirect = false }) { BaseAddress = Proxy.Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Which node answered (nginx's <c>X-Upstream</c>; several when nginx tried one and then another).</summary>
    public static string Upstream(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Upstream", out var values) ? string.Join(",", values) : "(none)";

    public string Describe() =>
        string.Concat(Nodes.Select(n => $"{Environment.NewLine}--- node {n.Name} ({n.Upstream}) ---{Environment.NewLine}{n.Output}"));

    public async Task DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
