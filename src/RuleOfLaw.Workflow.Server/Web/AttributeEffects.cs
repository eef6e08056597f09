using System.Text.RegularExpressions;
using RuleOfLaw.Workflow.Engine.Definitions;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>One step a matter attribute switches on (or off, when the condition negates it).</summary>
public sealed record AttributeEffect(string StepTitle, string? Article, bool Negated);

/// <summary>What ticking an attribute does to the procedure, read from the definition's step conditions (not hard-coded).</summary>
public static partial class AttributeEffects
{
    public static IReadOnlyList<AttributeEffect> Of(ProcedureDefinition definition, string attribute) =>
        definition.Steps
            .Select(s => (Step: s, Match: s.When is null ? null : Regex.Match(s.When.ToString()!, $@"(!?)\b{Regex.Escape(attribute)}\b")))
            .Where(p => p.Match is { Success: true })
            .Select(p => new AttributeEffect(Ui.Pick(p.Step.Title, p.Step.TitleEn), p.Step.Article, p.Match!.Groups[1].Value == "!"))
            .ToList();
}
