namespace RuleOfLaw.Workflow.Engine.Journal;

/// <summary>The result of checking a journal's chain: valid, or the first entry where it breaks and why.</summary>
public sealed record JournalVerification(bool Valid, long EntriesChecked, long? FirstBrokenSequence, string? Problem);
