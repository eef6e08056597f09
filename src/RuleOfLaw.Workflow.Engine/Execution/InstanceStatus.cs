namespace RuleOfLaw.Workflow.Engine.Execution;

public enum InstanceStatus { Running, Suspended, Completed, Cancelled, Faulted }

public enum StepStatus
{
    /// <summary>Not reached yet.</summary>
    Pending,
    /// <summary>Reached, but a join still waits for other steps.</summary>
    Waiting,
    /// <summary>A task is open or a timer runs.</summary>
    Active,
    Completed,
    /// <summary>Its condition was false; the reason is recorded.</summary>
    Skipped,
    Cancelled,
}

public enum WorkTaskStatus { Open, Completed, Cancelled }

public enum TimerStatus { Scheduled, Fired, Cancelled }
