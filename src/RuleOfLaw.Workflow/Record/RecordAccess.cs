using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Record.Catalogue;

namespace RuleOfLaw.Workflow.Record;

/// <summary>
/// Who may read a government's record as a whole (the indicators, the dashboard, the report, the accountability view):
/// the bodies that supervise decision-making and pursue liability (第三十八条至第四十一条) — the organ's chief executive
/// and its members (the leaders who answer for the organ's decisions), the legality reviewers of its justice office
/// (the body that supervises rule-of-law government building), the organ's administrators and the operators. Drafting officers, experts and the
/// public see their own matters only.
/// </summary>
public static class RecordAccess
{
    public const string Article = "第三十八条至第四十一条";

    /// <param name="actor">the person asking</param>
    /// <param name="organId">the government whose record is asked for</param>
    /// <param name="reviewOfficeIds">the legality-review offices directly under that government</param>
    public static bool MaySupervise(Actor actor, string organId, IReadOnlyCollection<string> reviewOfficeIds) =>
        actor.Memberships.Any(m =>
            m.Role == Roles.Operator
            || (m.OrganizationId == organId && m.Role is Roles.ChiefExecutive or Roles.MeetingMember or Roles.Administrator)
            || (m.Role == Roles.LegalityReviewer && reviewOfficeIds.Contains(m.OrganizationId)));

    /// <summary>
    /// Who drafts and keeps the organ's catalogue (第十条第二款): its general office's secretaries (政府办公室), its
    /// chief executive, its administrators, the operators.
    /// </summary>
    public static bool MayManageCatalogue(Actor actor, string organId, IReadOnlyCollection<string> generalOfficeIds) =>
        actor.Memberships.Any(m =>
            m.Role == Roles.Operator
            || (m.OrganizationId == organId && m.Role is Roles.ChiefExecutive or Roles.Administrator)
            || (m.Role == Roles.MeetingSecretary && generalOfficeIds.Contains(m.OrganizationId)));

    /// <summary>The supervision rule as a refusal (<c>forbidden</c>, 第三十八条至第四十一条), or null when the actor may read the record.</summary>
    public static Refusal? Supervise(Actor actor, string organId, IReadOnlyCollection<string> reviewOfficeIds) =>
        MaySupervise(actor, organId, reviewOfficeIds) ? null : RecordTexts.Catalog.Forbidden("forbidden.supervise", Article);

    /// <summary>
    /// The record's figures are per government: one who belongs to no government (and names none) has no figures to
    /// see (<c>forbidden</c>, 第三十八条至第四十一条 as <see cref="Supervise"/>).
    /// </summary>
    public static Refusal NoGovernment() => RecordTexts.Catalog.Forbidden("forbidden.no-government", Article);

    /// <summary>The catalogue keepers' rule as a refusal (<c>forbidden</c>, 第十条), or null when the actor keeps the organ's catalogue.</summary>
    public static Refusal? ManageCatalogue(Actor actor, string organId, IReadOnlyCollection<string> generalOfficeIds) =>
        MayManageCatalogue(actor, organId, generalOfficeIds) ? null : NotCatalogueKeeper();

    /// <summary>The refusal of one who does not keep the catalogue (第十条).</summary>
    public static Refusal NotCatalogueKeeper() => RecordTexts.Catalog.Forbidden("forbidden.catalogue", CatalogueRules.Article);

    /// <summary>
    /// A matter is linked to the catalogue item it carries out by its drafting unit or by the catalogue's keepers
    /// (第十条), as a refusal or null.
    /// </summary>
    public static Refusal? LinkToCatalogue(bool draftsTheMatter, bool keepsTheCatalogue) =>
        draftsTheMatter || keepsTheCatalogue ? null : RecordTexts.Catalog.Forbidden("forbidden.link", CatalogueRules.Article);
}
