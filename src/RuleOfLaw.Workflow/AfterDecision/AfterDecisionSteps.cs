namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>The steps after the decision (第三十一条至第三十八条) the after-decision module gives behaviour to.</summary>
public static class AfterDecisionSteps
{
    public const string PartyCommitteeReport = "party-committee-report";
    public const string Publication = "publication";
    public const string Filing = "filing";
    public const string Archiving = "archiving";
    public const string Execution = "execution";
    public const string ExecutionProblemDecision = "execution-problem-decision";

    /// <summary>From version 7: the event step that waits, while execution is suspended, for its resumption (第三十七条).</summary>
    public const string ExecutionSuspended = "execution-suspended";
    public const string PostDecisionEvaluation = "post-decision-evaluation";
}

/// <summary>The execution step's outcomes its rules read (第三十五条、第三十七条).</summary>
public static class ExecutionOutcomes
{
    /// <summary>Execution is reported done (refused while execution is suspended, 第三十七条).</summary>
    public const string Executed = "executed";

    /// <summary>A problem found in execution is reported (第三十五条).</summary>
    public const string ProblemReported = "problem-reported";
}

/// <summary>
/// The signals of suspension and resumption of execution (第三十七条, from version 7 of the major-decision procedure)
/// and the module's commands that alone send them (the definition's <c>sentBy</c> and <c>completedBy</c>).
/// </summary>
public static class ExecutionSignals
{
    /// <summary>Heard by the interrupting event on <c>execution</c>: the head suspends execution.</summary>
    public const string Suspended = "execution-suspended";

    /// <summary>Awaited by the step <see cref="AfterDecisionSteps.ExecutionSuspended"/>: the head resumes execution.</summary>
    public const string Resumed = "execution-resumed";

    /// <summary>The command sending <see cref="Suspended"/> (<c>POST /api/matters/{id}/execution/suspension</c>).</summary>
    public const string SuspensionCommand = "execution-suspension";

    /// <summary>The command sending <see cref="Resumed"/> (<c>POST /api/matters/{id}/execution/resumption</c>).</summary>
    public const string ResumptionCommand = "execution-resumption";
}
