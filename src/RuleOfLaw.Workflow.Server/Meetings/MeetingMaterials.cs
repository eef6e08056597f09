using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// One item of the meeting materials (第二十九条) and where it comes from: <c>Status</c> is <c>present</c>,
/// <c>not-applicable</c> (with the skip reason) or <c>missing</c> (no detail: the status is the whole message);
/// <c>JournalSequence</c> is the journal entry that
/// records it (the step's completion), as evidence.
/// </summary>
public sealed record MeetingMaterial(
    string Code, string Title, string Article, string Status, string? StepId, string? Outcome, string? By, DateTimeOffset? At,
    long? JournalSequence, string? Detail);

/// <summary>
/// Assembles the art. 29 list of meeting materials from what the procedure produced: each material is the completed
/// step that produced it (with who, when, the outcome and the journal entry), or why it does not apply.
/// </summary>
/// <remarks>
/// The documents themselves (draft text, reports) will come from the lead's Documents module (Server/Documents/) once
/// it is in main; until then the materials are the step outcomes and journal references.
/// </remarks>
public static class MeetingMaterials
{
    private static readonly (string Code, string Title, string Article, string StepId)[] List =
    [
        ("draft", "决策草案", "第二十九条", "opinion-consolidation"),
        ("drafting-explanation", "决策草案起草说明（履行法定程序的说明）", "第二十九条", "opinion-consolidation"),
        ("public-opinions", "社会公众意见及采纳情况", "第二十九条第二项", "public-participation"),
        ("group-opinions", "特定群体意见及沟通协商情况", "第十四条", "specific-group-consultation"),
        ("expert-opinions", "专家论证意见及采纳情况", "第二十九条第二项", "expert-argumentation"),
        ("risk-assessment-report", "风险评估报告", "第二十九条第三项", "risk-assessment"),
        ("fair-competition-review", "公平竞争审查情况", "第二十九条第一项", "fair-competition-review"),
        ("legal-counsel-opinion", "法律顾问、公职律师意见", "第二十八条", "legal-counsel-opinion"),
        ("legality-review-opinion", "合法性审查意见", "第二十九条第四项", "legality-review"),
    ];

    public static async Task<IReadOnlyList<MeetingMaterial>> AssembleAsync(ModuleWriter records, MatterProcedure loaded, CancellationToken ct)
    {
        var completions = await records.Db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == loaded.Record.Id && j.Type == JournalEntryTypes.TaskCompleted)
            .Select(j => new { j.StepId, j.Iteration, j.Sequence })
            .ToListAsync(ct);
        var result = new List<MeetingMaterial>();
        foreach (var (code, title, article, stepId) in List)
        {
            var step = loaded.State.Steps.GetValueOrDefault(stepId);
            var task = loaded.State.Tasks.LastOrDefault(t => t.StepId == stepId && t.Status == WorkTaskStatus.Completed);
            result.Add(step?.Status switch
            {
                StepStatus.Skipped => new MeetingMaterial(code, title, article, "not-applicable", stepId, null, null, null, null, step.SkipReasonIn(System.Globalization.CultureInfo.CurrentUICulture)),
                _ when task is not null => new MeetingMaterial(code, title, article, "present", stepId, task.Outcome, task.CompletedByName, task.CompletedAt,
                    completions.Where(c => c.StepId == stepId && c.Iteration == task.Iteration).Select(c => (long?)c.Sequence).LastOrDefault(),
                    task.Comment),
                // The status says it (the pages name it in the reader's language); the detail is for what people wrote.
                _ => new MeetingMaterial(code, title, article, "missing", stepId, null, null, null, null, null),
            });
        }
        return result;
    }
}
