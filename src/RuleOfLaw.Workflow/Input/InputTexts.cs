using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Input;

/// <summary>The input rules' texts: <c>InputTexts.resx</c> (zh-CN) and <c>InputTexts.en.resx</c>.</summary>
public sealed class InputTexts : TextCatalog
{
    public static readonly InputTexts Catalog = new();

    private InputTexts() : base("input")
    {
    }
}
