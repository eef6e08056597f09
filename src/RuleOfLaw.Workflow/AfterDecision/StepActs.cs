using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>What a recorded act after the decision has in common: which act, when its step began, today (local days).</summary>
/// <param name="Act">the act's text variant: <c>party-report</c>, <c>publication</c>, <c>filing</c>, <c>archive</c></param>
public sealed record ActDay(string Act, DateOnly Date, DateOnly StepBegan, DateOnly Today);

/// <summary>
/// The rules every act recorded on an after-decision step follows: the step's task is open and the actor holds its
/// role in its organization; the act's date lies between the step's beginning and today.
/// </summary>
public static class StepActs
{
    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

    /// <summary>The step's open task (null: the step is not open now) performed by one who holds its role there.</summary>
    public static Refusal? MayRecord(WorkTask? task, string stepId, string stepTitle, Actor actor, string article)
    {
        if (task is null)
        {
            return T.Conflict("step-not-open", article, ("step", stepId), ("title", stepTitle));
        }
        return actor.Holds(task.Role, task.OrganizationId)
            ? null
            : T.Forbidden("forbidden.step", article, ("role", task.Role), ("organization", task.OrganizationId));
    }

    /// <summary>An act is dated no later than today and no earlier than the day its step began.</summary>
    public static Refusal? Dated(ActDay day, string article) =>
        day.Date > day.Today ? T.Invalid($"date-in-future.{day.Act}", article, ("today", day.Today))
        : day.Date < day.StepBegan ? T.Invalid($"date-too-early.{day.Act}", article, ("earliest", day.StepBegan))
        : null;
}
