using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.LegalityReview;

/// <summary>What the drafting head submits for legality review (第二十六条): the draft, the legal bases and the requested opinion date.</summary>
public sealed record SubmissionForm(string? DraftReference, string? DraftHash, IReadOnlyList<string>? LegalBases, string? RequestedOpinionDate);

/// <summary>The package a submission completes with, as the completion rule reads it (null members: absent).</summary>
public sealed record PackageFacts(string DraftReference, IReadOnlyList<string> LegalBases, string RequestedOpinionDate, bool AccountIsCurrent);

/// <summary>
/// The legality review (《重大行政决策程序暂行条例》第二十五条至第二十八条): no decision without it (第二十五条); the
/// submission package — draft, legal bases, the account of the procedures performed — and a requested opinion date that
/// leaves the review time, generally not less than 7 working days (第二十六条); incomplete packages returned with what
/// is missing (第二十六条); findings on authority, procedure and content (第二十七条); the opinions of legal counsel
/// and staff lawyers (第二十八条); an exploratory reform submitted with the legal risk stated (第二十五条).
/// </summary>
public static class LegalityRules
{
    public const string Submission = "legality-submission";
    public const string Intake = "legality-intake";
    public const string CounselStep = "legal-counsel-opinion";
    public const string Review = "legality-review";
    /// <summary>The submission package's article.</summary>
    public const string Article = "第二十六条";
    public const int MaxText = 20_000;
    public const int MaxLine = 500;

    public static readonly string[] CounselKinds = ["legal-counsel", "staff-lawyer"];

    private static LegalityTexts T => LegalityTexts.Catalog;

    /// <summary>
    /// The submission's refusals: none when it is complete; else <c>invalid-submission</c> first, then one per property
    /// that is missing or malformed (its <see cref="RequestField.Argument"/>).
    /// </summary>
    public static IReadOnlyList<Refusal> Invalid(SubmissionForm form)
    {
        var fields = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(form.DraftReference) || form.DraftReference.Length > MaxLine)
        {
            fields.Add(Field("invalid-submission.draft-reference", "draftReference", ("limit", MaxLine)));
        }
        if (form.DraftHash is { } hash && (hash.Length != 64 || !hash.All(Uri.IsHexDigit)))
        {
            fields.Add(Field("invalid-submission.draft-hash", "draftHash"));
        }
        if (form.LegalBases is not { Count: > 0 and <= 100 } || form.LegalBases.Any(b => string.IsNullOrWhiteSpace(b) || b.Length > MaxLine))
        {
            fields.Add(Field("invalid-submission.legal-bases", "legalBases", ("limit", MaxLine)));
        }
        if (!DateOnly.TryParseExact(form.RequestedOpinionDate, "yyyy-MM-dd", out _))
        {
            fields.Add(Field("invalid-submission.requested-opinion-date", "requestedOpinionDate"));
        }
        return fields.Count == 0 ? [] : [T.Invalid("invalid-submission", Article), .. fields];
    }

    /// <summary>The drafting unit prepares the package (第二十六条).</summary>
    public static Refusal? ForbiddenPackage(bool draftingUnit) => draftingUnit ? null : T.Forbidden("forbidden.package", Article);

    /// <summary>
    /// The review queue is the review office's worklist: its legality reviewers' and legal counsel's (第二十五条 names
    /// the office that reviews; 第二十八条 its counsel). Anyone else is refused, not shown an empty list.
    /// </summary>
    public static Refusal? ForbiddenQueue(bool reviewerOrCounsel) => reviewerOrCounsel ? null : T.Forbidden("forbidden.queue", "第二十五条");

    /// <summary>A counsel opinion is a legal counsel's or a staff lawyer's, with its text.</summary>
    public static Refusal? InvalidCounselOpinion(string? kind, string? text) =>
        kind is null || !CounselKinds.Contains(kind) || string.IsNullOrWhiteSpace(text) || text.Length > MaxText
            ? T.Invalid("invalid-counsel-opinion", null, ("kinds", CounselKinds), ("limit", MaxText))
            : null;

    /// <summary>Only a legal counsel or staff lawyer organised by the review office gives the opinion (第二十八条).</summary>
    public static Refusal? ForbiddenCounsel(bool counselOfTheOffice) => counselOfTheOffice ? null : T.Forbidden("forbidden.counsel", "第二十八条");

    /// <summary>The findings cover authority, procedure and content (第二十七条); the legal risk is optional here (required for an exploratory reform at completion).</summary>
    public static Refusal? InvalidFindings(string? authority, string? procedure, string? content, string? legalRisk)
    {
        string?[] parts = [authority, procedure, content];
        return parts.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > MaxText) || legalRisk is { Length: > MaxText }
            ? T.Invalid("invalid-findings", "第二十七条")
            : null;
    }

    /// <summary>Only the legality review office records findings (第二十七条).</summary>
    public static Refusal? ForbiddenFindings(bool reviewer) => reviewer ? null : T.Forbidden("forbidden.findings", "第二十七条");

    public static Refusal NoSuchOpinion() => T.NotFound("not-found.counsel-opinion");

    public static Refusal NoSuchFindings() => T.NotFound("not-found.findings");

    /// <summary>The counsel step completes with at least one signed opinion (第二十八条).</summary>
    public static Refusal? CounselCompletion(bool opinionGiven) => opinionGiven ? null : T.Conflict("counsel-opinion-missing", "第二十八条");

    /// <summary>
    /// What the compliance report requires before the submission (risk controllable 第二十四条, fair competition
    /// 第二十九条第一项, …) and is pending or unmet: <paramref name="title"/> and <paramref name="detail"/> in both languages, with the line's article.
    /// </summary>
    public static Refusal PrerequisiteUnmet(TwoLanguages title, IReaderText detail, string? article) =>
        T.Conflict("prerequisite-unmet", article, ("title", title), ("detail", detail));

    /// <summary>
    /// The package of the submission (第二十六条): assembled by the system (<paramref name="package"/> null: none), with
    /// the draft, the legal bases, the account the system generates from the current record, and a well-formed date.
    /// </summary>
    public static IReadOnlyList<Refusal> Package(PackageFacts? package)
    {
        if (package is null)
        {
            return [T.Conflict("submission-package-required", Article)];
        }
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(package.DraftReference))
        {
            refusals.Add(T.Conflict("draft-required", Article));
        }
        if (package.LegalBases.Count == 0 || package.LegalBases.Any(string.IsNullOrWhiteSpace))
        {
            refusals.Add(T.Conflict("legal-bases-required", Article));
        }
        if (!package.AccountIsCurrent)
        {
            refusals.Add(T.Conflict("procedure-account-mismatch", Article));
        }
        if (!DateOnly.TryParseExact(package.RequestedOpinionDate, "yyyy-MM-dd", out _))
        {
            refusals.Add(T.Conflict("invalid-opinion-date", Article));
        }
        return refusals;
    }

    /// <summary>
    /// 第二十六条: the requested opinion date <paramref name="requested"/> falls before <paramref name="lastDay"/>, the end of
    /// the review time the definition guarantees (<paramref name="period"/>, counted as <paramref name="rule"/> says).
    /// </summary>
    public static Refusal TooEarly(DateOnly requested, DateOnly lastDay, string? rule, string period, string? article) =>
        T.Conflict("review-time-too-short", article ?? Article, ("requested", requested), ("lastDay", lastDay), ("rule", rule ?? ""), ("period", period));

    /// <summary>Returning a package lists what is missing (第二十六条).</summary>
    public static Refusal? IntakeCompletion(string outcome, bool missingListed) =>
        outcome == LegalityOutcomes.Returned && !missingListed ? T.Conflict("missing-items-required", Article) : null;

    /// <summary>
    /// The review completes with findings on authority, procedure and content (第二十七条), a counsel opinion of this
    /// round (第二十八条), and, for an exploratory reform, the legal risk stated in the findings (第二十五条).
    /// </summary>
    public static IReadOnlyList<Refusal> ReviewCompletion(bool findingsRecorded, string? legalRisk, bool counselOpinionThisRound, string outcome)
    {
        var refusals = new List<Refusal>();
        if (!findingsRecorded)
        {
            refusals.Add(T.Conflict("review-findings-missing", "第二十七条"));
        }
        if (!counselOpinionThisRound)
        {
            refusals.Add(T.Conflict("counsel-opinion-missing.round", "第二十八条"));
        }
        if (outcome == LegalityOutcomes.ExploratoryReform && string.IsNullOrWhiteSpace(legalRisk))
        {
            refusals.Add(T.Conflict("legal-risk-required", "第二十五条"));
        }
        return refusals;
    }

    private static Refusal Field(string key, string field, params (string Name, object? Value)[] arguments) =>
        T.Invalid(key, Article, [(RequestField.Argument, field), .. arguments]);
}
