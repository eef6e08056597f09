using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// Makes a signed checkpoint when the latest is older than <c>Crypto:CheckpointHours</c> (daily by default). Looks
/// once a minute; several nodes may race, and the checkpoint number's primary key lets only one win.
/// </summary>
public sealed partial class CheckpointWorker(IServiceProvider services, IOptions<CryptoOptions> options, ILogger<CheckpointWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckpointHours == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<JournalCheckpoints>().CreateAsync(onlyIfDue: true, stoppingToken) is { } made)
                {
                    LogMade(logger, made.Number, made.InstanceCount, made.MerkleRoot);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal checkpoint {Number}: {Count} chain heads, Merkle root {Root}")]
    private static partial void LogMade(ILogger logger, long number, int count, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal checkpoint not made (retried in a minute)")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
