using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>An evaluation as its rules see it: who evaluates, and whether it is concluded.</summary>
public sealed record EvaluationFacts(string EvaluatorOrganizationId, bool Completed);

/// <summary>
/// Post-decision evaluation (第三十六条): the decision organ orders it on one of the article's triggers, after the
/// decision is issued; the unit that did the main pre-decision assessment may not evaluate; the evaluator hears the
/// public (and deputies, CPPCC members, organisations) before concluding continue, adjust, suspend or terminate.
/// </summary>
public static class Evaluation
{
    public const string Article = "第三十六条";

    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

    /// <summary>
    /// The organizations that did the main pre-decision assessment of the matter: whoever completed its risk
    /// assessment or expert argumentation, and the assigned risk-assessment body when that step applied.
    /// </summary>
    public static IReadOnlySet<string> Assessors(InstanceState state)
    {
        var result = state.Tasks
            .Where(t => t.StepId is "risk-assessment" or "expert-argumentation" && t.Status == WorkTaskStatus.Completed)
            .Select(t => t.OrganizationId).ToHashSet();
        if (state.Steps.GetValueOrDefault("risk-assessment")?.Status is not (null or StepStatus.Skipped or StepStatus.Pending)
            && state.Assignments.TryGetValue(OrganizationScopes.RiskAssessmentBody, out var body))
        {
            result.Add(body);
        }
        return result;
    }

    /// <summary>
    /// Starting: the decision organ's chief executive (or an administrator), a known trigger, an issued decision, an
    /// existing evaluator (<paramref name="evaluatorName"/> null: no such organization) that did not assess before.
    /// </summary>
    public static Refusal? Start(
        Actor actor, string decisionOrgan, bool isAdministrator, string trigger, bool issued, string evaluatorId, string? evaluatorName,
        IReadOnlySet<string> assessors)
    {
        if (!(actor.Holds(Roles.ChiefExecutive, decisionOrgan) || isAdministrator))
        {
            return T.Forbidden("forbidden.start-evaluation", Article);
        }
        if (!EvaluationVocabulary.Triggers.ContainsKey(trigger))
        {
            return T.Invalid("invalid-trigger", Article, ("triggers", EvaluationVocabulary.Triggers.Keys.ToList()));
        }
        if (!issued)
        {
            return T.Conflict("decision-not-issued.evaluation", Article);
        }
        if (evaluatorName is null)
        {
            return T.Invalid("unknown-organization", Article);
        }
        return assessors.Contains(evaluatorId) ? T.Conflict("evaluator-was-assessor", Article, ("evaluator", evaluatorName)) : null;
    }

    /// <summary>No such evaluation, or one the actor may not see.</summary>
    public static Refusal NotFound() => T.NotFound("not-found.evaluation");

    /// <summary>Input and the conclusion are recorded by the evaluator organization's evaluators, until it is concluded.</summary>
    public static Refusal? Evaluator(Actor actor, EvaluationFacts evaluation) =>
        !actor.Holds(Roles.Evaluator, evaluation.EvaluatorOrganizationId) ? T.Forbidden("forbidden.evaluator", Article)
        : evaluation.Completed ? T.Conflict("evaluation-completed", Article)
        : null;

    /// <summary>Input heard: from a known source, with its words.</summary>
    public static Refusal? Input(string source, string? text) =>
        EvaluationVocabulary.Sources.ContainsKey(source) && !string.IsNullOrWhiteSpace(text)
            ? null
            : T.Invalid("invalid-input", Article, ("sources", EvaluationVocabulary.Sources.Keys.ToList()));

    /// <summary>The conclusion: a known outcome with its words, only after input was heard (注重听取社会公众的意见).</summary>
    public static Refusal? Complete(string outcome, string? conclusion, bool inputHeard)
    {
        if (!EvaluationVocabulary.Outcomes.Contains(outcome) || string.IsNullOrWhiteSpace(conclusion))
        {
            return T.Invalid("invalid-outcome", Article, ("outcomes", EvaluationVocabulary.Outcomes));
        }
        return inputHeard ? null : T.Conflict("public-input-required", Article);
    }
}
