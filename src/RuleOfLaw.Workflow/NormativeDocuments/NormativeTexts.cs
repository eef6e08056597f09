using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>The normative-document module's texts (refusals): <c>NormativeTexts.resx</c> (zh-CN) and <c>NormativeTexts.en.resx</c>.</summary>
public sealed class NormativeTexts : TextCatalog
{
    public static readonly NormativeTexts Catalog = new();

    private NormativeTexts() : base("normative-documents")
    {
    }
}
