namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>What a step does when it is activated.</summary>
public enum StepKind
{
    /// <summary>Opens a task for a role in one of the matter's organizations and waits for its outcome.</summary>
    HumanTask,
    /// <summary>Completes as soon as it is activated (the place where system behaviour hooks in).</summary>
    Automatic,
    /// <summary>Waits for a period, then continues.</summary>
    Timer,
    /// <summary>Routes by a condition on the matter's attributes.</summary>
    Gate,
    /// <summary>Waits for a named signal (<c>signal</c>), then continues.</summary>
    Event,
    /// <summary>
    /// Starts an instance of another procedure (<see cref="StepDefinition.Procedure"/>) for the same matter and waits
    /// for it to end (a normative document that is also a major decision runs that procedure inside its own).
    /// </summary>
    SubProcedure,
}
