using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>Clean-ups (Notice 37 “谁制定谁清理”, results published): scope, opening, and the results among the figures.</summary>
public sealed class CleanupRulesTests
{
    private static readonly Guid Bureau = Guid.NewGuid();
    private static readonly Guid Office = Guid.NewGuid();

    [Fact]
    public void A_clean_up_names_its_subject_and_a_range_of_years()
    {
        Assert.Empty(CleanupRules.CheckScope(new CleanupScope("2026年度行政规范性文件全面清理", null, 2021, 2026, null)));
        var refusals = CleanupRules.CheckScope(new CleanupScope(" ", null, 2026, 2021, null));
        Assert.Equal(["cleanup-subject-required", "cleanup-years-invalid"], refusals.Select(r => r.Code));
        Assert.All(refusals, r => Assert.Contains("谁制定谁清理", r.Article));
        Assert.Equal(("2026", "2021"), (refusals[1].Arg("from"), refusals[1].Arg("to")));
    }

    [Fact]
    public void The_scope_is_the_documents_in_force_of_the_issuer_years_and_subject()
    {
        var inForce = new CleanupCandidate(Guid.NewGuid(), Bureau, "示范县政府投资项目管理办法", new DateOnly(2024, 5, 1), true);
        var lapsed = inForce with { Id = Guid.NewGuid(), InForce = false };
        var otherIssuer = inForce with { Id = Guid.NewGuid(), IssuerId = Office };
        var tooOld = inForce with { Id = Guid.NewGuid(), IssuedOn = new DateOnly(2020, 12, 31) };
        var otherSubject = inForce with { Id = Guid.NewGuid(), Title = "示范县农村集体资产管理办法" };
        var all = new[] { inForce, lapsed, otherIssuer, tooOld, otherSubject };

        Assert.Equal([inForce.Id, otherIssuer.Id, otherSubject.Id], CleanupRules.InScope(new CleanupScope("全面清理", null, 2021, 2026, null), all).Select(d => d.Id));
        Assert.Equal([inForce.Id, otherSubject.Id], CleanupRules.InScope(new CleanupScope("全面清理", Bureau, 2021, 2026, " "), all).Select(d => d.Id));
        Assert.Equal([inForce.Id], CleanupRules.InScope(new CleanupScope("投资领域专项清理", Bureau, 2021, 2026, "投资"), all).Select(d => d.Id));
    }

    [Fact]
    public void Nothing_in_scope_or_a_document_in_another_open_clean_up_refuses_the_opening()
    {
        Assert.Equal("cleanup-scope-empty", CleanupRules.CheckOpening(0, [])?.Code);
        var overlap = CleanupRules.CheckOpening(2, ["XFGGS—2026—1"]);
        Assert.Equal("cleanup-overlap", overlap?.Code);
        Assert.Contains("XFGGS—2026—1", overlap!.Message);
        Assert.Null(CleanupRules.CheckOpening(2, []));
    }

    [Fact]
    public void Repeal_and_declare_invalid_end_a_document_continue_and_amend_do_not()
    {
        Assert.True(CleanupResults.Ends(CleanupResults.Repeal));
        Assert.True(CleanupResults.Ends(CleanupResults.DeclareInvalid));
        Assert.False(CleanupResults.Ends(CleanupResults.Continue));
        Assert.False(CleanupResults.Ends(CleanupResults.Amend));
    }

    [Fact]
    public void The_seed_clean_up_26_documents_17_continue_9_repealed_drills_down_to_its_documents()
    {
        // “清理规范性文件26件，确认继续有效17件，宣布废止9件”.
        var results = Enumerable.Range(0, 26).Select(i => new CleanupResultFacts(Guid.NewGuid(), i < 17 ? CleanupResults.Continue : CleanupResults.Repeal)).ToList();
        var figures = NormativeFigures.CleanupResultFigures(results).ToDictionary(f => f.Name);

        Assert.Equal((26, 26), (figures["cleanup-documents"].Numerator, figures["cleanup-documents"].Denominator));
        Assert.Equal((17, 26, 65.4m), (figures["cleanup-continue"].Numerator, figures["cleanup-continue"].Denominator, figures["cleanup-continue"].Rate));
        Assert.Equal(results.Skip(17).Select(r => r.DocumentId), figures["cleanup-repeal"].NumeratorDocuments);
        Assert.Equal((0, 0), (figures["cleanup-amend"].Numerator, figures["cleanup-declare-invalid"].Numerator));
        Assert.All(NormativeFigures.CleanupResultFigures([]), f => Assert.Null(f.Rate));
    }
}
