using System.Globalization;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

internal static class RefusalArguments
{
    /// <summary>The refusal's argument as invariant text, or empty when it has none of that name.</summary>
    public static string Arg(this Refusal refusal, string name) =>
        Convert.ToString(refusal.Arguments?.GetValueOrDefault(name), CultureInfo.InvariantCulture) ?? "";
}
