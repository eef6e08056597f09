using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RuleOfLaw.Workflow.Server.Cluster;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>
/// Issue 18 item 4, in process: <c>/health/live</c> and <c>/health/ready</c> for the balancer (ready from a cached
/// check, not while draining), and background mail stopped cleanly: a send cut by the stop hands its row back at once.
/// The stop of real server processes under load is ProxiedClusterTests'.
/// </summary>
public sealed class ReadinessTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Ready_after_start_and_not_ready_once_draining_while_live_stays_up(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var client = server.CreateAnonymousClient();

        using (var live = await client.GetAsync(ClusterRegistration.LivePath))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        using (var ready = await client.GetAsync(ClusterRegistration.ReadyPath))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("\"Ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // What the host does first on SIGTERM (before the web server stops): readiness turns 503, requests still served.
        foreach (var service in server.Services.GetServices<IHostedService>().OfType<IHostedLifecycleService>().OfType<ReadinessWorker>())
        {
            await service.StoppingAsync(CancellationToken.None);
        }
        using (var draining = await client.GetAsync(ClusterRegistration.ReadyPath))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, draining.StatusCode);
            Assert.Contains("\"draining\"", await draining.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var stillLive = await client.GetAsync(ClusterRegistration.LivePath);
        Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_mail_send_cut_by_the_stop_hands_its_row_back_at_once(DatabaseProvider provider)
    {
        var sender = new BlockingSender();
        await using var server = await ServerFactory.StartAsync(provider, configure: s =>
        {
            // No recurring dispatch racing the pass this test runs itself.
            s.Settings["Scheduling:Enabled"] = "false";
            s.ExtraServices.Add(services => services.Replace(ServiceDescriptor.Singleton<IMailSender>(sender)));
        });
        var id = Guid.NewGuid();
        var now = server.Clock.GetUtcNow();
        await server.WithDatabaseAsync(async db =>
        {
            db.Add(new OutboxMessage
            {
                Id = id, EventKey = "test:" + id, Kind = "test", ToAddress = "someone@example.gov.cn", Subject = "s", Body = "b",
                Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            });
            return await db.SaveChangesAsync();
        });

        using var stop = new CancellationTokenSource();
        var pass = server.Services.GetRequiredService<OutboxWorker>().RunOnceAsync(stop.Token);
        await sender.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(OutboxStatus.Sending, await StatusAsync(server, id));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);

        var row = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        // Due now (not after the ten-minute lease): the next pass of any node sends it.
        Assert.True(row.NextAttemptAt <= server.Clock.GetUtcNow(), $"next attempt {row.NextAttemptAt:O}");
    }

    private static Task<string> StatusAsync(ServerFactory server, Guid id) =>
        server.WithDatabaseAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == id).Select(m => m.Status).SingleAsync());

    private sealed class BlockingSender : IMailSender
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SendAsync(MailEnvelope mail, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
