using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Initiation;

/// <summary>The initiation's texts (its refusals): <c>InitiationTexts.resx</c> (zh-CN) and <c>InitiationTexts.en.resx</c>.</summary>
public sealed class InitiationTexts : TextCatalog
{
    public static readonly InitiationTexts Catalog = new();

    private InitiationTexts() : base("initiation")
    {
    }
}
