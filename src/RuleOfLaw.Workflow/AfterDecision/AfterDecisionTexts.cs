using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>The after-decision module's texts (refusals of arts. 31-37 and 43): <c>AfterDecisionTexts.resx</c> (zh-CN) and <c>AfterDecisionTexts.en.resx</c>.</summary>
public sealed class AfterDecisionTexts : TextCatalog
{
    public static readonly AfterDecisionTexts Catalog = new();

    private AfterDecisionTexts() : base("after-decision")
    {
    }
}
