using RuleOfLaw.Workflow.Engine.Execution;
namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>The result of a clean-up for one document (清理结果).</summary>
public static class CleanupResults
{
    public const string Continue = "continue";
    public const string Amend = "amend";
    public const string Repeal = "repeal";
    public const string DeclareInvalid = "declare-invalid";

    public static readonly IReadOnlyList<string> All = [Continue, Amend, Repeal, DeclareInvalid];

    public static bool IsKnown(string result) => result is Continue or Amend or Repeal or DeclareInvalid;

    /// <summary>A repealed or invalid document leaves the current catalogue when the results are published.</summary>
    public static bool Ends(string result) => result is Repeal or DeclareInvalid;
}

/// <summary>Where a clean-up stands: results are proposed while open, the justice office approves, then publishes.</summary>
public static class CleanupStatuses
{
    public const string Open = "open";
    public const string Approved = "approved";
    public const string Published = "published";
}

/// <summary>
/// What a clean-up covers: the government's documents in force, optionally only one issuing entity's, issued in
/// the years given, and (when a keyword is given) those whose title names the subject (a special clean-up, 专项清理).
/// </summary>
public sealed record CleanupScope(string Subject, Guid? IssuerId, int FromYear, int ToYear, string? TitleKeyword);

/// <summary>One document as the scope needs it.</summary>
public sealed record CleanupCandidate(Guid Id, Guid IssuerId, string Title, DateOnly IssuedOn, bool InForce);

/// <summary>Clean-ups (清理): “谁制定谁清理”, each result with a reason, approved by the justice office, then published.</summary>
public static class CleanupRules
{
    private static NormativeTexts T => NormativeTexts.Catalog;

    /// <summary>A clean-up names its subject and a range of issue years (earliest first).</summary>
    public static IReadOnlyList<Refusal> CheckScope(CleanupScope scope)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(scope.Subject))
        {
            refusals.Add(T.Invalid("cleanup-subject-required", NormativeArticles.CleanUp));
        }
        if (scope.FromYear < 1949 || scope.ToYear < scope.FromYear)
        {
            refusals.Add(T.Invalid("cleanup-years-invalid", NormativeArticles.CleanUp, ("from", scope.FromYear), ("to", scope.ToYear)));
        }
        return refusals;
    }

    /// <summary>
    /// The documents a clean-up covers: in force (a document that already lapsed or was repealed has nothing left to
    /// clean up), of the issuer when one is named, issued within the years, and naming the keyword when one is given.
    /// </summary>
    public static IReadOnlyList<CleanupCandidate> InScope(CleanupScope scope, IEnumerable<CleanupCandidate> documents) =>
        documents.Where(d => d.InForce
                && (scope.IssuerId is null || d.IssuerId == scope.IssuerId)
                && d.IssuedOn.Year >= scope.FromYear && d.IssuedOn.Year <= scope.ToYear
                && (string.IsNullOrWhiteSpace(scope.TitleKeyword) || d.Title.Contains(scope.TitleKeyword.Trim(), StringComparison.Ordinal)))
            .ToList();

    /// <summary>
    /// A clean-up with nothing in scope is refused (its published list would say nothing), and so is one that covers a
    /// document already in another open clean-up: one document gets one result at a time from its issuer.
    /// </summary>
    public static Refusal? CheckOpening(int inScope, IReadOnlyCollection<string> alsoInOpenCleanups)
    {
        if (inScope == 0)
        {
            return T.Conflict("cleanup-scope-empty", NormativeArticles.CleanUp);
        }
        return alsoInOpenCleanups.Count > 0 ? T.Conflict("cleanup-overlap", NormativeArticles.CleanUp, ("documents", alsoInOpenCleanups.ToList())) : null;
    }

    public static Refusal? CheckResult(string result, string? reason)
    {
        if (!CleanupResults.IsKnown(result))
        {
            return T.Invalid("cleanup-result-unknown", NormativeArticles.CleanUp, ("result", result));
        }
        return string.IsNullOrWhiteSpace(reason) ? T.Invalid("cleanup-reason-required", NormativeArticles.CleanUp) : null;
    }

    /// <summary>Approval needs a result for every document in scope.</summary>
    public static Refusal? CheckApproval(int inScope, int withResult) =>
        withResult < inScope ? T.Conflict("cleanup-incomplete", NormativeArticles.CleanUp, ("missing", inScope - withResult)) : null;
}
