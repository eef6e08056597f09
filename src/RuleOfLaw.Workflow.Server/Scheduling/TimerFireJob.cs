using Quartz;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>The one Quartz job: a trigger fired, so fire the timer whose id it carries.</summary>
public sealed class TimerFireJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(context.MergedJobDataMap.GetString(TimerTriggers.TimerIdKey), out var id))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(id, cancellationToken);
    }
}
