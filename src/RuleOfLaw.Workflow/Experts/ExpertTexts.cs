using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Experts;

/// <summary>The expert argumentation's texts (its refusals): <c>ExpertTexts.resx</c> (zh-CN) and <c>ExpertTexts.en.resx</c>.</summary>
public sealed class ExpertTexts : TextCatalog
{
    public static readonly ExpertTexts Catalog = new();

    private ExpertTexts() : base("experts")
    {
    }
}
