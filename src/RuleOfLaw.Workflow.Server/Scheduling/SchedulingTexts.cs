using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// The timers' texts: the notes a timer row keeps (why it was cancelled, held, or is an incident) and the journal
/// comments of reminders and escalations: <c>SchedulingTexts.resx</c> / <c>.en.resx</c>, rendered for the reader.
/// </summary>
public sealed class SchedulingTexts : TextCatalog
{
    public static readonly SchedulingTexts Catalog = new();

    private SchedulingTexts() : base("scheduling")
    {
    }
}
