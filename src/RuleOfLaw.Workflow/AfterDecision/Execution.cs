using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>An event on the execution record, as the suspension rule reads it.</summary>
public sealed record ExecutionFact(string Kind, string Text, DateTimeOffset RecordedAt);

/// <summary>Whether execution is suspended now (第三十七条), with the chief executive's reason.</summary>
public sealed record SuspensionState(bool Suspended, string? Reason);

/// <summary>
/// Where execution stands in an instance whose definition states suspension as an event (version 7 on): the engine's
/// step states say it, no module record does.
/// </summary>
public enum ExecutionPhase
{
    /// <summary>The execution step is not active and not suspended: not begun yet, being decided on, or ended.</summary>
    NotRunning,
    Running,
    Suspended,
}

/// <summary>
/// Execution (第三十四条至第三十七条): the execution unit reports progress and problems; the public may object to an
/// issued decision; the chief executive suspends and resumes execution with a reason; the chief executive or the
/// drafting unit's head opens a linked matter for a major adjustment. None of it before the decision is issued.
/// </summary>
/// <remarks>
/// Suspension of <i>execution</i> is not the engine's Suspend: art. 37 stops the carrying out of the decision, while
/// filing and archiving of what was decided must go on. Up to version 6 of the procedure it is a domain record
/// (<see cref="Suspension"/> reads the records); from version 7 the definition states it (an interrupting event on
/// <c>execution</c> and a step waiting for the resumption), and <see cref="Phase"/> reads the engine's state.
/// </remarks>
public static class Execution
{
    public const string ReportArticle = "第三十四条";
    public const string ProblemArticle = "第三十五条";
    public const string SuspensionArticle = "第三十七条";
    public const string AdjustmentArticle = "第三十五条、第三十七条";

    /// <summary>The longest objection (characters) and the longest request body an anonymous client may send.</summary>
    public const int MaxObjectionText = 5_000;
    public const int MaxObjectionBody = 32 * 1024;

    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

    /// <summary>The decision is issued once the Party committee report is done (第三十一条).</summary>
    public static bool Issued(InstanceState state) =>
        state.Steps.GetValueOrDefault(AfterDecisionSteps.PartyCommitteeReport)?.Status == StepStatus.Completed;

    /// <summary>The last suspension or resumption decides (events in any order).</summary>
    public static SuspensionState Suspension(IEnumerable<ExecutionFact> events)
    {
        var last = events.Where(e => e.Kind is ExecutionEventKinds.Suspended or ExecutionEventKinds.Resumed).OrderBy(e => e.RecordedAt).LastOrDefault();
        return last?.Kind == ExecutionEventKinds.Suspended ? new(true, last.Text) : new(false, null);
    }

    /// <summary>The article an execution report is recorded under: a problem (第三十五条) or progress (第三十四条).</summary>
    public static string ArticleOf(string kind) => kind == ExecutionEventKinds.Problem ? ProblemArticle : ReportArticle;

    /// <summary>The execution unit (its execution officers) reports progress or a problem, with its text, once the decision is issued.</summary>
    public static Refusal? Report(Actor actor, string executionUnit, string kind, string? text, bool issued)
    {
        if (!actor.Holds(Roles.ExecutionOfficer, executionUnit))
        {
            return T.Forbidden("forbidden.report", ReportArticle);
        }
        if (kind is not (ExecutionEventKinds.Progress or ExecutionEventKinds.Problem) || string.IsNullOrWhiteSpace(text))
        {
            return T.Invalid("invalid-report", "第三十四条、第三十五条");
        }
        return issued ? null : T.Conflict("decision-not-issued.report", ReportArticle);
    }

    /// <summary>The decision organ's chief executive suspends (or resumes) execution with a reason, once the decision is issued, and not twice.</summary>
    public static Refusal? Suspend(Actor actor, string decisionOrgan, string? reason, bool issued, SuspensionState now, bool suspend) =>
        SuspensionDecider(actor, decisionOrgan, reason, issued)
        ?? (now.Suspended != suspend ? null
            : suspend ? T.Conflict("already-suspended", SuspensionArticle) : T.Conflict("not-suspended", SuspensionArticle));

    /// <summary>
    /// The same rule where the definition states suspension as an event (version 7 on): only a running execution is
    /// suspended (not before the execution step began, nor while the organ decides on a reported problem, nor after
    /// execution was reported), only a suspended one resumed. Refused here in the module's words before the engine's
    /// <c>signal-not-awaited</c>.
    /// </summary>
    public static Refusal? Suspend(Actor actor, string decisionOrgan, string? reason, bool issued, ExecutionPhase phase, bool suspend) =>
        SuspensionDecider(actor, decisionOrgan, reason, issued)
        ?? (suspend, phase) switch
        {
            (true, ExecutionPhase.Running) or (false, ExecutionPhase.Suspended) => null,
            (true, ExecutionPhase.Suspended) => T.Conflict("already-suspended", SuspensionArticle),
            (true, _) => T.Conflict("execution-not-running", SuspensionArticle),
            _ => T.Conflict("not-suspended", SuspensionArticle),
        };

    private static Refusal? SuspensionDecider(Actor actor, string decisionOrgan, string? reason, bool issued) =>
        !actor.Holds(Roles.ChiefExecutive, decisionOrgan) ? T.Forbidden("forbidden.suspend", SuspensionArticle)
        : string.IsNullOrWhiteSpace(reason) ? T.Invalid("reason-required", SuspensionArticle)
        : !issued ? T.Conflict("decision-not-issued.suspend", SuspensionArticle)
        : null;

    /// <summary>
    /// Whether the definition states suspension of execution as an event (version 7 of the major-decision procedure
    /// on): the signal heard on <c>execution</c> leads to the step waiting for the resumption. A definition without
    /// both (an earlier version, or one that renamed the step) keeps the module's records, so the rules still hold.
    /// </summary>
    public static bool SuspensionIsEvent(ProcedureDefinition definition) =>
        definition.Steps.Any(s => s.Id == AfterDecisionSteps.Execution
            && s.Events.Any(e => e.Signal == ExecutionSignals.Suspended && e.Next.Contains(AfterDecisionSteps.ExecutionSuspended)))
        && definition.Steps.Any(s => s.Id == AfterDecisionSteps.ExecutionSuspended && s.Signal == ExecutionSignals.Resumed);

    /// <summary>Where execution stands by the engine's step states (for a definition where <see cref="SuspensionIsEvent"/>).</summary>
    public static ExecutionPhase Phase(InstanceState state) =>
        state.Steps.GetValueOrDefault(AfterDecisionSteps.ExecutionSuspended)?.Status == StepStatus.Active ? ExecutionPhase.Suspended
        : state.Steps.GetValueOrDefault(AfterDecisionSteps.Execution)?.Status == StepStatus.Active ? ExecutionPhase.Running
        : ExecutionPhase.NotRunning;

    /// <summary>A major adjustment opens a new linked matter: by the chief executive or the drafting unit's head, with title and reason, after issuance.</summary>
    public static Refusal? Adjust(Actor actor, string decisionOrgan, string draftingUnit, string? title, string? reason, bool issued)
    {
        if (!(actor.Holds(Roles.ChiefExecutive, decisionOrgan) || actor.Holds(Roles.DraftingHead, draftingUnit)))
        {
            return T.Forbidden("forbidden.adjust", AdjustmentArticle);
        }
        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(reason))
        {
            return T.Invalid("reason-required.adjust", AdjustmentArticle);
        }
        return issued ? null : T.Conflict("decision-not-issued.adjust", AdjustmentArticle);
    }

    /// <summary>
    /// Whether the public may object now (第三十五条): an issued, disclosable decision whose procedure was not
    /// cancelled. The public decision page shows its objection form on the same condition.
    /// </summary>
    public static bool AcceptsObjections(InstanceState state, bool disclosable) =>
        Issued(state) && disclosable && state.Status is not (InstanceStatus.Cancelled or InstanceStatus.Faulted);

    /// <summary>An objection's words: 1 to <see cref="MaxObjectionText"/> characters, a name up to 100, a contact up to 200.</summary>
    public static Refusal? Objection(string? text, string? name, string? contact) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxObjectionText || name?.Length > 100 || contact?.Length > 200
            ? T.Invalid("invalid-objection", ProblemArticle, ("max", MaxObjectionText))
            : null;

    /// <summary>No issued decision in execution to object to (also when there is no such matter).</summary>
    public static Refusal NotInExecution() => T.NotFound("not-found.execution");

    /// <summary>The same Idempotency-Key sent with a different objection.</summary>
    public static Refusal KeyReused() => T.Conflict("idempotency-key-reused");

    /// <summary>An objection over the anonymous body limit (413).</summary>
    public static Refusal TooLarge() => T.Refuse(RefusalClass.TooLarge, "request-too-large", null, ("kb", MaxObjectionBody / 1024));
}
