using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>Between stored journal rows and the engine's entries, with the hash algorithm each row recorded.</summary>
public static class JournalRecords
{
    public static JournalEntry ToEntry(this JournalRecord e) =>
        new(e.InstanceId, e.Sequence, e.Type, e.StepId, e.Iteration, e.TaskId, e.ActorId, e.ActorName, e.OccurredAt, e.Outcome, e.Comment,
            e.DataJson, e.PreviousHash, e.Hash) { HashAlgorithm = e.HashAlgorithm };
}
