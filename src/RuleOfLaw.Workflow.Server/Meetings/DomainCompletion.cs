using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// Marks, for the current request only, the task a meeting endpoint is completing. Placing on the agenda and the
/// head's decision must go with their domain rows (agenda item, the meeting record), so their tasks may not be
/// completed any other way; <see cref="MeetingStepGuard"/> refuses every other path.
/// </summary>
public sealed class DomainCompletion
{
    public Guid? AllowedTask { get; set; }
}

/// <summary>
/// <c>meeting-scheduling</c> is completed only by putting the matter on a meeting's agenda (gates checked, materials
/// assembled, 第二十五条、第二十九条); <c>collective-decision</c> only by recording the head's decision after the members
/// (第三十条).
/// </summary>
public sealed class MeetingStepGuard(DomainCompletion completion) : IStepCompletionGuard
{
    public IReadOnlyCollection<string> Steps { get; } = ["meeting-scheduling", "collective-decision"];

    public Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken)
    {
        if (completion.AllowedTask == context.Task.Id)
        {
            return Task.FromResult<IReadOnlyList<Refusal>>([]);
        }
        IReadOnlyList<Refusal> refusals = context.Task.StepId == "meeting-scheduling"
            ? [new Refusal("use-meeting-agenda",
                "列入会议议题须通过 POST /api/meetings/{id}/agenda 办理（核对全部前置条件并汇集会议材料）。Put the matter on a meeting's agenda with POST /api/meetings/{id}/agenda, which checks every gate.",
                "第二十五条、第二十九条")]
            : [new Refusal("use-meeting-record",
                "集体讨论决定须通过会议记录办理：会议组成人员发表意见后，由行政首长最后发表意见并作出决定（POST /api/meetings/{id}/agenda/{itemId}/decision）。Record the members' opinions and then the head's decision through the meeting.",
                "第三十条")];
        return Task.FromResult(refusals);
    }
}
