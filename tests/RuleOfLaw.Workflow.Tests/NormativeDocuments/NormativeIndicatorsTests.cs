using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Record.Indicators;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>The normative figures as record indicators, and the report paragraph written only from what they show.</summary>
public sealed class NormativeIndicatorsTests
{
    private static readonly FilingFacts Good = new(Filed: true, Timely: true, Returned: false, Reviewed: true, Accepted: true);

    private static Dictionary<string, IndicatorFigure> Indicators(params IssuedDocumentFacts[] documents)
    {
        var figures = NormativeFigures.Compute(documents).ToDictionary(f => f.Name);
        return NormativeIndicators.All.ToDictionary(d => d.Id, d => NormativeIndicators.ToIndicator(d, figures[NormativeIndicators.FigureNames[d.Id]]));
    }

    [Fact]
    public void Every_indicator_names_a_figure_the_module_computes_and_cites_its_source()
    {
        var names = NormativeFigures.Compute([]).Select(f => f.Name).ToHashSet();
        Assert.All(NormativeIndicators.All, d =>
        {
            Assert.Contains(NormativeIndicators.FigureNames[d.Id], names);
            Assert.Equal(NormativeIndicators.Procedure, d.Procedure);
            Assert.False(string.IsNullOrWhiteSpace(d.LegalBasis));
        });
        Assert.Empty(NormativeIndicators.All.Select(d => d.Id).Intersect(MajorDecisionIndicators.All.Select(d => d.Id)));
    }

    [Fact]
    public void All_filed_in_time_without_return_reads_as_the_seeds_100_percent_sentence()
    {
        var figures = Indicators(new(Guid.NewGuid(), true, true, [Good]), new(Guid.NewGuid(), true, true, [Good, Good]));
        Assert.Equal((2L, true), (figures["normative-issued"].Value, figures["normative-filing-rate"].Met!.Value));
        var text = NormativeIndicators.ReportParagraph(figures);
        Assert.Equal("制发行政规范性文件2件，均实行统一登记、统一编号、统一印发；报备率、报备及时率、材料规范率均达到100%；备案审查通过率100%，合法性审核率100%。", text);
    }

    [Fact]
    public void A_late_filing_is_a_breach_of_the_legal_100_percent_and_the_report_states_each_rate_instead()
    {
        var late = Good with { Timely = false };
        var figures = Indicators(new(Guid.NewGuid(), true, true, [Good]), new(Guid.NewGuid(), true, true, [late]), new(Guid.NewGuid(), false, true, []));
        var timely = figures["normative-filing-timeliness-rate"];
        Assert.Equal((1L, 2L, 50m, false, 1L), (timely.Value, timely.Of!.Value, timely.Percent!.Value, timely.Met!.Value, timely.Breaking));
        var legality = figures["normative-legality-review-rate"];
        Assert.Equal((2L, 3L, false), (legality.Value, legality.Of!.Value, legality.Met!.Value));
        var text = NormativeIndicators.ReportParagraph(figures)!;
        Assert.DoesNotContain("均达到100%", text);
        Assert.Contains("报备率66.7%（应报备3件，已报备2件），报备及时率50%，材料规范率100%", text);
        Assert.Contains("合法性审核率66.7%", text);
    }

    [Fact]
    public void A_year_without_documents_says_so_and_no_rate_claims_100_percent()
    {
        Assert.Equal("本年度未制发行政规范性文件。", NormativeIndicators.ReportParagraph(Indicators()));
        Assert.Null(NormativeIndicators.ReportParagraph(new Dictionary<string, IndicatorFigure>()));
    }
}
