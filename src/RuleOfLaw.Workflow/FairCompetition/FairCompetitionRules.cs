using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.FairCompetition;

/// <summary>
/// The fair-competition review (公平竞争审查, 《重大行政决策程序暂行条例》第二十九条第一项: the draft put to the meeting
/// carries it when market actors' economic activity is affected): the drafting unit records a conclusion for the
/// review task — compliant; adjusted (found restrictive and revised to comply); an exception applies; or not
/// compliant — and the task completes only with a conclusion that lets the draft go on.
/// </summary>
public static class FairCompetitionRules
{
    public const string Step = "fair-competition-review";
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

    /// <summary>The drafting unit carries out the review (第二十九条第一项).</summary>
    public static Refusal? Forbidden(bool draftingUnit) => draftingUnit ? null : T.Forbidden("forbidden.review", Article);

    /// <summary>
    /// The review task completes only with a conclusion recorded for it (<paramref name="conclusion"/>: the latest, null
    /// when none) that is not "not compliant": that draft is adjusted and the new conclusion recorded first.
    /// </summary>
    public static Refusal? Completion(string? conclusion) => conclusion switch
    {
        null => T.Conflict("fair-competition-conclusion-missing", Article),
        NotCompliant => T.Conflict("fair-competition-not-compliant", Article),
        _ => null,
    };
}
