using System.Globalization;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.RiskAssessment;

/// <summary>The risk assessment's texts (its refusals): <c>RiskTexts.resx</c> (zh-CN) and <c>RiskTexts.en.resx</c>.</summary>
public sealed class RiskTexts : TextCatalog
{
    public static readonly RiskTexts Catalog = new();

    private RiskTexts() : base("risk-assessment")
    {
    }
}

/// <summary>
/// An outcome of the risk-assessment task or a report's conclusion as a reader names it (风险可控 / risk controllable …);
/// <c>reference</c> is a report that refers to an existing assessment.
/// </summary>
public sealed record RiskConclusion(string Code) : IReaderText
{
    public const string Reference = "reference";

    public string ToText(CultureInfo culture) => (Code, TextCatalog.IsChinese(culture)) switch
    {
        (RiskRules.Controllable, true) => "风险可控",
        (RiskRules.Controllable, false) => "risk controllable",
        (RiskRules.NotControllable, true) => "风险不可控",
        (RiskRules.NotControllable, false) => "risk not controllable",
        (RiskRules.AlreadyAssessed, true) => "已有有效评估",
        (RiskRules.AlreadyAssessed, false) => "valid existing assessment",
        (Reference, true) => "引用已有评估",
        (Reference, false) => "reference to an existing assessment",
        _ => Code,
    };
}
