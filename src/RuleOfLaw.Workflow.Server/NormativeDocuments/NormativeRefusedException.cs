using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// A normative-document service said no: the HTTP status class (403 not allowed, 404 unknown, 409 not now, 422 bad
/// input) and the rules' refusals. Thrown before anything is saved, so a refusal writes nothing; the endpoints turn
/// it into a ProblemDetails with the first refusal's code and article (<see cref="NormativeProblems"/>).
/// </summary>
public sealed class NormativeRefusedException(int status, IReadOnlyList<NormativeRefusal> refusals)
    : Exception(refusals.Count > 0 ? refusals[0].Code : "refused")
{
    public NormativeRefusedException(int status, NormativeRefusal refusal) : this(status, [refusal])
    {
    }

    public int Status { get; } = status;
    public IReadOnlyList<NormativeRefusal> Refusals { get; } = refusals;

    public static NormativeRefusedException Forbidden(string article, string who) =>
        new(StatusCodes.Status403Forbidden, NormativeRefusal.Of("normative-forbidden", article, ("who", who)));

    public static NormativeRefusedException NotFound(string what) =>
        new(StatusCodes.Status404NotFound, NormativeRefusal.Of("normative-not-found", NormativeArticles.Notice37, ("what", what)));

    /// <summary>The document is not at the stage the act needs.</summary>
    public static NormativeRefusedException WrongStage(string act, string status, string article) =>
        new(StatusCodes.Status409Conflict, NormativeRefusal.Of("normative-wrong-stage", article, ("act", act), ("status", status)));
}
