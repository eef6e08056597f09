using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Calendars;

/// <summary>
/// Once a minute on every node: add the calendar years another node stored, count again the provisional deadlines
/// (consultation ends, task due dates, minimums, timers) whose year is now loaded (a load that stopped half-way, or one made on another node), and from
/// <c>Calendars:WarnFrom</c> mail the administrators about a missing year (once per year and administrator).
/// </summary>
public sealed partial class CalendarWorker(IServiceProvider services, ILogger<CalendarWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                await RunOnceAsync(services, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round (also what a test calls instead of waiting a minute).</summary>
    public static async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var calendars = scope.ServiceProvider.GetRequiredService<CalendarYears>();
        await calendars.RefreshAsync(ct);
        await calendars.RecountAsync(Actor.System, ct);
        await calendars.MailAdministratorsAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar round failed (retried in a minute)")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
