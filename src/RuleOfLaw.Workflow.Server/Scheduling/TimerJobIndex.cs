using Hangfire.States;
using Hangfire.Storage;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Which timers have a live Hangfire job (scheduled, enqueued or running), kept in a Hangfire set inside the same
/// storage transaction as each job's state change, so it can never disagree with the jobs themselves. Hangfire has
/// no job keys (Quartz had the trigger key = timer id); reconciliation reads this set in one query to find timers
/// without a job and jobs without a pending timer.
/// </summary>
public sealed class TimerJobIndex : IApplyStateFilter
{
    /// <summary>Members are <c>{timerId:N}:{jobId}</c>.</summary>
    public const string SetKey = "rolw:timer-jobs";

    private static readonly HashSet<string> LiveStates = new(StringComparer.OrdinalIgnoreCase)
    {
        ScheduledState.StateName, EnqueuedState.StateName, ProcessingState.StateName, AwaitingState.StateName,
    };

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (Member(context) is not { } member)
        {
            return;
        }
        if (LiveStates.Contains(context.NewState.Name))
        {
            transaction.AddToSet(SetKey, member);
        }
        else
        {
            transaction.RemoveFromSet(SetKey, member);
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    /// <summary>Timer id → its live job ids.</summary>
    public static Dictionary<Guid, List<string>> Read(IStorageConnection connection)
    {
        var live = new Dictionary<Guid, List<string>>();
        foreach (var member in connection.GetAllItemsFromSet(SetKey))
        {
            var colon = member.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && Guid.TryParseExact(member.AsSpan(0, colon), "N", out var timerId))
            {
                if (!live.TryGetValue(timerId, out var jobs))
                {
                    live[timerId] = jobs = [];
                }
                jobs.Add(member[(colon + 1)..]);
            }
        }
        return live;
    }

    private static string? Member(ApplyStateContext context)
    {
        var job = context.BackgroundJob.Job;
        return job?.Type == typeof(TimerJob) && job.Args is [Guid timerId, ..]
            ? $"{timerId:N}:{context.BackgroundJob.Id}"
            : null;
    }
}
