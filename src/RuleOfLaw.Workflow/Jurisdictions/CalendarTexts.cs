using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Jurisdictions;

/// <summary>The holiday calendars' texts (loading a year): <c>CalendarTexts.resx</c> (zh-CN) and <c>CalendarTexts.en.resx</c>.</summary>
public sealed class CalendarTexts : TextCatalog
{
    public static readonly CalendarTexts Catalog = new();

    private CalendarTexts() : base("calendars")
    {
    }
}
