using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// One item of the meeting materials (the list of the matter's procedure, <see cref="MeetingMaterialLists"/>) and where
/// it comes from: <c>Status</c> is <c>present</c>,
/// <c>not-applicable</c> (with the skip reason) or <c>missing</c> (no detail: the status is the whole message);
/// <c>JournalSequence</c> is the journal entry that
/// records it (the step's completion), as evidence. <c>TitleEn</c> is null on items stored before it was added.
/// </summary>
public sealed record MeetingMaterial(
    string Code, string Title, string Article, string Status, string? StepId, string? Outcome, string? By, DateTimeOffset? At,
    long? JournalSequence, string? Detail, string? TitleEn = null);

/// <summary>
/// Assembles the matter's meeting materials from what its procedure produced, by the list its procedure requires
/// (<see cref="MeetingMaterialLists.For"/>: 第二十九条's for a major decision, a normative document's own): each material
/// is the completed step that produced it (with who, when, the outcome and the journal entry), or why it does not apply.
/// </summary>
/// <remarks>
/// The documents themselves (draft text, reports) will come from the lead's Documents module (Server/Documents/) once
/// it is in main; until then the materials are the step outcomes and journal references.
/// </remarks>
public static class MeetingMaterials
{
    public static async Task<IReadOnlyList<MeetingMaterial>> AssembleAsync(ModuleWriter records, MatterProcedure loaded, CancellationToken ct)
    {
        var completions = await records.Db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == loaded.Record.Id && j.Type == JournalEntryTypes.TaskCompleted)
            .Select(j => new { j.StepId, j.Iteration, j.Sequence })
            .ToListAsync(ct);
        var result = new List<MeetingMaterial>();
        foreach (var (code, title, titleEn, article, stepId) in MeetingMaterialLists.For(loaded.Definition).Materials)
        {
            var step = loaded.State.Steps.GetValueOrDefault(stepId);
            var task = loaded.State.Tasks.LastOrDefault(t => t.StepId == stepId && t.Status == WorkTaskStatus.Completed);
            result.Add(step?.Status switch
            {
                StepStatus.Skipped => new MeetingMaterial(code, title, article, "not-applicable", stepId, null, null, null, null, step.SkipReasonIn(System.Globalization.CultureInfo.CurrentUICulture), titleEn),
                _ when task is not null => new MeetingMaterial(code, title, article, "present", stepId, task.Outcome, task.CompletedByName, task.CompletedAt,
                    completions.Where(c => c.StepId == stepId && c.Iteration == task.Iteration).Select(c => (long?)c.Sequence).LastOrDefault(),
                    task.Comment, titleEn),
                // The status says it (the pages name it in the reader's language); the detail is for what people wrote.
                _ => new MeetingMaterial(code, title, article, "missing", stepId, null, null, null, null, null, titleEn),
            });
        }
        return result;
    }
}
