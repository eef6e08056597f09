using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Record;

namespace RuleOfLaw.Workflow.Tests.Record;

public sealed class ExpertDisclosureTests
{
    [Fact]
    public void The_consent_is_the_experts_own_or_recorded_from_their_written_consent()
    {
        Assert.Null(ExpertDisclosure.MayRecordConsent(onPanel: true, actorIsTheExpert: true, actorDrafts: false, writtenConsentNoted: false));
        Assert.Null(ExpertDisclosure.MayRecordConsent(true, false, true, true));
        Assert.Equal(("expert-not-on-panel", (RefusalClass?)RefusalClass.Conflict), Code(ExpertDisclosure.MayRecordConsent(false, true, false, false)));
        Assert.Equal(("forbidden", (RefusalClass?)RefusalClass.Forbidden), Code(ExpertDisclosure.MayRecordConsent(true, false, false, true)));
        Assert.Equal(("written-consent-required", (RefusalClass?)RefusalClass.Invalid), Code(ExpertDisclosure.MayRecordConsent(true, false, true, false)));
    }

    [Fact]
    public void Shown_only_after_publication_for_a_disclosable_matter_with_consent()
    {
        Assert.True(ExpertDisclosure.Shows(decisionPublished: true, notDisclosable: false, consented: true));
        Assert.False(ExpertDisclosure.Shows(false, false, true));
        Assert.False(ExpertDisclosure.Shows(true, true, true));
        Assert.False(ExpertDisclosure.Shows(true, false, false));
    }

    private static (string, RefusalClass?) Code(Refusal? refusal) => (refusal!.Code, refusal.Class);
}
