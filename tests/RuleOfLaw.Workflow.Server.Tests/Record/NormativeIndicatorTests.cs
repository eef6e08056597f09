using System.Net;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Record.Indicators;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>
/// The normative-document figures on the record (issue 15 item 2, "the normative-document figures plug in"): the same
/// numbers the module's own figures give, in the indicator report, its drill-down (the document breaking the filing
/// rule listed) and the department filter, on SQLite and PostgreSQL.
/// </summary>
public sealed class NormativeIndicatorTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Two_documents_one_filed_and_accepted_one_never_filed_give_filing_rate_50_and_list_the_unfiled_one(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var bureau = await api.ListBureauAsync();
        var filed = await api.InsertSignedAsync(bureau, title: "示范县政府投资项目管理办法");
        await api.PublishAsync(filed);
        var unfiled = await api.InsertSignedAsync(bureau, title: "示范县价格监测办法");
        await api.PublishAsync(unfiled);

        var filing = Assert.Single((await api.GetAsync("drafter", $"/api/normative-documents/{filed}/filings")).EnumerateArray());
        var url = $"/api/normative-filings/{filing.GetProperty("id").GetGuid()}";
        await api.PostAsync("drafter", $"{url}/submission", null);
        await api.PostAsync("reviewer", $"{url}/registration", null);
        await api.PostAsync("reviewer", $"{url}/review", new { result = FilingReviewResults.Accepted });

        var chief = await server.SignInAsync("chief");
        var report = await chief.GetAsync("/api/record/indicators?organId=demo-county&year=2026").ExpectAsync<IndicatorReport>(HttpStatusCode.OK, server);
        var figures = report.Indicators.Where(i => i.Definition.Procedure == NormativeIndicators.Procedure)
            .ToDictionary(i => i.Definition.Id, i => (i.Figure.Value, i.Figure.Of, i.Figure.Percent, i.Figure.Met, i.Figure.Breaking));
        // By hand: two registered in 2026; one filed (in time, no return, accepted); neither went through review or
        // deliberation in this shortcut (inserted signed), so the legality review rate has nothing to count.
        Assert.Equal(new Dictionary<string, (long, long?, decimal?, bool?, long)>
        {
            ["normative-issued"] = (2, null, null, null, 0),
            ["normative-filing-rate"] = (1, 2, 50m, false, 1),
            ["normative-filing-timeliness-rate"] = (1, 1, 100m, true, 0),
            ["normative-material-conformity-rate"] = (1, 1, 100m, true, 0),
            ["normative-review-pass-rate"] = (1, 1, 100m, null, 0),
            ["normative-legality-review-rate"] = (0, 0, null, true, 0),
        }, figures);

        // The module's own figures say the same.
        var own = (await api.GetAsync("reviewer", $"/api/normative-figures?governmentId={NormativeApi.Government}&year=2026")).GetProperty("figures")
            .EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => (f.GetProperty("numerator").GetInt32(), f.GetProperty("denominator").GetInt32()));
        Assert.Equal((1, 2), own["filing-rate"]);

        var drill = await chief.GetAsync("/api/record/indicators/normative-filing-rate/matters?organId=demo-county&year=2026")
            .ExpectAsync<IndicatorDrillDown>(HttpStatusCode.OK, server);
        Assert.Equal([(filed, true, false), (unfiled, false, true)],
            drill.Matters.Select(m => (m.MatterId, m.Counted, m.Breaks)).OrderBy(m => m.Breaks));
        Assert.All(drill.Matters, m => Assert.StartsWith("XFG", m.Number));

        // A department with no documents of its own sees none; the issuing bureau sees both.
        var other = await chief.GetAsync("/api/record/indicators?organId=demo-county&year=2026&departmentId=demo-county-justice").ExpectAsync<IndicatorReport>(HttpStatusCode.OK, server);
        Assert.Equal(0, other.Indicators.Single(i => i.Definition.Id == "normative-issued").Figure.Value);
        var drc = await chief.GetAsync($"/api/record/indicators?organId=demo-county&year=2026&departmentId={NormativeApi.Bureau}").ExpectAsync<IndicatorReport>(HttpStatusCode.OK, server);
        Assert.Equal(2, drc.Indicators.Single(i => i.Definition.Id == "normative-issued").Figure.Value);
    }
}
