using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>The integrity module's refusals (keys, signer certificates): <c>IntegrityTexts.resx</c> / <c>.en.resx</c>.</summary>
public sealed class IntegrityTexts : TextCatalog
{
    public static readonly IntegrityTexts Catalog = new();

    private IntegrityTexts() : base("integrity")
    {
    }
}
