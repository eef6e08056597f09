using System.Globalization;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>Answers a service's refusal as a problem (texts: <c>RuleOfLaw.Workflow.NormativeDocuments.NormativeTexts</c>).</summary>
public static class NormativeProblems
{
    /// <summary>Runs a service call and answers its refusal as a problem in the reader's language.</summary>
    public static async Task<IResult> Answer(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (NormativeRefusedException e)
        {
            return ApiProblem.Refused(e.Refusals);
        }
    }

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
