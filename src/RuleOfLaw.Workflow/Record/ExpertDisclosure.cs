using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Record;

/// <summary>
/// Expert information and opinions on the portal (issue 15 item 7; the seeds: "推行专家信息和论证意见全面公开"): a panel
/// member's name, field and signed opinions are shown only with the expert's own consent, only once the decision is
/// published (第三十二条), and never for a matter that may not be disclosed (第十四条's exception, attribute
/// <c>notDisclosable</c>). The consent is the expert's: given by the expert's account, or recorded by the drafting unit
/// from the expert's written consent.
/// </summary>
public static class ExpertDisclosure
{
    public const string Article = "第三十二条";

    private static RecordTexts T => RecordTexts.Catalog;

    public static Refusal? MayRecordConsent(bool onPanel, bool actorIsTheExpert, bool actorDrafts, bool writtenConsentNoted) =>
        !onPanel ? T.Conflict("expert-not-on-panel", Article)
        : !actorIsTheExpert && !actorDrafts ? T.Forbidden("forbidden.expert-consent", Article)
        : !actorIsTheExpert && !writtenConsentNoted ? T.Invalid("written-consent-required", Article)
        : null;

    /// <summary>Whether one expert is shown on the portal for the matter.</summary>
    public static bool Shows(bool decisionPublished, bool notDisclosable, bool consented) => decisionPublished && !notDisclosable && consented;
}
