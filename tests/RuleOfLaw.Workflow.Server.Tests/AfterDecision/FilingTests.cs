using System.Net;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.AfterDecision;

/// <summary>
/// Filing per recipient (第四十三条 and the jurisdiction's rules), with the worked example of the shared document: issued
/// on 2026-09-16, "within 15 days" ends on 10-01, a holiday running to 10-07, so the deadline is 2026-10-08. The demo
/// county (default jurisdiction, one recipient) and the demo city (example-province: two recipients, 15 and 30 days)
/// side by side.
/// </summary>
public sealed class FilingTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 9, 16, 1, 0, 0, TimeSpan.Zero); // 09:00 in Beijing

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Each_recipient_has_its_own_deadline_after_issuance_and_lateness_is_counted_in_days(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var county = await DecisionScenario.ToSchedulingAsync(driver);
        // After the county matter is created: the county users then also act in the city (the city has one demo user).
        await driver.MirrorCountyRolesInCityAsync();
        var city = await DecisionScenario.ToSchedulingAsync(driver, matterId: (await driver.CreateMatterAsync("示范市停车收费调整", user: "citydrafter")).Id);
        driver.MoveClockTo(IssuedAt);
        foreach (var id in new[] { county.Id, city.Id })
        {
            await driver.CompleteAsync(id, "meeting-scheduling", "scheduled");
            await driver.CompleteAsync(id, "collective-decision", "approved");
            await driver.CompleteAsync(id, "party-committee-report", "reported");
        }
        var secretary = await driver.As("secretary");

        var countyFilings = await secretary.GetAsync($"/api/matters/{county.Id}/filings").ExpectAsync<List<FilingView>>(HttpStatusCode.OK, server);
        var only = Assert.Single(countyFilings);
        Assert.Equal(("higher-government", new DateOnly(2026, 9, 16), new DateOnly(2026, 10, 8), "pending"), (only.RecipientId, only.IssuedOn, only.DueOn!.Value, only.Status));
        Assert.Contains("顺延", only.DueRule);
        var cityFilings = await secretary.GetAsync($"/api/matters/{city.Id}/filings").ExpectAsync<List<FilingView>>(HttpStatusCode.OK, server);
        Assert.Equal(
            [("higher-government", new DateOnly(2026, 10, 8)), ("people-congress-standing-committee", new DateOnly(2026, 10, 16))],
            cityFilings.Select(f => (f.RecipientId, f.DueOn!.Value)));
        Assert.Contains("示范省", cityFilings[1].Article);

        // The filing step cannot be completed before every recipient is filed.
        var countyTask = await driver.OpenTaskAsync(county.Id, "filing");
        var incomplete = await driver.CompleteRawAsync("secretary", countyTask.Id, "filed").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("filing-incomplete", "第四十三条"), (incomplete.Code, incomplete.Article));

        // 10-08: the city files with the higher government on the last day.
        driver.MoveClockTo(new DateTimeOffset(2026, 10, 8, 1, 0, 0, TimeSpan.Zero));
        secretary = await driver.As("secretary");
        var onTime = await secretary.PostJsonAsync($"/api/matters/{city.Id}/filings", new { recipientId = "higher-government", submittedOn = "2026-10-08" })
            .ExpectAsync<FilingView>(HttpStatusCode.Created, server);
        Assert.Equal((true, 0), (onTime.OnTime, onTime.DaysLate));
        var cityTask = await driver.OpenTaskAsync(city.Id, "filing");
        var stillMissing = await driver.CompleteRawAsync("secretary", cityTask.Id, "filed").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("filing-incomplete", stillMissing.Code);
        Assert.Contains("本级人民代表大会常务委员会", stillMissing.Detail);
        Assert.DoesNotContain("上一级人民政府", stillMissing.Detail);
        var overdue = await secretary.GetAsync($"/api/matters/{county.Id}/filings").ExpectAsync<List<FilingView>>(HttpStatusCode.OK, server);
        Assert.Equal("pending", overdue.Single().Status);

        // 10-10: the county files two days late; the city's standing committee (due 10-16) is on time.
        driver.MoveClockTo(new DateTimeOffset(2026, 10, 10, 1, 0, 0, TimeSpan.Zero));
        secretary = await driver.As("secretary");
        Assert.Equal("overdue", (await secretary.GetAsync($"/api/matters/{county.Id}/filings").ExpectAsync<List<FilingView>>(HttpStatusCode.OK, server)).Single().Status);
        var late = await secretary.PostJsonAsync($"/api/matters/{county.Id}/filings",
                new { recipientId = "higher-government", submittedOn = "2026-10-10", receiptNumber = "备2026-118", receivedOn = "2026-10-10" })
            .ExpectAsync<FilingView>(HttpStatusCode.Created, server);
        Assert.Equal((false, 2, "备2026-118", "filed"), (late.OnTime, late.DaysLate, late.ReceiptNumber, late.Status));
        var twice = await secretary.PostJsonAsync($"/api/matters/{county.Id}/filings", new { recipientId = "higher-government", submittedOn = "2026-10-09" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-filed", twice.Code);
        var future = await secretary.PostJsonAsync($"/api/matters/{city.Id}/filings", new { recipientId = "people-congress-standing-committee", submittedOn = "2026-10-11" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("date-in-future", future.Code);
        var unknown = await secretary.PostJsonAsync($"/api/matters/{county.Id}/filings", new { recipientId = "people-congress-standing-committee", submittedOn = "2026-10-10" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-recipient", unknown.Code);
        await secretary.PostJsonAsync($"/api/matters/{city.Id}/filings", new { recipientId = "people-congress-standing-committee", submittedOn = "2026-10-10" })
            .ExpectAsync(HttpStatusCode.Created, server);

        // The receipt can follow the submission.
        var receipt = await secretary.PostJsonAsync($"/api/matters/{city.Id}/filings/higher-government/receipt", new { receiptNumber = "省备-77", receivedOn = "2026-10-09" })
            .ExpectAsync<FilingView>(HttpStatusCode.OK, server);
        Assert.Equal(("省备-77", new DateOnly(2026, 10, 9)), (receipt.ReceiptNumber, receipt.ReceivedOn!.Value));

        await driver.CompleteRawAsync("secretary", countyTask.Id, "filed").ExpectAsync(HttpStatusCode.OK, server);
        await driver.CompleteRawAsync("secretary", cityTask.Id, "filed").ExpectAsync(HttpStatusCode.OK, server);

        var countyReport = await ComplianceLinesAsync(driver, county.Id);
        Assert.Equal("unmet", countyReport["filing:higher-government"].Status);
        Assert.Contains("逾期2日", countyReport["filing:higher-government"].Detail);
        var cityReport = await ComplianceLinesAsync(driver, city.Id);
        Assert.Equal(("met", "met"), (cityReport["filing:higher-government"].Status, cityReport["filing:people-congress-standing-committee"].Status));
        var journal = await driver.JournalAsync(city.Id);
        Assert.Equal(2, journal.Count(e => e.Type == "FilingSubmitted"));
        Assert.Single(journal, e => e.Type == "FilingReceiptRecorded");
    }

    internal static async Task<Dictionary<string, (string Status, string? Detail)>> ComplianceLinesAsync(ProcedureDriver driver, Guid matterId)
    {
        using var response = await (await driver.As("drafter")).GetAsync($"/api/matters/{matterId}/compliance");
        await response.ExpectAsync(HttpStatusCode.OK, driver.Server);
        var json = await response.ReadJsonAsync();
        return json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!,
            i => (i.GetProperty("status").GetString()!, i.TryGetProperty("detail", out var d) ? d.GetString() : null), StringComparer.Ordinal);
    }
}
