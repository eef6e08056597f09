using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>The problem responses' own texts (titles, and the failures no module owns): <c>ProblemTexts.resx</c> / <c>.en.resx</c>.</summary>
public sealed class ProblemTexts : TextCatalog
{
    public static readonly ProblemTexts Catalog = new();

    private ProblemTexts() : base("problems")
    {
    }
}
