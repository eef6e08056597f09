using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>One file of the record in the package: the latest version of a document of the matter, with its digest.</summary>
public sealed record ReviewPackageFile(string Kind, string Title, Guid VersionId, int Version, string FileName, string DigestAlgorithm, string Digest);

/// <summary>
/// A consultation of the record: its period, the comments received and when the feedback was published. <see cref="Opens"/>
/// and <see cref="Closes"/> are the period as the jurisdiction's people read it, in its time zone: the local day and time it
/// opened, and its end — an end at local midnight is the last day's 24:00 (《民法典》第二百零三条), e.g. <c>2026-04-01 24:00</c>
/// (null in a package journaled before they were added).
/// </summary>
public sealed record ReviewPackageConsultation(string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, int Comments, DateTimeOffset? FeedbackPublishedAt,
    string? Opens = null, string? Closes = null);

/// <summary>One step of the procedure before the submission: done (outcome, day, by whom) or skipped (why).</summary>
public sealed record ReviewPackageStep(string StepId, string Title, string? TitleEn, string Status, string? Outcome, string? Date, string? By, string? Reason);

/// <summary>
/// The legality review package (Opinion 115: the drafting unit submits the draft, the legal bases and the
/// consultation record), assembled from the record when the document is submitted — not typed in: the document's
/// facts, the latest version of each of its files with the digest that proves it unchanged, the consultations held on
/// it with their comments, and the steps done before. Journaled as the data of the submission step, so the justice
/// office reviews exactly what was sent. <see cref="Missing"/> names what the record does not hold.
/// </summary>
public sealed record LegalityReviewPackage(
    string Title,
    string Kind,
    bool Provisional,
    int ValidityYears,
    bool AffectsMarketActors,
    bool MajorDecision,
    IReadOnlyList<string> LegalBases,
    IReadOnlyList<ReviewPackageFile> Files,
    IReadOnlyList<ReviewPackageConsultation> Consultations,
    IReadOnlyList<ReviewPackageStep> Procedures,
    IReadOnlyList<string> Missing)
{
    public const string Article = NormativeArticles.ReviewPackage;
}

/// <summary>The materials a package must hold (Opinion 115), as named in <see cref="LegalityReviewPackage.Missing"/>.</summary>
public static class ReviewPackageMaterials
{
    /// <summary>文件送审稿: a file of kind <c>draft</c> in the record.</summary>
    public const string Draft = "draft";

    /// <summary>制定依据: at least one legal basis.</summary>
    public const string LegalBases = "legal-bases";

    /// <summary>征求意见情况: a consultation, when the document had to be consulted on (market actors, or a public consultation chosen at drafting).</summary>
    public const string ConsultationRecord = "consultation-record";

    /// <summary>What the package lacks, in the order above (<see cref="Check"/> refuses a submission that lacks any).</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> fileKinds, IReadOnlyCollection<string> legalBases, bool consultationRequired, int consultations)
    {
        var missing = new List<string>();
        if (!fileKinds.Contains(Draft, StringComparer.Ordinal))
        {
            missing.Add(Draft);
        }
        if (!legalBases.Any(b => !string.IsNullOrWhiteSpace(b)))
        {
            missing.Add(LegalBases);
        }
        if (consultationRequired && consultations == 0)
        {
            missing.Add(ConsultationRecord);
        }
        return missing;
    }

    /// <summary>
    /// A complete package is a condition of the submission (Opinion 115: the drafting unit submits the draft, the legal
    /// bases and the consultation record): one refusal per missing material, each naming it (argument <c>material</c>),
    /// 409 — the record must be completed first. Nothing when <paramref name="missing"/> is empty.
    /// </summary>
    public static IReadOnlyList<Refusal> Check(IReadOnlyList<string> missing) =>
        [.. missing.Select(m => NormativeTexts.Catalog.Conflict($"review-package-incomplete.{m}", LegalityReviewPackage.Article, ("material", m)))];
}
