using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>A record-module refusal as a ProblemDetails answer, with its code and article.</summary>
public static class RecordProblems
{
    public static IResult ToHttp(RecordRefusal refusal) => refusal.Kind switch
    {
        RecordRefusalKind.NotFound => ApiProblem.NotFound(refusal.Message),
        RecordRefusalKind.Forbidden => ApiProblem.Forbidden(refusal.Message, refusal.Article),
        RecordRefusalKind.Conflict => ApiProblem.Create(StatusCodes.Status409Conflict, refusal.Code, "与记录冲突 / Conflicts with the record", refusal.Message, refusal.Article),
        _ => ApiProblem.Validation(refusal.Code, refusal.Message, article: refusal.Article),
    };
}
