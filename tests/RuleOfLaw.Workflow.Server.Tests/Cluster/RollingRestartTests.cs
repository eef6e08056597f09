using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Scheduling;
using Xunit.Abstractions;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>
/// Issue 18 item 4: the two nodes are restarted one after the other (SIGTERM, wait for the exit, start, wait until
/// ready) while clients keep posting comments through nginx. Every request must succeed: a stopping node finishes what
/// it accepted and then refuses connections, which nginx passes on to the other node. Every receipt a client got is
/// in the database. And every timer still fires once: just before each node is stopped, consultations of urgent
/// matters are published through nginx closing a few seconds later, so their automatic closes (domain timers, Hangfire
/// jobs in the shared database) fall due while that node drains, is down and starts again; afterwards each has fired
/// exactly once (one firing logged by one node, one <c>ConsultationClosed</c> in its journal) and none is left pending.
/// </summary>
[Collection(ProxiedClusterCollection.Name)]
public sealed class RollingRestartTests(ProxiedCluster cluster, ITestOutputHelper output)
{
    private const int Clients = 6;

    /// <summary>Timers made to fall due while each node restarts.</summary>
    private const int TimersPerNode = ProxiedCluster.UrgentMatters / 2;

    /// <summary>
    /// The first timer of a restart falls due this long after its consultations start being published: generous, since
    /// the load is paused meanwhile (a second of it is a second of both cores) and a loaded machine took more than 8 s.
    /// </summary>
    private const int PublishMarginSeconds = 30;

    /// <summary>The comment load resumes this long before the first timer of a restart is due, so that it flows when the node is stopped.</summary>
    private const int LoadBeforeDueSeconds = 8;

    [NginxFact]
    public async Task A_rolling_restart_under_comment_load_fails_no_request_and_loses_no_comment()
    {
        var receipts = new ConcurrentBag<string>();
        var failures = new ConcurrentQueue<string>();
        var answeredBy = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var gate = new LoadGate();
        var load = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var client = cluster.Client();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    await gate.WhenOpenAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break; // stopped while the load was paused
                }
                try
                {
                    // Each comment with its own Idempotency-Key, as a careful client (and the portal's form) sends: a
                    // comment nginx passed on to the other node after the first had taken it is answered once.
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/consultations/{cluster.ConsultationId}/comments")
                    {
                        Content = JsonContent.Create(new { submitterType = "anonymous", text = $"滚动重启期间第{c}号客户的第{n}条意见。" }),
                    };
                    request.Headers.Add("Idempotency-Key", $"rolling-{c}-{n}-{Guid.NewGuid():N}");
                    using var response = await client.SendAsync(request);
                    answeredBy.AddOrUpdate(ProxiedCluster.Upstream(response), 1, (_, v) => v + 1);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        receipts.Add((await response.Content.ReadFromJsonAsync<CommentReceipt>())!.ReceiptNumber);
                    }
                    else
                    {
                        failures.Enqueue($"{(int)response.StatusCode} via {ProxiedCluster.Upstream(response)}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Enqueue(e.GetType().Name + ": " + e.Message);
                }
            }
        })).ToList();

        using var drafter = cluster.Client(cookies: true);
        using (var login = await drafter.PostAsJsonAsync("/api/auth/login", new { userName = "drafter", password = DemoData.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        var urgentMatters = new Queue<Guid>(cluster.UrgentMatterIds);
        var closes = new List<ConsultationView>();

        var restarts = Stopwatch.StartNew();
        var exitCodes = new List<int>();
        foreach (var node in cluster.Nodes)
        {
            await WaitForReceiptsAsync(receipts, receipts.Count + 20);
            // Timers due 0.5, 1.5 and 2.5 s after this node is told to stop: while it drains (1 s), stops and starts again
            // (longer). Published all at once with the comment load paused, so that neither waits for the other, and with
            // generous room: a loaded machine took more than 8 s for it (issue 17 item 8). The load resumes well before
            // the node is stopped; the stop does not wait for its receipts (at a load average of 56 the first 20 took
            // 9 s, and the stop came after the first timer was due): the clients are sending, and that the other node
            // carries their load alone is checked after the stop.
            gate.Close();
            var first = DateTimeOffset.UtcNow.AddSeconds(PublishMarginSeconds);
            var phase = (await Task.WhenAll(Enumerable.Range(0, TimersPerNode)
                .Select(i => (Matter: urgentMatters.Dequeue(), ClosesAt: first.AddSeconds(i))).ToList()
                .Select(t => PublishClosingAtAsync(drafter, t.Matter, t.ClosesAt)))).ToList();
            var resumeAt = first.AddSeconds(-LoadBeforeDueSeconds);
            Assert.True(DateTimeOffset.UtcNow < resumeAt,
                $"publishing the timers of node {node.Name} took longer than the {PublishMarginSeconds - LoadBeforeDueSeconds} s allowed for it{cluster.Describe()}");
            await DelayUntilAsync(resumeAt);
            gate.Open();
            // SIGTERM half a second before the first is due.
            await DelayUntilAsync(first.AddMilliseconds(-500));
            var stopping = DateTimeOffset.UtcNow;
            exitCodes.Add(await node.StopAsync());
            await WaitForReceiptsAsync(receipts, receipts.Count + 20); // the other node carries the load alone
            await node.StartAsync();
            // As an operator does before the next node: wait until the proxy sends the restarted node requests again.
            // nginx left it out after its refusals and tries it again only after fail_timeout; stopping the other node
            // before that leaves nginx with no node it believes alive (502 "no live upstreams").
            var served = answeredBy.GetValueOrDefault(node.Upstream);
            await WaitForAsync(() => answeredBy.GetValueOrDefault(node.Upstream) >= served + 20, $"nginx sends node {node.Name} requests again");
            // The timers really fell due while this node restarted (not before, not after).
            var back = DateTimeOffset.UtcNow;
            Assert.True(phase.All(c => c.ClosesAt > stopping && c.ClosesAt < back),
                $"node {node.Name} was told to stop at {stopping:O} and served again at {back:O}; its timers were due at {string.Join(", ", phase.Select(c => c.ClosesAt.ToString("O")))}");
            closes.AddRange(phase);
        }
        restarts.Stop();
        await WaitForReceiptsAsync(receipts, receipts.Count + 20);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        await AssertEachTimerFiredOnceAsync(closes);

        Assert.True(failures.IsEmpty, $"{failures.Count} failed request(s) of {receipts.Count + failures.Count}: {string.Join(Environment.NewLine, failures.Take(10))}{cluster.Describe()}");
        // A graceful stop exits 0 (a crash or a kill would not).
        Assert.Equal([0, 0], exitCodes);
        var numbers = receipts.ToList();
        var stored = await CountReceiptsAsync(numbers);
        Assert.Equal(numbers.Count, stored);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        // And no comment was taken twice: exactly one row per comment a client sent and got a receipt for.
        Assert.Equal(numbers.Count, await CountRollingCommentsAsync());
        Assert.True(answeredBy.Keys.Count(k => !k.Contains(',', StringComparison.Ordinal)) >= 2, "answered by: " + string.Join(", ", answeredBy));
        output.WriteLine($"Rolling restart: {numbers.Count} comments accepted, 0 failed, restarts took {restarts.Elapsed.TotalSeconds:F0} s; answered by {string.Join(", ", answeredBy.Select(a => $"{a.Key}={a.Value}"))}");
    }

    /// <summary>Publishes the urgent matter's consultation through nginx, closing at <paramref name="closesAt"/> (第十五条: shortened for urgency).</summary>
    private async Task<ConsultationView> PublishClosingAtAsync(HttpClient drafter, Guid matterId, DateTimeOffset closesAt)
    {
        closesAt = DateTimeOffset.FromUnixTimeMilliseconds(closesAt.ToUnixTimeMilliseconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/matters/{matterId}/consultations")
        {
            Content = JsonContent.Create(Draft(closesAt, "防汛形势紧急，须在主汛期前实施。")),
        };
        request.Headers.Add("Idempotency-Key", $"rolling-close-{matterId:N}");
        using var published = await drafter.SendAsync(request);
        Assert.True(published.StatusCode == HttpStatusCode.Created,
            $"publishing through {ProxiedCluster.Upstream(published)} answered {(int)published.StatusCode}: {await published.Content.ReadAsStringAsync()}{cluster.Describe()}");
        var consultation = (await published.Content.ReadFromJsonAsync<ConsultationView>())!;
        Assert.Equal(closesAt, consultation.ClosesAt);
        return consultation;
    }

    /// <summary>
    /// Each consultation's close timer left Pending (bounded wait) as Fired, was fired by exactly one node once (the
    /// nodes' firing log, both runs of each), and closed its consultation with exactly one journal entry.
    /// </summary>
    private async Task AssertEachTimerFiredOnceAsync(IReadOnlyCollection<ConsultationView> closes)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(options, cluster.Database.Options, Path.GetTempPath());
        var matters = closes.Select(c => c.MatterId).ToList();
        List<ScheduledTimer> timers;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            await using (var db = new WorkflowDbContext(options.Options))
            {
                timers = await db.Set<ScheduledTimer>().AsNoTracking()
                    .Where(t => t.Kind == ConsultationCloseTimer.TimerKind && t.MatterId != null && matters.Contains(t.MatterId.Value)).ToListAsync();
            }
            if (timers.Count == closes.Count && timers.All(t => t.Status != TimerRowStatus.Pending))
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"a minute after the restarts, timers still pending: {string.Join(", ", timers.Where(t => t.Status == TimerRowStatus.Pending).Select(t => $"{t.Id} due {t.DueAt:O}"))} " +
                $"({timers.Count} of {closes.Count} rows){cluster.Describe()}");
            await Task.Delay(200);
        }
        var firings = cluster.Nodes.SelectMany(n => n.Kept.Select(line => $"{n.Name}: {line}")).ToList();
        await using (var db = new WorkflowDbContext(options.Options))
        {
            foreach (var close in closes)
            {
                var timer = Assert.Single(timers, t => t.MatterId == close.MatterId);
                Assert.Equal(TimerRowStatus.Fired, timer.Status);
                Assert.Equal(close.ClosesAt, timer.DueAt);
                var fired = firings.Where(l => l.Contains($"Timer {timer.Id} (", StringComparison.Ordinal)).ToList();
                Assert.True(fired.Count == 1 && fired[0].EndsWith(": Fired", StringComparison.Ordinal),
                    $"timer {timer.Id} (due {timer.DueAt:O}) fired {fired.Count} time(s): {string.Join(" | ", fired)}");
                var instanceId = timer.InstanceId!.Value;
                Assert.Equal(1, await db.Journal.CountAsync(j => j.InstanceId == instanceId && j.Type == ConsultationClosing.JournalType));
                var consultation = await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == close.Id);
                Assert.NotNull(consultation.ClosedAt);
            }
        }
        output.WriteLine($"Timers due during the restarts: {closes.Count}, each fired once: {string.Join("; ", firings)}");
    }

    /// <summary>Waits until <paramref name="instant"/> on the nodes' real clock (at once when it has passed).</summary>
    private static async Task DelayUntilAsync(DateTimeOffset instant)
    {
        if (instant - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>Lets the clients' comment load through or holds it (awaited before each request), without polling.</summary>
    private sealed class LoadGate
    {
        private TaskCompletionSource _open = Opened();

        public Task WhenOpenAsync(CancellationToken cancellationToken) => Volatile.Read(ref _open).Task.WaitAsync(cancellationToken);

        public void Close()
        {
            if (Volatile.Read(ref _open).Task.IsCompleted)
            {
                Volatile.Write(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }

        public void Open() => Volatile.Read(ref _open).TrySetResult();

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }

    private async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within a minute: {what}{cluster.Describe()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits (bounded) until the clients have more receipts: the load is really flowing at this point.</summary>
    private async Task WaitForReceiptsAsync(ConcurrentBag<string> receipts, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (receipts.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the load stalled at {receipts.Count} receipts{cluster.Describe()}");
            await Task.Delay(50);
        }
    }

    private async Task<int> CountRollingCommentsAsync()
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(options, cluster.Database.Options, Path.GetTempPath());
        await using var db = new WorkflowDbContext(options.Options);
        return await db.Set<ConsultationComment>().CountAsync(c => c.Text.StartsWith("滚动重启期间"));
    }

    private async Task<int> CountReceiptsAsync(IReadOnlyCollection<string> numbers)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(options, cluster.Database.Options, Path.GetTempPath());
        await using var db = new WorkflowDbContext(options.Options);
        var stored = 0;
        foreach (var chunk in numbers.Chunk(500))
        {
            stored += await db.Set<ConsultationComment>().CountAsync(c => chunk.Contains(c.ReceiptNumber));
        }
        return stored;
    }
}
