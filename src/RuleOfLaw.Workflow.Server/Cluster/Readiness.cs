using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// Whether this node should get requests from the balancer: it has started (database migrated, definitions
/// installed: every start-up service ran), its last database check succeeded, and it is not draining. Read by
/// <c>/health/ready</c> without touching the database, so a balancer polling every second costs nothing.
/// </summary>
public sealed class Readiness
{
    private volatile string? _notReady = "starting";

    /// <summary>Null when ready; otherwise why not (<c>starting</c>, <c>draining</c>, or the database check's failure).</summary>
    public string? NotReadyReason => _notReady;

    public bool Started { get; private set; }

    public bool Draining { get; private set; }

    public DateTimeOffset? CheckedAt { get; private set; }

    internal void MarkStarted()
    {
        Started = true;
        Update(null);
    }

    internal void MarkDraining()
    {
        Draining = true;
        _notReady = "draining";
    }

    internal void Update(string? databaseProblem, DateTimeOffset? at = null)
    {
        CheckedAt = at ?? CheckedAt;
        _notReady = Draining ? "draining" : !Started ? "starting" : databaseProblem;
    }
}

/// <summary>
/// Keeps <see cref="Readiness"/> current: marks the node started once the host has started, checks every
/// <see cref="ClusterOptions.ReadinessCheckSeconds"/> that the database answers and has no migration this node knows
/// and the database lacks, and on SIGTERM marks it draining and waits <see cref="ClusterOptions.DrainSeconds"/> before
/// the server stops accepting (its <see cref="StoppingAsync"/> runs before any service's StopAsync).
/// </summary>
public sealed partial class ReadinessWorker(
    Readiness readiness, IServiceScopeFactory scopes, IOptions<ClusterOptions> options, IHostApplicationLifetime lifetime,
    ILogger<ReadinessWorker> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _started.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        LogReady(logger);
        // Real time, not the application's clock (which tests move): the balancer polls in real time.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReadinessCheckSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var problem = await CheckDatabaseAsync(stoppingToken);
                var was = readiness.NotReadyReason;
                readiness.Update(problem, DateTimeOffset.UtcNow);
                if (problem != was && !readiness.Draining)
                {
                    LogReadinessChanged(logger, problem ?? "ready");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<string?> CheckDatabaseAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            if (!await db.Database.CanConnectAsync(ct))
            {
                return "database-unreachable";
            }
            return (await db.Database.GetPendingMigrationsAsync(ct)).Any() ? "migrations-pending" : null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogCheckFailed(logger, e.GetBaseException().Message);
            return "database-unreachable";
        }
    }

    /// <summary>
    /// Marks the node started in the host's own "started" notification, which comes after every start-up service has
    /// run (migrations first) and before the host reports it has started: ready from the first request after that.
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            readiness.MarkStarted();
            _started.TrySetResult();
        });
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called on SIGTERM before any hosted service stops, the web server included.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        readiness.MarkDraining();
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        LogDraining(logger, drain.TotalSeconds);
        if (drain > TimeSpan.Zero)
        {
            await Task.Delay(drain, cancellationToken);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready: /health/ready answers 200")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness changed: {State}")]
    private static partial void LogReadinessChanged(ILogger logger, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check of the database failed: {Error}")]
    private static partial void LogCheckFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: /health/ready answers 503 (draining); the server keeps serving for {Seconds} s, then stops accepting and lets requests in flight finish")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
