using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// Sees every accepted transition of <see cref="InstanceCommandService"/>: <see cref="OnDecidedAsync"/>
/// adds rows (timers, outbox mails) to the context so they commit with the state; <see cref="OnCommittedAsync"/>
/// runs after the commit (e.g. to schedule Hangfire jobs). Register as scoped.
/// </summary>
public interface IInstanceTransitionObserver
{
    /// <remarks>Called again on each retry of the command, after the change tracker was cleared: start afresh each time.</remarks>
    Task OnDecidedAsync(InstanceState? before, InstanceState after, CancellationToken cancellationToken);

    Task OnCommittedAsync(CancellationToken cancellationToken);
}
