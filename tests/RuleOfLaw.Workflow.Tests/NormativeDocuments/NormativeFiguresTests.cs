using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>The published figures: each rate computed from the record, each number with its documents.</summary>
public sealed class NormativeFiguresTests
{
    private static readonly FilingFacts Clean = new(Filed: true, Timely: true, Returned: false, Reviewed: true, Accepted: true);

    [Fact]
    public void Every_rate_divides_the_right_documents_and_names_them()
    {
        var a = new IssuedDocumentFacts(Guid.NewGuid(), true, true, [Clean, Clean]);
        var late = new IssuedDocumentFacts(Guid.NewGuid(), true, true, [Clean with { Timely = false, Returned = true }]);
        var corrected = new IssuedDocumentFacts(Guid.NewGuid(), true, true, [Clean with { Accepted = false }]);
        var unfiled = new IssuedDocumentFacts(Guid.NewGuid(), false, true, [Clean, Clean with { Filed = false, Timely = false, Reviewed = false, Accepted = false }]);
        var figures = NormativeFigures.Compute([a, late, corrected, unfiled]).ToDictionary(f => f.Name);

        Assert.Equal((4, 4), (figures["issued"].Numerator, figures["issued"].Denominator));
        Assert.Equal((3, 4, 75.0m), (figures["filing-rate"].Numerator, figures["filing-rate"].Denominator, figures["filing-rate"].Rate));
        Assert.DoesNotContain(unfiled.Id, figures["filing-rate"].NumeratorDocuments);
        Assert.Equal([a.Id, corrected.Id], figures["filing-timeliness-rate"].NumeratorDocuments);
        Assert.Equal([a.Id, corrected.Id], figures["material-conformity-rate"].NumeratorDocuments);
        Assert.Equal((2, 3), (figures["review-pass-rate"].Numerator, figures["review-pass-rate"].Denominator));
        Assert.Equal((3, 4, 75.0m), (figures["legality-review-rate"].Numerator, figures["legality-review-rate"].Denominator, figures["legality-review-rate"].Rate));
    }

    [Fact]
    public void Nothing_to_divide_by_is_no_rate_not_100_percent()
    {
        var figures = NormativeFigures.Compute([]);
        Assert.All(figures, f => Assert.Null(f.Rate));
    }
}
