using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>What the drafting unit records when it opens a document (shared/domain/normative-documents.md, "Drafting").</summary>
/// <param name="Kind">government or department (<see cref="NormativeDocumentKinds"/>).</param>
/// <param name="Provisional">Titled 暂行 or 试行: the shorter validity applies.</param>
/// <param name="ValidityYears">The validity period the document will state.</param>
/// <param name="AffectsMarketActors">Tied to market actors' business: fair-competition review and the longer consultation.</param>
/// <param name="MajorDecision">Also a major decision: that procedure must be complete before deliberation.</param>
public sealed record DraftRecord(
    string Title, string Kind, bool Provisional, int ValidityYears, bool AffectsMarketActors, bool MajorDecision, IReadOnlyList<string> LegalBases);

/// <summary>The drafting rules: the issuer (via <see cref="IssuingEntityRules"/>), the title, the legal bases and the validity.</summary>
public static class DraftingRules
{
    /// <summary>The words that make a title provisional (“暂行”“试行”).</summary>
    public static IReadOnlyList<string> ProvisionalWords { get; } = ["暂行", "试行"];

    public static bool HasProvisionalTitle(string title) => ProvisionalWords.Any(w => title.Contains(w, StringComparison.Ordinal));

    /// <summary>Every refusal of opening a draft; empty when it may be opened.</summary>
    public static IReadOnlyList<Refusal> Check(DraftRecord draft, IssuingEntity? issuer, NormativeDocumentSettings settings)
    {
        var refusals = new List<Refusal>();
        if (IssuingEntityRules.CheckDrafting(issuer, draft.Kind) is { } issuerRefusal)
        {
            refusals.Add(issuerRefusal);
        }
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("title-required", NormativeArticles.UniformRegistration));
        }
        else if (HasProvisionalTitle(draft.Title) != draft.Provisional)
        {
            // The 2-year rule attaches to the title; a flag that disagrees with it would let a 暂行 document run 5 years.
            refusals.Add(NormativeTexts.Catalog.Invalid("provisional-title-mismatch", settings.ValidityArticle, ("title", draft.Title), ("provisional", draft.Provisional)));
        }
        if (draft.LegalBases.Count == 0 || draft.LegalBases.Any(string.IsNullOrWhiteSpace))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("legal-basis-required", NormativeArticles.Notice37 + "：起草单位应当明确制定依据"));
        }
        if (ValidityRules.CheckYears(draft.ValidityYears, draft.Provisional, settings) is { } validity)
        {
            refusals.Add(validity);
        }
        return refusals;
    }
}
