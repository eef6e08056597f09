using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Rules;
using static RuleOfLaw.Workflow.Tests.TestSupport.Refusals;

namespace RuleOfLaw.Workflow.Tests.LegalityReview;

/// <summary>The legality review's rules (第二十五条至第二十八条) without a server.</summary>
public sealed class LegalityRulesTests
{
    private static readonly SubmissionForm Complete = new("停车收费调整方案（送审稿）v3", null, ["《价格法》第十八条"], "2026-05-12");
    private static readonly PackageFacts Package = new("停车收费调整方案（送审稿）v3", ["《价格法》第十八条"], "2026-05-12", AccountIsCurrent: true);

    [Fact]
    public void A_submission_has_the_draft_the_legal_bases_and_a_well_formed_date()
    {
        Assert.Empty(LegalityRules.Invalid(Complete));
        Assert.Empty(LegalityRules.Invalid(Complete with { DraftHash = new string('a', 64) }));
        var refusals = LegalityRules.Invalid(new SubmissionForm(" ", "xyz", [], "12.05.2026"));
        Refused(refusals[0], "invalid-submission", "第二十六条", RefusalClass.Invalid);
        Assert.Equal(["draftReference", "draftHash", "legalBases", "requestedOpinionDate"],
            refusals.Skip(1).Select(r => r.Arguments![RequestField.Argument]));
        Assert.All(refusals.Skip(1), r => Refused(r, "invalid-submission", "第二十六条", RefusalClass.Invalid));
    }

    [Fact]
    public void Only_the_drafting_unit_prepares_the_package()
    {
        Assert.Null(LegalityRules.ForbiddenPackage(true));
        Refused(LegalityRules.ForbiddenPackage(false), "forbidden", "第二十六条", RefusalClass.Forbidden);
    }

    [Fact]
    public void Only_the_review_offices_reviewers_and_counsel_read_the_queue()
    {
        Assert.Null(LegalityRules.ForbiddenQueue(true));
        Refused(LegalityRules.ForbiddenQueue(false), "forbidden", "第二十五条", RefusalClass.Forbidden);
    }

    [Fact]
    public void A_counsel_opinion_is_a_legal_counsels_or_staff_lawyers_and_only_theirs()
    {
        Assert.Null(LegalityRules.InvalidCounselOpinion("staff-lawyer", "合法。"));
        Refused(LegalityRules.InvalidCounselOpinion("citizen", "合法。"), "invalid-counsel-opinion", null, RefusalClass.Invalid);
        Refused(LegalityRules.InvalidCounselOpinion("legal-counsel", " "), "invalid-counsel-opinion", null, RefusalClass.Invalid);
        Assert.Null(LegalityRules.ForbiddenCounsel(true));
        Refused(LegalityRules.ForbiddenCounsel(false), "forbidden", "第二十八条", RefusalClass.Forbidden);
        Refused(LegalityRules.CounselCompletion(false), "counsel-opinion-missing", "第二十八条", RefusalClass.Conflict);
        Assert.Null(LegalityRules.CounselCompletion(true));
        Refused(LegalityRules.NoSuchOpinion(), "not-found", null, RefusalClass.NotFound);
    }

    [Fact]
    public void Findings_cover_authority_procedure_and_content_and_are_the_review_offices()
    {
        Assert.Null(LegalityRules.InvalidFindings("有权", "合规", "合法", null));
        Refused(LegalityRules.InvalidFindings("有权", "合规", " ", null), "invalid-findings", "第二十七条", RefusalClass.Invalid);
        Assert.Null(LegalityRules.ForbiddenFindings(true));
        Refused(LegalityRules.ForbiddenFindings(false), "forbidden", "第二十七条", RefusalClass.Forbidden);
    }

    [Fact]
    public void The_package_is_the_systems_with_draft_bases_the_current_account_and_a_date()
    {
        Refused(Assert.Single(LegalityRules.Package(null)), "submission-package-required", "第二十六条", RefusalClass.Conflict);
        Assert.Empty(LegalityRules.Package(Package));
        var broken = LegalityRules.Package(new PackageFacts("", [" "], "someday", AccountIsCurrent: false));
        Assert.Equal(["draft-required", "legal-bases-required", "procedure-account-mismatch", "invalid-opinion-date"], broken.Select(r => r.Code));
        Assert.All(broken, r => Refused(r, r.Code, "第二十六条", RefusalClass.Conflict));
    }

    [Fact]
    public void A_requested_date_before_the_guaranteed_review_time_is_refused_with_its_end()
    {
        var early = Refused(LegalityRules.TooEarly(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), "legalityReviewMinimum", "7个工作日", null),
            "review-time-too-short", "第二十六条", RefusalClass.Conflict);
        Assert.Contains("2026-03-01", early.Message);
        Assert.Contains("2026-03-02", early.TextIn(TextCatalog.English));
    }

    [Fact]
    public void A_returned_package_lists_what_is_missing()
    {
        Refused(LegalityRules.IntakeCompletion("returned", missingListed: false), "missing-items-required", "第二十六条", RefusalClass.Conflict);
        Assert.Null(LegalityRules.IntakeCompletion("returned", missingListed: true));
        Assert.Null(LegalityRules.IntakeCompletion("accepted", missingListed: false));
    }

    [Fact]
    public void The_review_needs_findings_a_counsel_opinion_of_the_round_and_for_a_reform_the_legal_risk()
    {
        Assert.Empty(LegalityRules.ReviewCompletion(true, null, true, "lawful"));
        var refusals = LegalityRules.ReviewCompletion(false, null, false, "exploratory-reform");
        Refused(refusals[0], "review-findings-missing", "第二十七条", RefusalClass.Conflict);
        Refused(refusals[1], "counsel-opinion-missing", "第二十八条", RefusalClass.Conflict);
        Refused(refusals[2], "legal-risk-required", "第二十五条", RefusalClass.Conflict);
        Assert.Empty(LegalityRules.ReviewCompletion(true, "无上位法明确规定，存在被撤销的风险。", true, "exploratory-reform"));
    }

    [Fact]
    public void An_unmet_prerequisite_names_the_line_in_the_readers_language()
    {
        var refusal = Refused(LegalityRules.PrerequisiteUnmet(new TwoLanguages("风险可控方可作出决策", "Risk controllable before the decision"),
            TwoLanguages.Of("风险不可控：须调整决策草案并重新评估。Not controllable: revise the draft and reassess."), "第二十四条"),
            "prerequisite-unmet", "第二十四条", RefusalClass.Conflict);
        Assert.Equal("送请合法性审查前须满足：风险可控方可作出决策（风险不可控：须调整决策草案并重新评估。）。", refusal.Message);
        Assert.Equal("Required before the legality submission: Risk controllable before the decision (Not controllable: revise the draft and reassess.).",
            refusal.TextIn(TextCatalog.English));
    }
}
