using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.FairCompetition;

/// <summary>The fair-competition review's texts (its refusals): <c>FairCompetitionTexts.resx</c> (zh-CN) and <c>FairCompetitionTexts.en.resx</c>.</summary>
public sealed class FairCompetitionTexts : TextCatalog
{
    public static readonly FairCompetitionTexts Catalog = new();

    private FairCompetitionTexts() : base("fair-competition")
    {
    }
}
