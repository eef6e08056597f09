using System.Globalization;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Instances;

public sealed record StepView(
    string Id, string Title, string? TitleEn, StepKind Kind, string? Article, string? Role, string? Organization,
    StepStatus Status, int Iteration, string? Outcome, string? SkipReason, DateTimeOffset? ActivatedAt, DateTimeOffset? FinishedAt);

public sealed record TaskView(
    Guid Id, Guid InstanceId, string MatterId, string StepId, int Iteration, string Title, string? TitleEn, string? Article,
    string Role, string OrganizationId, WorkTaskStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, string? DueRule,
    DateTimeOffset? NotBefore, string? NotBeforeRule, IReadOnlyList<OutcomeView> Outcomes,
    DateTimeOffset? CompletedAt, string? CompletedByName, string? Outcome, string? Comment)
{
    /// <summary>
    /// Set while the due date falls in a year without a holiday calendar (<see cref="DueAt"/> is then null): the year
    /// and the earliest end ("at least until"); made final when that year's calendar is loaded.
    /// </summary>
    public ProvisionalEnd? DueProvisional { get; init; }

    /// <summary>As <see cref="DueProvisional"/> for the minimum (<see cref="NotBefore"/> is then null).</summary>
    public ProvisionalEnd? NotBeforeProvisional { get; init; }

    /// <summary>
    /// On a multi-party step (each member present at the meeting): the person whose task this is, and her name; the
    /// outcomes are then the parties' answers. Null for the step's own task.
    /// </summary>
    public string? PartyId { get; init; }

    public string? PartyName { get; init; }
}

public sealed record OutcomeView(string Id, string Title, string? TitleEn, bool CommentRequired, string? Article);

public sealed record InstanceView(
    Guid Id, string MatterId, string DefinitionId, int DefinitionVersion, InstanceStatus Status, string? StatusReason,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, IReadOnlyDictionary<string, bool> Attributes,
    IReadOnlyDictionary<string, string> Assignments, IReadOnlyList<StepView> Steps, IReadOnlyList<TaskView> OpenTasks,
    long JournalEntries, string JournalHead)
{
    /// <summary>The instance's view; the engine's reasons (a fault, a skipped or interrupted step) in the reader's language (the current UI culture).</summary>
    public static InstanceView From(InstanceState state, ProcedureDefinition definition) => new(
        state.Id, state.MatterId, state.DefinitionId, state.DefinitionVersion, state.Status, state.StatusReasonIn(CultureInfo.CurrentUICulture),
        state.StartedAt, state.EndedAt, state.Attributes, state.Assignments,
        definition.Steps.Select(step =>
        {
            var s = state.Steps.GetValueOrDefault(step.Id);
            return new StepView(step.Id, step.Title, step.TitleEn, step.Kind, step.Article, step.Role, step.Organization,
                s?.Status ?? StepStatus.Pending, s?.Iteration ?? 0, s?.Outcome, s?.SkipReasonIn(CultureInfo.CurrentUICulture), s?.ActivatedAt, s?.FinishedAt);
        }).ToList(),
        state.OpenTasks().Select(t => Task(state, definition, t)).ToList(),
        state.JournalSequence, state.JournalHead);

    public static TaskView Task(InstanceState state, ProcedureDefinition definition, WorkTask task)
    {
        var step = definition.Step(task.StepId);
        return new TaskView(task.Id, state.Id, state.MatterId, task.StepId, task.Iteration, step.Title, step.TitleEn, step.Article,
            task.Role, task.OrganizationId, task.Status, task.CreatedAt, task.DueAt, task.DueRule, task.NotBefore, task.NotBeforeRule,
            (task.PartyId is null ? step.Outcomes : step.PartyOutcomes)
                .Select(o => new OutcomeView(o.Id, o.Title, o.TitleEn, o.CommentRequired, o.Article ?? step.Article)).ToList(),
            task.CompletedAt, task.CompletedByName, task.Outcome, task.Comment)
        {
            DueProvisional = task.DueProvisional,
            NotBeforeProvisional = task.NotBeforeProvisional,
            PartyId = task.PartyId,
            PartyName = task.PartyName,
        };
    }
}
