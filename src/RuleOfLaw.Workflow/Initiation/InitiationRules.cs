using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.Initiation;

/// <summary>What the drafting unit records when a decision procedure is started.</summary>
public sealed record InitiationForm(
    string? ProposalSource, string? ProposalDetail, bool InCatalogue, int? CatalogueYear, string? CatalogueItem, string? NotDisclosableGround, string? UrgentReason);

/// <summary>
/// Initiation (《重大行政决策程序暂行条例》第三条、第十条至第十五条): where the proposal came from (第十条), whether the
/// matter is in the annual catalogue of decision matters (决策事项目录, 第三条第三款) and which year and item, the
/// legal ground of a matter that may not be disclosed (no open consultation, 第十四条; not published, 第三十二条) and
/// the reason of an urgent one (a shorter consultation is explained, 第十五条). The drafting unit records it and may
/// change the matter's attributes with a reason.
/// </summary>
public static class InitiationRules
{
    public const string Step = "initiation";
    public const string NotDisclosable = "notDisclosable";
    public const string Urgent = "urgent";
    public const int MaxText = 4000;

    /// <summary>Who may propose a decision matter (第十条).</summary>
    public static readonly string[] ProposalSources = ["leadership", "department", "lower-government", "deputies", "public"];

    private static InitiationTexts T => InitiationTexts.Catalog;

    /// <summary>
    /// The record's refusals: none when it is complete; else <c>invalid-initiation</c> first, then one per property
    /// (its <c>field</c> argument) that is missing or wrong, with that property's article.
    /// </summary>
    public static IReadOnlyList<Refusal> Invalid(InitiationForm form, IReadOnlyDictionary<string, bool> attributes)
    {
        var fields = new List<Refusal>();
        if (form.ProposalSource is null || !ProposalSources.Contains(form.ProposalSource))
        {
            fields.Add(Field("invalid-initiation.proposal-source", "第十条", "proposalSource", ("sources", ProposalSources)));
        }
        if (form.InCatalogue && (form.CatalogueYear is not (>= 2000 and <= 2100) || string.IsNullOrWhiteSpace(form.CatalogueItem)))
        {
            fields.Add(Field("invalid-initiation.catalogue", "第三条第三款", "catalogue"));
        }
        if (attributes.GetValueOrDefault(NotDisclosable) && string.IsNullOrWhiteSpace(form.NotDisclosableGround))
        {
            fields.Add(Field("invalid-initiation.not-disclosable-ground", "第十四条、第三十二条", "notDisclosableGround"));
        }
        if (attributes.GetValueOrDefault(Urgent) && string.IsNullOrWhiteSpace(form.UrgentReason))
        {
            fields.Add(Field("invalid-initiation.urgent-reason", "第十五条", "urgentReason"));
        }
        string?[] texts = [form.ProposalDetail, form.CatalogueItem, form.NotDisclosableGround, form.UrgentReason];
        if (texts.Any(t => t is { Length: > MaxText }))
        {
            fields.Add(Field("invalid-initiation.text", null, "text", ("limit", MaxText)));
        }
        return fields.Count == 0 ? [] : [T.Invalid("invalid-initiation", "第十条至第十五条"), .. fields];
    }

    /// <summary>The drafting unit records the initiation and changes the matter's attributes (第十条: it carries the matter from its proposal).</summary>
    public static Refusal? Forbidden(bool draftingUnit, bool attributes = false) =>
        draftingUnit ? null : T.Forbidden(attributes ? "forbidden.attributes" : "forbidden.initiation", "第十条");

    /// <summary>A change of attributes names at least one attribute and gives the reason (it is journaled, and the gates follow it).</summary>
    public static Refusal? InvalidAttributeChange(IReadOnlyDictionary<string, bool>? attributes, string? reason) =>
        attributes is not { Count: > 0 } || string.IsNullOrWhiteSpace(reason) || reason.Length > MaxText
            ? T.Invalid("invalid-attribute-change", null, ("limit", MaxText))
            : null;

    /// <summary>
    /// The initiation step completes only with the legal ground of a not-disclosable matter (第十四条、第三十二条) and
    /// the reason of an urgent one (第十五条) on record (<paramref name="ground"/>, <paramref name="reason"/>: from the
    /// initiation record or the completion's data).
    /// </summary>
    public static IReadOnlyList<Refusal> Completion(IReadOnlyDictionary<string, bool> attributes, string? ground, string? reason)
    {
        var refusals = new List<Refusal>();
        if (attributes.GetValueOrDefault(NotDisclosable) && string.IsNullOrWhiteSpace(ground))
        {
            refusals.Add(T.Conflict("not-disclosable-ground-required", "第十四条、第三十二条"));
        }
        if (attributes.GetValueOrDefault(Urgent) && string.IsNullOrWhiteSpace(reason))
        {
            refusals.Add(T.Conflict("urgent-reason-required", "第十五条"));
        }
        return refusals;
    }

    /// <summary>There is no initiation record yet.</summary>
    public static Refusal NoRecord() => T.NotFound("not-found.initiation");

    private static Refusal Field(string key, string? article, string field, params (string Name, object? Value)[] arguments) =>
        T.Invalid(key, article, [(RequestField.Argument, field), .. arguments]);
}
