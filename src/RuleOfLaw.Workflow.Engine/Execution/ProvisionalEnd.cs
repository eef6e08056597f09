namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// A task's due date, a task's minimum or a timer's end that falls in a year without a holiday calendar (issue 16
/// item 6): the work goes on, the end is known only as a lower bound, and it is counted again from
/// <paramref name="From"/> when <paramref name="Year"/>'s calendar is loaded (<see cref="WorkflowCommand.RecountDeadlines"/>).
/// </summary>
/// <param name="Year">The year whose calendar the end waits for.</param>
/// <param name="AtLeast">The earliest instant the period can end whatever that year's holidays are ("at least until").</param>
/// <param name="From">The instant the period was counted from (so the recount counts the same period, not a new one).</param>
public sealed record ProvisionalEnd(int Year, DateTimeOffset AtLeast, DateTimeOffset From);
