using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>A record-module refusal as a ProblemDetails answer, with its code and article.</summary>
public static class RecordProblems
{
    public static IResult ToHttp(Refusal refusal) => ApiProblem.Refused(refusal);
}
