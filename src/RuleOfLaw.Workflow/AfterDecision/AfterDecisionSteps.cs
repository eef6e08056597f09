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
