using System.Net;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Record.Indicators;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>
/// The indicators (issue 15 item 2) against <see cref="SeededYear"/>, whose right answers are counted by hand below,
/// on SQLite and PostgreSQL: the figures, the department filter, the local-year boundaries, the drill-down to matters
/// and journal entries, the lists of matters breaking a 100 % rule, and who may see them.
/// </summary>
public sealed class IndicatorTests
{
    /// <summary>(value, of) by hand from SeededYear: decided 2026 = M1, M2 (00:30 on 1 Jan local), M3 (23:59 on 31 Dec), M8.</summary>
    private static readonly Dictionary<string, (long Value, long? Of, decimal? Percent, bool? Met, long Breaking)> County2026 = new()
    {
        ["matters-started"] = (5, null, null, null, 0),            // M1, M3, M4, M5, M8 (00:30 on 1 Jan local); not M2 (2025), not M6 (the city)
        ["matters-decided"] = (4, null, null, null, 0),            // M1, M2, M3, M8; not M4 (1 Jan 2027 local), M5 (not approved), M6
        ["catalogue-execution-rate"] = (0, 0, null, true, 0),     // no catalogue in the seeded year (CatalogueTests covers it)
        ["public-participation-rate"] = (2, 3, 66.7m, false, 1),   // M2 skipped it; M8 missed it
        ["expert-argumentation-rate"] = (2, 2, 100m, true, 0),     // M2, M3 required and done; M1, M8 skipped
        ["risk-assessment-rate"] = (1, 2, 50m, false, 1),          // M3 done, M2 missed it
        ["legality-review-rate"] = (3, 4, 75m, false, 1),          // M8 missed it
        ["counsel-participation-rate"] = (2, 4, 50m, false, 0),    // M1, M3; a target, not a legal 100 %
        ["publication-rate"] = (2, 3, 66.7m, false, 1),            // M2 skipped (not disclosable); M8 missed it
        ["archiving-rate"] = (2, 4, 50m, false, 2),                // M2, M8 not archived
        ["comments-received"] = (4, null, null, null, 0),          // c1-c4; c5 came at 23:00 on 31 Dec 2025 local
        ["comments-answered"] = (3, null, null, null, 0),          // c1 by itself, c2 and c3 by their group
        ["comments-adopted"] = (1, null, null, null, 0),           // c1
        ["hearings-held"] = (1, null, null, null, 0),              // M1's; M3's called off, M2's in 2025
        ["expert-opinions-signed"] = (2, null, null, null, 0),     // M3's two; M2's in 2025, M6's the city's
        ["evaluations-started"] = (2, null, null, true, 0),        // M1, M3 against the default jurisdiction's 2
        ["evaluations-completed"] = (1, null, null, null, 0),      // M1
        ["filing-on-time-rate"] = (2, 3, 66.7m, false, 1),         // M1's people's congress filing 3 days late; M2's issued in 2025
        // No normative document in the seeded year (NormativeIndicatorTests covers them): nothing to divide by, nothing broken.
        ["normative-issued"] = (0, null, null, null, 0),
        ["normative-filing-rate"] = (0, 0, null, true, 0),
        ["normative-filing-timeliness-rate"] = (0, 0, null, true, 0),
        ["normative-material-conformity-rate"] = (0, 0, null, true, 0),
        ["normative-review-pass-rate"] = (0, 0, null, null, 0),
        ["normative-legality-review-rate"] = (0, 0, null, true, 0),
    };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_figures_of_a_seeded_year_equal_the_hand_count_and_drill_down_to_the_matters_that_break_them(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        var seeded = await server.WithDatabaseAsync(SeededYear.WriteAsync);
        var chief = await server.SignInAsync("chief");

        var report = await chief.GetAsync("/api/record/indicators?organId=demo-county&year=2026").ExpectAsync<IndicatorReport>(HttpStatusCode.OK, server);
        Assert.Equal(County2026.Keys.Order(), report.Indicators.Select(i => i.Definition.Id).Order());
        foreach (var view in report.Indicators)
        {
            var expected = County2026[view.Definition.Id];
            var f = view.Figure;
            Assert.True(expected == (f.Value, f.Of, f.Percent, f.Met, f.Breaking), $"{view.Definition.Id}: expected {expected}, got {(f.Value, f.Of, f.Percent, f.Met, f.Breaking)}");
            Assert.False(string.IsNullOrWhiteSpace(view.Definition.Definition));
            // A major-decision figure cites the Regulation's article; a normative one the State Council notice (no articles).
            Assert.Contains(view.Definition.Procedure == NormativeIndicators.Procedure ? "国办发〔2018〕" : "第", view.Definition.LegalBasis);
        }
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), report.From);

        // One department: M1, M2, M8 decided; legality 2 of 3; M1's filings only.
        var drc = await chief.GetAsync("/api/record/indicators?organId=demo-county&year=2026&departmentId=demo-county-drc").ExpectAsync<IndicatorReport>(HttpStatusCode.OK, server);
        var byId = drc.Indicators.ToDictionary(i => i.Definition.Id, i => i.Figure);
        Assert.Equal((4L, 3L), (byId["matters-started"].Value, byId["matters-decided"].Value));
        Assert.Equal((2L, (long?)3L), (byId["legality-review-rate"].Value, byId["legality-review-rate"].Of));
        Assert.Equal((1L, (long?)2L), (byId["filing-on-time-rate"].Value, byId["filing-on-time-rate"].Of));
        Assert.Equal((0L, 1L), (byId["expert-opinions-signed"].Value, byId["evaluations-started"].Value));

        // The next year: M4, approved at 00:10 on 1 January 2027 local time.
        var next = await chief.GetAsync("/api/record/indicators?organId=demo-county&year=2027").ExpectAsync<IndicatorReport>(HttpStatusCode.OK, server);
        Assert.Equal(1, next.Indicators.Single(i => i.Definition.Id == "matters-decided").Figure.Value);

        // Drill-down: the legality figure's matters, M8 breaking it, each counted one with the journal entries behind it.
        var legality = await chief.GetAsync("/api/record/indicators/legality-review-rate/matters?organId=demo-county&year=2026")
            .ExpectAsync<IndicatorDrillDown>(HttpStatusCode.OK, server);
        Assert.Equal(["2026-9001", "2026-9002", "2026-9003", "2026-9008"], legality.Matters.Select(m => m.Number));
        Assert.Equal([seeded.M8], legality.Matters.Where(m => m.Breaks).Select(m => m.MatterId));
        foreach (var row in legality.Matters.Where(m => m.Counted))
        {
            Assert.Equal(2, row.JournalSequences.Count);
            var entries = await server.WithDatabaseAsync(db => Task.FromResult(db.Journal
                .Where(j => j.InstanceId == row.MatterId).ToList().Where(j => row.JournalSequences.Contains(j.Sequence)).Select(j => (j.Type, j.StepId)).ToList()));
            Assert.Equal([("TaskCompleted", "legality-review"), ("TaskCompleted", "collective-decision")], entries.OrderBy(e => e.StepId == "collective-decision"));
        }
        var archiving = await chief.GetAsync("/api/record/indicators/archiving-rate/matters?organId=demo-county&year=2026").ExpectAsync<IndicatorDrillDown>(HttpStatusCode.OK, server);
        Assert.Equal([seeded.M2, seeded.M8], archiving.Matters.Where(m => m.Breaks).Select(m => m.MatterId));
        var risk = await chief.GetAsync("/api/record/indicators/risk-assessment-rate/matters?organId=demo-county&year=2026").ExpectAsync<IndicatorDrillDown>(HttpStatusCode.OK, server);
        Assert.Equal((2, seeded.M2), (risk.Matters.Count, risk.Matters.Single(m => m.Breaks).MatterId));
        var filings = await chief.GetAsync("/api/record/indicators/filing-on-time-rate/matters?organId=demo-county&year=2026").ExpectAsync<IndicatorDrillDown>(HttpStatusCode.OK, server);
        Assert.Equal(("people-congress", seeded.M1), (filings.Matters.Single(m => m.Breaks).Note, filings.Matters.Single(m => m.Breaks).MatterId));
        var comments = await chief.GetAsync("/api/record/indicators/comments-answered/matters?organId=demo-county&year=2026").ExpectAsync<IndicatorDrillDown>(HttpStatusCode.OK, server);
        Assert.Equal((seeded.M1, "3"), (comments.Matters.Single().MatterId, comments.Matters.Single().Note));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Only_the_supervising_bodies_see_the_figures_and_bad_requests_are_refused(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        const string url = "/api/record/indicators?organId=demo-county&year=2026";
        // The justice office's reviewer and a member of the government may; the drafting officer and the city's drafter may not.
        await (await server.SignInAsync("reviewer")).GetAsync(url).ExpectAsync(HttpStatusCode.OK, server);
        await (await server.SignInAsync("member")).GetAsync(url).ExpectAsync(HttpStatusCode.OK, server);
        var drafter = await server.SignInAsync("drafter");
        var refused = await drafter.GetAsync(url).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(("forbidden", "第三十八条至第四十一条"), (refused.Code, refused.Article));
        await drafter.GetAsync("/api/record/indicators/legality-review-rate/matters?organId=demo-county&year=2026").ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await server.SignInAsync("citydrafter")).GetAsync(url).ReadProblemAsync(HttpStatusCode.Forbidden);

        var chief = await server.SignInAsync("chief");
        Assert.Equal("invalid-year", (await chief.GetAsync("/api/record/indicators?organId=demo-county&year=1999").ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("invalid-department", (await chief.GetAsync($"{url}&departmentId=demo-city-drc").ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        await chief.GetAsync("/api/record/indicators?organId=demo-county-drc&year=2026").ReadProblemAsync(HttpStatusCode.NotFound);
        await chief.GetAsync("/api/record/indicators/no-such-indicator/matters?organId=demo-county&year=2026").ReadProblemAsync(HttpStatusCode.NotFound);
        // With nothing recorded, every share with a requirement is met with no rate, and nothing breaks; a share with no
        // requirement (the filing review pass rate) has no rate and no verdict.
        var empty = await chief.GetAsync(url).ExpectAsync<IndicatorReport>(HttpStatusCode.OK, server);
        Assert.All(empty.Indicators.Where(i => i.Figure.Of is not null), i => Assert.Equal(
            (0L, (decimal?)null, i.Definition.Requirement == IndicatorRequirement.Count ? null : true), (i.Figure.Breaking, i.Figure.Percent, i.Figure.Met)));
    }
}
