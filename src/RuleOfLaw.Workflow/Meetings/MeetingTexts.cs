using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Meetings;

/// <summary>The meetings module's texts (refusals, agenda gates): <c>MeetingTexts.resx</c> (zh-CN) and <c>MeetingTexts.en.resx</c>.</summary>
public sealed class MeetingTexts : TextCatalog
{
    public static readonly MeetingTexts Catalog = new();

    private MeetingTexts() : base("meetings")
    {
    }
}
