using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.LegalityReview;

/// <summary>The legality review's texts (its refusals): <c>LegalityTexts.resx</c> (zh-CN) and <c>LegalityTexts.en.resx</c>.</summary>
public sealed class LegalityTexts : TextCatalog
{
    public static readonly LegalityTexts Catalog = new();

    private LegalityTexts() : base("legality-review")
    {
    }
}
