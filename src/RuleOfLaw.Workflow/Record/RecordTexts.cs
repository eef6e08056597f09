using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Record;

/// <summary>The record module's texts (catalogue, indicators, accountability, dossier): <c>RecordTexts.resx</c> (zh-CN) and <c>RecordTexts.en.resx</c>.</summary>
public sealed class RecordTexts : TextCatalog
{
    public static readonly RecordTexts Catalog = new();

    private RecordTexts() : base("record")
    {
    }
}
