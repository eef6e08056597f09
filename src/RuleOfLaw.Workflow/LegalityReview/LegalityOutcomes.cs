namespace RuleOfLaw.Workflow.LegalityReview;

/// <summary>
/// The outcomes of the legality-review steps that this module's rules read (第二十五条至第二十八条). The module's
/// descriptor lists them, so a definition that renames one stops the server at start-up instead of switching a rule off.
/// </summary>
public static class LegalityOutcomes
{
    /// <summary>legality-submission: the drafting unit submits the package (第二十六条).</summary>
    public const string Submitted = "submitted";

    /// <summary>legality-intake: the package is incomplete and goes back with the list of what is missing (第二十六条).</summary>
    public const string Returned = "returned";

    /// <summary>legality-review: the conclusions (第二十八条).</summary>
    public const string Lawful = "lawful";

    public const string NeedsRevision = "needs-revision";

    public const string Unlawful = "unlawful";

    /// <summary>A reform the law does not yet cover, reviewed with its legal risk stated.</summary>
    public const string ExploratoryReform = "exploratory-reform";
}
