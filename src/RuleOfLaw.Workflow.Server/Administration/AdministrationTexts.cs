using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>The administration API's refusals (users, memberships, organizations, scopes): <c>AdministrationTexts.resx</c> / <c>.en.resx</c>.</summary>
public sealed class AdministrationTexts : TextCatalog
{
    public static readonly AdministrationTexts Catalog = new();

    private AdministrationTexts() : base("administration")
    {
    }
}
