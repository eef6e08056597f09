using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Privacy;

/// <summary>
/// Who may read the contact details citizens leave with a comment or an objection (《个人信息保护法》第六条: the least
/// processing the purpose needs; 第五十一条: operating permissions set by role, and the processing recorded). The
/// purpose is answering and hearing the person, so only the roles that handle the consultation or the objections
/// read them; every other official (other units of the matter, the government's office, administrators) and the
/// public read <see cref="Mask"/>.
/// </summary>
public static class ContactPrivacy
{
    /// <summary>The law the rule rests on (cited in docs and the access log's reason).</summary>
    public const string Law = "《个人信息保护法》第六条、第五十一条";

    /// <summary>What a reader without the right sees in place of a contact detail.</summary>
    public const string Mask = "***";

    /// <summary>The access log's purpose of a view of commenters' contact details.</summary>
    public const string Commenters = "commenters";

    /// <summary>The access log's purpose of a view of objectors' contact details.</summary>
    public const string Objectors = "objectors";

    /// <summary>The access log's purpose of a view of the contact details left with review suggestions on normative documents.</summary>
    public const string Suggesters = "review-suggesters";

    /// <summary>
    /// Commenters: the drafting unit's officers and head, who organize the public participation and answer the
    /// comments (《重大行政决策程序暂行条例》第十四条、第十五条).
    /// </summary>
    public static bool MayReadCommenters(Actor actor, string draftingUnitId) =>
        actor.Holds(Roles.DraftingOfficer, draftingUnitId) || actor.Holds(Roles.DraftingHead, draftingUnitId);

    /// <summary>Objectors: the execution unit's officers, who receive and answer the public's objections (第三十五条).</summary>
    public static bool MayReadObjectors(Actor actor, string? executionUnitId) =>
        executionUnitId is not null && actor.Holds(Roles.ExecutionOfficer, executionUnitId);

    /// <summary>
    /// Review suggestions on a normative document: the legality reviewers of the filing recipient the suggestion went
    /// to, who examine it and reply to the person (备案审查, the review-suggestion reply).
    /// </summary>
    public static bool MayReadSuggesters(Actor actor, string recipientOrganizationId) => actor.Holds(Roles.LegalityReviewer, recipientOrganizationId);

    /// <summary>A contact detail as a reader without the right sees it: nothing of it, only that there is one.</summary>
    public static string? Redact(string? contact) => string.IsNullOrEmpty(contact) ? contact : Mask;
}
