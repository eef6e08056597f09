using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Input;

/// <summary>
/// A value refused by the input rules, answered 400 (the request is malformed whatever the state of the procedure): the
/// rule's code (<c>control-character</c>, <c>invalid-unicode</c>, <c>date-out-of-range</c>), the text in the reader's
/// language, the field in <c>field</c> and, like the framework's validation problems, in <c>errors</c>.
/// </summary>
public static class InputProblem
{
    public static IResult Result(Refusal refusal)
    {
        var text = ReaderLanguage.Text(refusal);
        var field = refusal.Arguments?.GetValueOrDefault("field") as string ?? "";
        return ApiProblem.Create(StatusCodes.Status400BadRequest, refusal.Code, ApiProblem.Title("title-malformed"), text, refusal.Article,
            new Dictionary<string, object?>
            {
                ["field"] = field,
                ["errors"] = new Dictionary<string, string[]> { [field] = [text] },
                ["arguments"] = refusal.Arguments,
            });
    }
}
