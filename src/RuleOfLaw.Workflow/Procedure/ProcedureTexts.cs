using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Procedure;

/// <summary>
/// The texts of the procedure as a whole (controlling an instance, the dossier's documents):
/// <c>ProcedureTexts.resx</c> (zh-CN) and <c>ProcedureTexts.en.resx</c>.
/// </summary>
public sealed class ProcedureTexts : TextCatalog
{
    public static readonly ProcedureTexts Catalog = new();

    private ProcedureTexts() : base("procedure")
    {
    }
}
