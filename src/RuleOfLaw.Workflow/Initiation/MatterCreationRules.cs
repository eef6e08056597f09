using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.Initiation;

/// <summary>
/// What a new decision matter must satisfy before it is stored (<c>POST /api/matters</c> and the new-matter page
/// both go through the server's <c>MatterCreation</c>, which asks these rules): a kind the Regulation governs
/// (第三条), attributes the procedure defines, and a drafting unit that carries it (第十条). Each refusal about a
/// request property names it (<see cref="RequestField.Argument"/>), so the API lists it under <c>errors</c> and the
/// page shows it next to its field.
/// </summary>
public static class MatterCreationRules
{
    private static InitiationTexts T => InitiationTexts.Catalog;

    /// <summary>
    /// Null when the category is absent (it may be set later) or one of art. 3's kinds; a decision art. 3 para. 2
    /// excludes (macro-control, legislation, emergency) is refused with its own reason; anything else lists the kinds.
    /// </summary>
    public static Refusal? Category(string? category)
    {
        if (category is null || MatterCategories.All.ContainsKey(category))
        {
            return null;
        }
        return MatterCategories.Excluded.Contains(category)
            ? T.Invalid($"category-excluded.{category}", "第三条第二款", (RequestField.Argument, "category"))
            : T.Invalid("unknown-category", "第三条第一款", (RequestField.Argument, "category"), ("categories", MatterCategories.All.Keys.ToList()));
    }

    /// <summary>The attributes given that the procedure does not define (a typo would otherwise silently switch a gate off).</summary>
    public static Refusal? UnknownAttributes(IEnumerable<string> given, IReadOnlyCollection<string> defined)
    {
        var unknown = given.Where(a => !defined.Contains(a)).ToList();
        return unknown.Count == 0 ? null
            : T.Invalid("unknown-attribute", null, (RequestField.Argument, "attributes"), ("attributes", unknown), ("defined", defined.ToList()));
    }

    /// <summary>Only a drafting unit's officer or head creates a matter, and only for that unit (第十条: it carries the matter).</summary>
    public static Refusal? DraftingUnit(bool holdsDraftingRole) =>
        holdsDraftingRole ? null : T.Forbidden("forbidden.create-matter", "第十条", (RequestField.Argument, "draftingUnitId"));

    /// <summary>The procedure asked for is not installed on this server.</summary>
    public static Refusal DefinitionNotInstalled(string? definitionId) =>
        T.Invalid("definition-not-installed", null, (RequestField.Argument, "definitionId"), ("definition", definitionId));

    /// <summary>A scope of the procedure (expert pool, review office …) could not be resolved to an organization (each problem in both languages).</summary>
    public static Refusal AssignmentUnresolved(IReadOnlyList<IReaderText> problems) =>
        T.Invalid("assignment-unresolved", null, (RequestField.Argument, "assignments"), ("problems", problems));

    /// <summary>Why one organization could not be given its part (the problems of <see cref="AssignmentUnresolved"/>).</summary>
    public static class AssignmentProblems
    {
        public static IReaderText NoGovernment(string draftingUnitId) => T.Line("assignment.no-government", ("unit", draftingUnitId));

        /// <summary>The decision organ and the drafting unit follow from the drafting unit named by the request.</summary>
        public static IReaderText Derived(string scope) => T.Line("assignment.derived", ("scope", scope));

        public static IReaderText UnknownScope(string scope) => T.Line("assignment.unknown-scope", ("scope", scope));

        public static IReaderText UnknownOrganization(string organizationId) => T.Line("assignment.unknown-organization", ("organization", organizationId));

        public static IReaderText OtherGovernment(string organizationId, string organId, string organName) =>
            T.Line("assignment.other-government", ("organization", organizationId), ("organ", organId), ("organName", organName));

        /// <summary>A unit cannot, for instance, name itself its own legality review office: the review must be independent (第二十五条).</summary>
        public static IReaderText WrongKind(string organizationId, string kind, string scope) =>
            T.Line("assignment.wrong-kind", ("organization", organizationId), ("kind", kind), ("scope", scope));

        public static IReaderText NoneOfKind(string scope, string organId, string organName) =>
            T.Line("assignment.none-of-kind", ("scope", scope), ("organ", organId), ("organName", organName));

        public static IReaderText SeveralOfKind(string scope, string organId, string organName) =>
            T.Line("assignment.several-of-kind", ("scope", scope), ("organ", organId), ("organName", organName));
    }

    /// <summary>The decision organ's jurisdiction has no settings file, so no period of the matter could be counted.</summary>
    public static Refusal JurisdictionNotFound(string organId, string jurisdictionId) =>
        T.Invalid("jurisdiction-not-found", null, ("organ", organId), ("jurisdiction", jurisdictionId));
}
