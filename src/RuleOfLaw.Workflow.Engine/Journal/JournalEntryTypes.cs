namespace RuleOfLaw.Workflow.Engine.Journal;

/// <summary>
/// The journal entry types the engine writes. The server, the pages and reports read them by these names, never by
/// repeated string literals, so a rename cannot silently stop a report from finding its entries.
/// </summary>
public static class JournalEntryTypes
{
    public const string InstanceStarted = "InstanceStarted";
    public const string InstanceCompleted = "InstanceCompleted";
    public const string InstanceCancelled = "InstanceCancelled";
    public const string InstanceSuspended = "InstanceSuspended";
    public const string InstanceResumed = "InstanceResumed";
    public const string InstanceFaulted = "InstanceFaulted";
    public const string TaskOpened = "TaskOpened";
    public const string TaskCompleted = "TaskCompleted";
    public const string StepCompleted = "StepCompleted";
    public const string StepSkipped = "StepSkipped";
    public const string StepWaiting = "StepWaiting";
    /// <summary>A human-task step activated while no organization holds its scope; its task opens with the assignment.</summary>
    public const string StepAwaitingAssignment = "StepAwaitingAssignment";
    public const string ScopeAssigned = "ScopeAssigned";
    public const string GateEvaluated = "GateEvaluated";
    public const string TimerScheduled = "TimerScheduled";
    public const string TimerFired = "TimerFired";
    /// <summary>A provisional deadline (a year without a calendar) counted again once that year's calendar was loaded.</summary>
    public const string DeadlineRecounted = "DeadlineRecounted";
    /// <summary>Attributes changed by command or set by an outcome (<c>"set"</c>).</summary>
    public const string AttributesChanged = "AttributesChanged";
    /// <summary>A signal was sent and heard (what it caused follows: a step completed, events triggered).</summary>
    public const string SignalReceived = "SignalReceived";
    /// <summary>An event step activated and waits for its signal.</summary>
    public const string SignalAwaited = "SignalAwaited";
    /// <summary>An event attached to a step or to the instance was triggered by its signal.</summary>
    public const string EventTriggered = "EventTriggered";
    /// <summary>An interrupting event ended a running step (its tasks and timers cancelled).</summary>
    public const string StepInterrupted = "StepInterrupted";
    /// <summary>A multi-party step without a named last party activated and waits for its parties.</summary>
    public const string PartiesAwaited = "PartiesAwaited";
    public const string PartyAdded = "PartyAdded";
    public const string PartyRemoved = "PartyRemoved";
    public const string PartyTaskCompleted = "PartyTaskCompleted";
}
