using RuleOfLaw.Workflow.Engine.Texts;
namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>Something a person or the system asks of an instance. The engine accepts it whole or refuses it whole.</summary>
public abstract record WorkflowCommand
{
    public sealed record Start(
        Guid InstanceId,
        string MatterId,
        IReadOnlyDictionary<string, bool> Attributes,
        IReadOnlyDictionary<string, string> Assignments,
        JurisdictionSnapshot? Jurisdiction = null) : WorkflowCommand
    {
        /// <summary>Set when a sub-procedure step of another instance starts this one (<see cref="Decision.Children"/>).</summary>
        public ParentLink? Parent { get; init; }
    }

    /// <summary>
    /// A child instance started by a sub-procedure step of this one has ended: the host sends it as a command to
    /// the parent (with the child's final status), so the parent's step completes through the same checked,
    /// journaled path as a task. Refused when no active step of this instance waits for that child.
    /// </summary>
    public sealed record ChildEnded(Guid ChildInstanceId, InstanceStatus Status, string? Reason) : WorkflowCommand;

    /// <param name="By">
    /// The domain command completing the task (e.g. <c>meeting-record</c>); a step with <c>completedBy</c> refuses
    /// every other completion. Null: the generic task endpoint.
    /// </param>
    public sealed record CompleteTask(Guid TaskId, string Outcome, string? Comment, string? DataJson, string? By = null) : WorkflowCommand;

    /// <summary>
    /// Sends a named signal: it completes the event steps waiting for it, triggers the events attached to active steps
    /// and the instance's events. Refused when nothing waits for it.
    /// </summary>
    /// <param name="By">
    /// The domain command sending it (e.g. <c>execution-suspension</c>); a listener with <c>sentBy</c> (an event) or
    /// <c>completedBy</c> (an event step) refuses every other sender. Null: the generic signal endpoint.
    /// </param>
    public sealed record Signal(string Name, string? Comment, string? DataJson, string? By = null) : WorkflowCommand;

    /// <summary>Adds a party (a person) to an active multi-party step: a task of their own opens.</summary>
    public sealed record AddParty(string StepId, string PartyId, string PartyName, string? Reason = null) : WorkflowCommand;

    /// <summary>Removes a party whose task is still open, with the reason (journaled); it no longer counts.</summary>
    public sealed record RemoveParty(Guid TaskId, string Reason) : WorkflowCommand;

    public sealed record Cancel(string Reason) : WorkflowCommand
    {
        /// <summary>The reason as the engine's catalog text, when the engine cancels (a parent its child); null for a person's reason.</summary>
        public CatalogText? Text { get; init; }
    }

    public sealed record Suspend(string Reason) : WorkflowCommand;

    public sealed record Resume(string? Reason) : WorkflowCommand;

    public sealed record FireTimer(Guid TimerId) : WorkflowCommand;

    /// <summary>
    /// Counts again every provisional deadline of the instance (task due dates and minimums, timers: a period that
    /// ended in a year without a holiday calendar) whose year now has a calendar, from the instant it was first
    /// counted from; each recount is journaled (<c>DeadlineRecounted</c>) with the provisional and the final end.
    /// Refused with <c>no-provisional-deadline</c> when none can be counted yet (issue 16 item 6).
    /// </summary>
    public sealed record RecountDeadlines : WorkflowCommand;

    /// <summary>
    /// Changes the matter's attributes after the start (第十条至第十三条: the attributes decide which steps apply) and
    /// re-evaluates the gates: a step not reached yet follows the new values when it is reached; an active step whose
    /// condition becomes false is skipped (its open task cancelled) and the procedure goes on from it; a completed step
    /// stays completed. A change that would make a step already skipped apply again is refused: that step was passed
    /// and cannot be reopened behind the procedure's back.
    /// </summary>
    /// <param name="Attributes">The attributes to set (others keep their values).</param>
    /// <param name="Reason">Why they change (required, journaled).</param>
    public sealed record ChangeAttributes(IReadOnlyDictionary<string, bool> Attributes, string Reason) : WorkflowCommand;

    /// <summary>
    /// Records a domain fact about the instance (a consultation opened, an expert's signed opinion, a meeting's
    /// record …) in its hash-chained journal without moving any step. The server writes the fact's own rows in the
    /// same transaction, so the journal and the records can never disagree.
    /// </summary>
    /// <param name="Type">The journal entry type, e.g. <c>ConsultationOpened</c> (letters and digits, at most 64).</param>
    /// <param name="StepId">The step the fact belongs to, if any (must exist in the definition).</param>
    public sealed record Record(string Type, string? StepId, string? Comment, string DataJson) : WorkflowCommand;

    /// <summary>
    /// Assigns an organization to a scope the start left open (a scope whose every step is conditional, such as the
    /// evaluation body chosen when an evaluation is ordered, art. 36). A step of that scope already active opens its
    /// task now. Reassigning a scope already held is refused.
    /// </summary>
    public sealed record AssignScope(string Scope, string OrganizationId, string Reason) : WorkflowCommand;

    /// <summary>
    /// Moves the instance to <paramref name="To"/>, a newer version of its procedure, with <paramref name="Mapping"/>
    /// (old step id → new step id; steps not named keep their id). Refused whole with every problem of the plan
    /// (<see cref="Migration.InstanceMigration.Plan"/>); accepted, it is journaled as <c>InstanceMigrated</c> with the
    /// plan, who and why.
    /// </summary>
    public sealed record Migrate(Definitions.ProcedureDefinition To, IReadOnlyDictionary<string, string> Mapping, string Reason) : WorkflowCommand;
}
