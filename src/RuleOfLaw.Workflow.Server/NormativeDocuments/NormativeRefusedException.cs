using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// A normative-document service said no: the rules' refusals (their class gives the HTTP status: 403, 404, 409,
/// 422). Thrown before anything is saved, so a refusal writes nothing; the endpoints answer it with
/// <see cref="ApiProblem.Refused(IReadOnlyList{Refusal})"/> in the reader's language.
/// </summary>
public sealed class NormativeRefusedException(IReadOnlyList<Refusal> refusals) : Exception(refusals.Count > 0 ? refusals[0].Code : "refused")
{
    public NormativeRefusedException(Refusal refusal) : this([refusal])
    {
    }

    public IReadOnlyList<Refusal> Refusals { get; } = refusals;

    private static NormativeTexts T => NormativeTexts.Catalog;

    public static NormativeRefusedException Forbidden(string article, string who) => new(T.Forbidden("normative-forbidden", article, ("who", who)));

    public static NormativeRefusedException NotFound(string what) => new(T.NotFound("normative-not-found", NormativeArticles.Notice37, ("what", what)));

    /// <summary>The document is not at the stage the act needs.</summary>
    public static NormativeRefusedException WrongStage(string act, string status, string article) =>
        new(T.Conflict("normative-wrong-stage", article, ("act", act), ("status", status)));
}
