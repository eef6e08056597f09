using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Procedure;

/// <summary>
/// A statutory precondition for completing a step's task that lives in the domain records rather than in the step
/// graph: e.g. public participation cannot be completed while the consultation is open or comments are unanswered
/// (arts. 14-17). <see cref="Instances.InstanceCommandService"/> asks every guard registered for the task's step before
/// the engine decides, on every path that completes a task (API, UI, tests), so a gate cannot be bypassed.
/// </summary>
/// <remarks>Register with <c>services.AddScoped&lt;IStepCompletionGuard, MyGuard&gt;()</c>; inject the DbContext if needed.</remarks>
public interface IStepCompletionGuard
{
    /// <summary>The step ids this guard speaks for.</summary>
    IReadOnlyCollection<string> Steps { get; }

    /// <summary>Refusals (with the article) if the task may not be completed with this outcome now; empty if it may.</summary>
    Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken);
}

/// <summary>What a guard sees: the instance as stored, the task, and what the user asks.</summary>
public sealed record StepCompletionContext(
    Guid MatterId,
    InstanceState State,
    ProcedureDefinition Definition,
    WorkTask Task,
    string Outcome,
    string? Comment,
    string? DataJson,
    Actor Actor,
    DateTimeOffset Now);
