using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.FairCompetition;

/// <summary>
/// The fair-competition review (公平竞争审查): the drafting unit records a conclusion for the review task — compliant;
/// adjusted (found restrictive and revised to comply); an exception applies; or not compliant — and the task completes
/// only with a conclusion that lets the draft go on. The same review serves two procedures on different legal bases:
/// a major decision's (《重大行政决策程序暂行条例》第二十九条第一项: the draft put to the meeting carries it when market
/// actors' economic activity is affected) and a normative document's drafting, so every refusal cites the rule its
/// procedure gives the review step (<see cref="ArticleIn"/>).
/// </summary>
public static class FairCompetitionRules
{
    public const string Step = "fair-competition-review";
    /// <summary>The major-decision Regulation's rule, cited when a procedure's review step names none.</summary>
    public const string Article = "第二十九条第一项";
    public const string Compliant = "compliant";
    public const string NotCompliant = "not-compliant";
    public const int MaxDetail = 20_000;

    public static readonly string[] Conclusions = [Compliant, "adjusted", "exception", NotCompliant];

    private static FairCompetitionTexts T => FairCompetitionTexts.Catalog;

    /// <summary>One of the four conclusions; every conclusion but <c>compliant</c> states the situation (<paramref name="detail"/>).</summary>
    public static Refusal? Invalid(string? conclusion, string? detail) =>
        conclusion is null || !Conclusions.Contains(conclusion) || detail is { Length: > MaxDetail } || (conclusion != Compliant && string.IsNullOrWhiteSpace(detail))
            ? T.Invalid("invalid-fair-competition-review", null, ("conclusions", Conclusions))
            : null;

    /// <summary>
    /// The rule the review rests on in <paramref name="procedure"/>: the article its definition gives the review step
    /// (the major-decision procedure: 第二十九条第一项; the normative-document procedure: the fair-competition review
    /// rules), or <see cref="Article"/> when the step names none. A procedure without the step has no review to cite.
    /// </summary>
    public static string ArticleIn(ProcedureDefinition procedure) =>
        procedure.Steps.FirstOrDefault(s => s.Id == Step)?.Article is { Length: > 0 } article ? article : Article;

    /// <summary>The drafting unit carries out the review (<paramref name="article"/>: <see cref="ArticleIn"/> the matter's procedure).</summary>
    public static Refusal? Forbidden(bool draftingUnit, string article) => draftingUnit ? null : T.Forbidden("forbidden.review", article);

    /// <summary>
    /// The review task completes only with a conclusion recorded for it (<paramref name="conclusion"/>: the latest, null
    /// when none) that is not "not compliant": that draft is adjusted and the new conclusion recorded first
    /// (<paramref name="article"/>: <see cref="ArticleIn"/> the matter's procedure).
    /// </summary>
    public static Refusal? Completion(string? conclusion, string article) => conclusion switch
    {
        null => T.Conflict("fair-competition-conclusion-missing", article),
        NotCompliant => T.Conflict("fair-competition-not-compliant", article),
        _ => null,
    };
}
