using RuleOfLaw.Workflow.Engine.Execution;
namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>The result of a clean-up for one document (清理结果).</summary>
public static class CleanupResults
{
    public const string Continue = "continue";
    public const string Amend = "amend";
    public const string Repeal = "repeal";
    public const string DeclareInvalid = "declare-invalid";

    public static bool IsKnown(string result) => result is Continue or Amend or Repeal or DeclareInvalid;

    /// <summary>A repealed or invalid document leaves the current catalogue when the results are approved.</summary>
    public static bool Ends(string result) => result is Repeal or DeclareInvalid;
}

/// <summary>Clean-ups (清理): “谁制定谁清理”, each result with a reason, approved by the justice office, then published.</summary>
public static class CleanupRules
{
    public static Refusal? CheckResult(string result, string? reason)
    {
        if (!CleanupResults.IsKnown(result))
        {
            return NormativeTexts.Catalog.Invalid("cleanup-result-unknown", NormativeArticles.CleanUp, ("result", result));
        }
        return string.IsNullOrWhiteSpace(reason) ? NormativeTexts.Catalog.Invalid("cleanup-reason-required", NormativeArticles.CleanUp) : null;
    }

    /// <summary>Approval needs a result for every document in scope.</summary>
    public static Refusal? CheckApproval(int inScope, int withResult) =>
        withResult < inScope ? NormativeTexts.Catalog.Conflict("cleanup-incomplete", NormativeArticles.CleanUp, ("missing", inScope - withResult)) : null;
}
