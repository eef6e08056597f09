using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.Experts;

/// <summary>The expert chosen for a panel, as the neutrality rule reads it.</summary>
public sealed record ExpertCandidate(string Name, string? EmployerOrganizationId);

/// <summary>
/// Expert argumentation (《重大行政决策程序暂行条例》第十九条至第二十一条): the drafting unit chooses the experts
/// (第十九条) from the pool the review office keeps (第二十一条); an expert with a direct interest in the matter, or one
/// employed by the drafting unit itself, is not neutral and stands aside (第二十条); each expert signs a written opinion
/// with their own account (第十九条); the jurisdiction's panel rules (size, odd number, share of government-employed
/// experts) are local settings; the drafting unit records how each opinion was used (第二十九条).
/// </summary>
public static class ExpertRules
{
    public const string Step = "expert-argumentation";

    /// <summary>
    /// The domain command that alone completes an expert's party task (definition version 6 on: <c>parties.completedBy</c>
    /// of <see cref="Step"/>): her signed written opinion.
    /// </summary>
    public const string OpinionCommand = "expert-opinion";

    /// <summary>The party outcome of an expert's signed opinion (version 6 on).</summary>
    public const string OpinionSigned = "opinion-signed";
    public const int MaxText = 20_000;
    public const int MaxName = 200;
    public const string Adopted = "adopted";

    public static readonly string[] Adoptions = [Adopted, "partly-adopted", "not-adopted"];

    private static ExpertTexts T => ExpertTexts.Catalog;

    /// <summary>The pool is kept by the legality review office or an administrator (第二十一条).</summary>
    public static Refusal? ForbiddenPool(bool keepsThePool) => keepsThePool ? null : T.Forbidden("forbidden.pool", "第二十一条");

    /// <summary>An expert of the pool has a name, a field and an employer.</summary>
    public static Refusal? InvalidExpert(string? name, string? field, string? employer) =>
        string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(field) || string.IsNullOrWhiteSpace(employer)
            || name.Length > MaxName || field.Length > MaxName || employer.Length > MaxName
            ? T.Invalid("invalid-expert", null, ("limit", MaxName))
            : null;

    public static Refusal UnknownOrganization(string organizationId) => T.Invalid("unknown-organization", null, ("organization", organizationId));

    public static Refusal UnknownUser(string userName) => T.Invalid("unknown-user", null, ("user", userName));

    /// <summary>An expert is chosen with their declaration of interests (第二十条).</summary>
    public static Refusal? InvalidDeclaration(string? interestStatement) =>
        string.IsNullOrWhiteSpace(interestStatement) || interestStatement.Length > MaxText ? T.Invalid("interest-declaration-required", "第二十条") : null;

    /// <summary>The drafting unit chooses the experts (第十九条).</summary>
    public static Refusal? ForbiddenChoice(bool draftingUnit) => draftingUnit ? null : T.Forbidden("forbidden.choose", "第十九条");

    public static Refusal NoSuchExpert() => T.NotFound("not-found.expert");

    /// <summary>
    /// 第二十条: experts are neutral. One who declared a direct interest in the matter, or who is employed by the
    /// drafting unit (<paramref name="draftingUnitId"/>), is refused; an expert is on a panel once.
    /// </summary>
    public static Refusal? MayJoin(ExpertCandidate expert, bool directInterest, string draftingUnitId, bool alreadyOnPanel) =>
        directInterest ? T.Conflict("expert-direct-interest", "第二十条", ("expert", expert.Name))
        : expert.EmployerOrganizationId == draftingUnitId ? T.Conflict("expert-employed-by-drafting-unit", "第二十条", ("expert", expert.Name))
        : alreadyOnPanel ? T.Conflict("expert-already-on-panel", null, ("expert", expert.Name))
        : null;

    /// <summary>
    /// On a panel with party tasks (version 6 on) each expert's task is her own: an expert without an account to sign
    /// with could never give the signed written opinion (第十九条), so she is not chosen.
    /// </summary>
    public static Refusal? NeedsAccount(string expertName, bool hasAccount) =>
        hasAccount ? null : T.Conflict("expert-account-required", "第十九条", ("expert", expertName));

    /// <summary>An expert removed from the panel (recusal, 第二十条) is not chosen again for the matter.</summary>
    public static Refusal RemovedBefore(string expertName, string reason) => T.Conflict("expert-removed", "第二十条", ("expert", expertName), ("reason", reason));

    /// <summary>
    /// The drafting unit removes an expert from the panel (第十九条) with the reason (a recusal, 第二十条), while the
    /// argumentation runs and before the expert has signed: a signed opinion stays on the record.
    /// </summary>
    public static Refusal? MayRemove(bool draftingUnit, string? reason, string expertName, bool signedThisPass, string? removedReason) =>
        !draftingUnit ? T.Forbidden("forbidden.remove", "第十九条")
        : string.IsNullOrWhiteSpace(reason) || reason.Length > MaxText ? T.Invalid("removal-reason-required", "第二十条", (RequestField.Argument, "reason"))
        : removedReason is not null ? RemovedBefore(expertName, removedReason)
        : signedThisPass ? T.Conflict("expert-already-signed", "第十九条", ("expert", expertName))
        : null;

    /// <summary>A matter pinned to a version whose panel has no party tasks keeps its former path: nobody is removed there.</summary>
    public static Refusal RemovalNeedsParties(int version) => T.Conflict("expert-removal-unavailable", "第十九条", ("version", version));

    /// <summary>
    /// On a panel with party tasks an expert signs once per pass of the argumentation (第十九条); one removed from the
    /// panel (第二十条) signs nothing.
    /// </summary>
    public static Refusal? MaySignAgain(string expertName, bool signedThisPass, string? removedReason) =>
        removedReason is not null ? RemovedBefore(expertName, removedReason)
        : signedThisPass ? T.Conflict("expert-already-signed", "第十九条", ("expert", expertName))
        : null;

    /// <summary>The written opinion has its text.</summary>
    public static Refusal? InvalidOpinion(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxText ? T.Invalid("invalid-opinion", null, ("limit", MaxText)) : null;

    /// <summary>
    /// Only an expert of the matter's panel signs an opinion, with their own account (第十九条), declaring no direct
    /// interest in the matter (第二十条).
    /// </summary>
    public static Refusal? MaySign(bool panelExpert, bool declaresNoDirectInterest) =>
        !panelExpert ? T.Forbidden("forbidden.opinion", "第十九条")
        : !declaresNoDirectInterest ? T.Conflict("expert-direct-interest.opinion", "第二十条")
        : null;

    /// <summary>An opinion is adopted, partly adopted or not adopted; the reason is given unless adopted.</summary>
    public static Refusal? InvalidAdoption(string? adoption, string? reason) =>
        adoption is null || !Adoptions.Contains(adoption) || reason is { Length: > MaxText } || (adoption != Adopted && string.IsNullOrWhiteSpace(reason))
            ? T.Invalid("invalid-adoption", null, ("adoptions", Adoptions))
            : null;

    /// <summary>The drafting unit records how the opinions were used (第二十九条).</summary>
    public static Refusal? ForbiddenAdoption(bool draftingUnit) => draftingUnit ? null : T.Forbidden("forbidden.adoption", "第二十九条");

    public static Refusal NoSuchOpinion() => T.NotFound("not-found.opinion");

    /// <summary>
    /// The jurisdiction's panel rules the panel breaks (<c>expert-panel-invalid</c>; the rules are local settings, off
    /// when not set): a panel of <paramref name="size"/> experts, <paramref name="governmentEmployed"/> of them government-employed.
    /// </summary>
    public static IReadOnlyList<Refusal> PanelProblems(int size, int governmentEmployed, ExpertPanelRules rules, string jurisdiction)
    {
        const string article = "第十九条、第二十条";
        var problems = new List<Refusal>();
        if (size == 0)
        {
            problems.Add(T.Conflict("expert-panel-invalid.empty", article));
        }
        if (rules.MinimumSize is { } minimum && size < minimum)
        {
            problems.Add(T.Conflict("expert-panel-invalid.minimum-size", article, ("jurisdiction", jurisdiction), ("minimum", minimum), ("size", size)));
        }
        if (rules.OddNumber && size % 2 == 0)
        {
            problems.Add(T.Conflict("expert-panel-invalid.odd-number", article, ("jurisdiction", jurisdiction), ("size", size)));
        }
        if (rules.MaxGovernmentEmployedShare is { } share && size > 0 && governmentEmployed * share.Denominator > share.Numerator * size)
        {
            problems.Add(T.Conflict("expert-panel-invalid.government-share", article,
                ("jurisdiction", jurisdiction), ("share", share.ToString()), ("governmentEmployed", governmentEmployed), ("size", size)));
        }
        return problems;
    }

    /// <summary>The argumentation completes when every panel expert has signed a written opinion (第十九条).</summary>
    public static Refusal? OpinionsComplete(IReadOnlyList<string> expertsWithoutOpinion) =>
        expertsWithoutOpinion.Count == 0 ? null : T.Conflict("expert-opinion-missing", "第十九条", ("experts", expertsWithoutOpinion));
}
