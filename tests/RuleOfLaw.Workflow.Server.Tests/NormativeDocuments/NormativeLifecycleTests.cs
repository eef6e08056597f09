using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// A department document from drafting to lapse through the API: the review window (5 working days), the checklist,
/// the deliberation gate, "三统一" numbering, publication, the expiry reminder and the automatic lapse on the timers.
/// </summary>
public sealed class NormativeLifecycleTests
{
    private static DateTimeOffset Beijing9(int year, int month, int day) => new(year, month, day, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_document_runs_from_drafting_to_publication_reminder_and_lapse(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuerId = await api.ListBureauAsync();
        var id = await api.DraftAsync(issuerId);
        var url = $"/api/normative-documents/{id}";

        // Notice 37: not reviewed → not on the department's office meeting's agenda (the meetings module asks the
        // document's compliance lines, each with its rule), and nothing is written.
        var meeting = await driver.CreateMeetingAsync(MeetingKinds.Office, organ: NormativeApi.Bureau, secretary: "deptsecretary");
        var unreviewed = await Unmet(driver, meeting.Id, id, "pending");
        Assert.Contains("严格落实集体审议制度", unreviewed.Article);

        // Submitted Mon 2026-03-02: the opinion may not come before the 5th working day, Mon 03-09; the 15th is 03-23.
        var submitted = await api.SubmitForReviewAsync(id);
        Assert.Equal(("in-review", "2026-03-09", "2026-03-23"), (submitted.GetProperty("status").GetString(),
            (await api.GetAsync("drafter", url)).GetProperty("reviewEarliestOn").GetString(), (await api.GetAsync("drafter", url)).GetProperty("reviewLatestOn").GetString()));
        var early = await (await driver.As("reviewer")).PostJsonAsync($"{url}/review-opinion", NormativeApi.Checklist()).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("review-minimum-not-elapsed", "2026-03-09"), (early.Code, early.Json.GetProperty("refusals")[0].GetProperty("arguments").GetProperty("earliest").GetString()));
        Assert.Contains("5个工作日", early.Article);

        driver.MoveClockTo(Beijing9(2026, 3, 9));
        var lawfulWithPenalty = await (await driver.As("reviewer")).PostJsonAsync($"{url}/review-opinion", NormativeApi.Checklist(yesItem: "creates-penalty"))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("checklist-forbids-lawful", lawfulWithPenalty.Code);
        Assert.False((await api.GetAsync("drafter", url)).TryGetProperty("reviewConclusion", out _)); // nothing written
        await api.PostAsync("reviewer", $"{url}/review-opinion", NormativeApi.Checklist(ReviewConclusions.Unlawful, "creates-penalty"));
        await Unmet(driver, meeting.Id, id, "unmet");

        // Revised and submitted again on Mon 03-09: a new window, earliest Mon 03-16.
        await api.PostAsync("drafter", $"{url}/review-submission", null);
        driver.MoveClockTo(Beijing9(2026, 3, 16));
        await api.PostAsync("reviewer", $"{url}/review-opinion", NormativeApi.Checklist());
        var tooSoon = await (await driver.As("reviewer")).PostJsonAsync($"{url}/registration", null).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("normative-wrong-stage", tooSoon.Code);
        // Version 3: the head's own record of the office meeting is refused; the meeting is the meetings module's.
        var byHead = await (await driver.As("drafthead")).PostJsonAsync($"{url}/deliberation", new { meetingDate = "2026-03-16", adopted = true, attendees = "李局长" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("deliberation-at-office-meeting", byHead.Code);
        await api.DeliberateAtOfficeMeetingAsync(id);
        Assert.Equal("deliberated", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());
        await api.PostAsync("drafthead", $"{url}/signature", null);
        var registered = await api.PostAsync("reviewer", $"{url}/registration", null);
        Assert.Equal(("XFGGS—2026—1", "示发改规〔2026〕1号", "2026-03-16"), (registered.GetProperty("registrationNumber").GetString(),
            registered.GetProperty("documentNumber").GetString(), registered.GetProperty("issuedOn").GetString()));

        var noText = await (await driver.As("reviewer")).PostJsonAsync($"{url}/publication", new { effectiveFrom = "2026-04-01", fullText = " " })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("full-text-required", noText.Code);
        var backdated = await (await driver.As("reviewer")).PostJsonAsync($"{url}/publication", new { effectiveFrom = "2026-03-01", fullText = "第一条" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("effective-before-issue", backdated.Code);
        var missing = await (await driver.As("reviewer")).PostJsonAsync($"/api/normative-documents/{Guid.NewGuid()}/publication", new { fullText = "第一条" })
            .ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("normative-not-found", missing.Code);
        var noHistory = await (await driver.As("reviewer")).GetAsync($"/api/normative-documents/{Guid.NewGuid()}/events")
            .ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("normative-not-found", noHistory.Code);
        var published = await api.PostAsync("reviewer", $"{url}/publication", new { effectiveFrom = "2026-04-01", fullText = "第一条 为规范政府投资行为……" });
        Assert.Equal(("2031-03-31", "2031-04-01", "2030-10-01"), (published.GetProperty("lastDayInForce").GetString(),
            published.GetProperty("lapsesOn").GetString(), published.GetProperty("reminderOn").GetString()));

        var portal = server.CreateAnonymousClient();
        async Task<List<string?>> CurrentAsync() =>
            (await portal.GetAsync($"/api/public/normative-documents?governmentId={NormativeApi.Government}").ExpectAsync<JsonElement>(HttpStatusCode.OK))
                .EnumerateArray().Select(d => d.GetProperty("registrationNumber").GetString()).ToList();
        Assert.Empty(await CurrentAsync()); // published, in force only from 04-01
        var full = await portal.GetAsync($"/api/public/normative-documents/{id}").ExpectAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal("第一条 为规范政府投资行为……", full.GetProperty("fullText").GetString());
        driver.MoveClockTo(Beijing9(2026, 4, 1));
        Assert.Equal(["XFGGS—2026—1"], await CurrentAsync());

        // Six months before expiry the issuer's head is mailed; on 2031-04-01 the document lapses by itself.
        driver.MoveClockTo(new DateTimeOffset(2030, 9, 30, 16, 0, 0, TimeSpan.Zero)); // 2030-10-01 00:00 Beijing
        await FireAsync(server, ExpiryReminderTimer.TimerKind, id);
        var reminder = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Kind == MailKinds.NormativeExpiry));
        // The mail links the page where the head decides.
        Assert.Contains($"/normative/documents/{id}/expiry-decision", reminder.Body);
        var decision = await (await driver.As("drafthead")).PostJsonAsync($"{url}/expiry-decision", new { decision = "extend" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("expiry-decision-unknown", decision.Code);
        await api.PostAsync("drafthead", $"{url}/expiry-decision", new { decision = ExpiryDecisions.Lapse, note = "上位法已修改，不再继续施行。" });
        Assert.Equal(["XFGGS—2026—1"], await CurrentAsync());

        driver.MoveClockTo(new DateTimeOffset(2031, 3, 31, 16, 0, 0, TimeSpan.Zero)); // 2031-04-01 00:00 Beijing
        // Past the last day in force there is nothing left to decide, even before the lapse timer has run (409, nothing written).
        var late = await (await driver.As("drafthead")).PostJsonAsync($"{url}/expiry-decision", new { decision = ExpiryDecisions.Continue })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("expiry-decision-after-expiry", late.Code);
        Assert.Contains("有效期最长不超过5年", late.Article);
        await FireAsync(server, LapseTimer.TimerKind, id);
        Assert.Empty(await CurrentAsync());
        Assert.Equal(("lapsed", "2031-04-01"), ((await api.GetAsync("drafter", url)).GetProperty("status").GetString(), (await api.GetAsync("drafter", url)).GetProperty("endedOn").GetString()));
        var events = (await api.GetAsync("drafter", $"{url}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["drafted", "submitted-for-review", "reviewed", "submitted-for-review", "reviewed", "deliberated", "signed", "registered", "published",
            "expiry-reminder", "expiry-decision", "lapsed"], events);
    }

    private static async Task FireAsync(ServerFactory server, string kind, Guid documentId)
    {
        var timerId = TimerIds.For(kind, documentId.ToString("N"));
        await using var scope = server.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(timerId, default);
        Assert.Equal(TimerFiring.Outcome.Fired, outcome);
    }

    /// <summary>
    /// Placing the document on the office meeting's agenda is refused with its review line (Notice 37) among the unmet
    /// gates, in <paramref name="status"/> (pending: not reviewed; unmet: found unlawful); no agenda item is written.
    /// </summary>
    private static async Task<ProblemBody> Unmet(ProcedureDriver driver, Guid meetingId, Guid id, string status)
    {
        var refused = await (await driver.As("deptsecretary")).PostJsonAsync($"/api/meetings/{meetingId}/agenda", new { matterId = id })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("agenda-gates-unmet", refused.Code);
        var review = refused.Json.GetProperty("unmet").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "normative:reviewed-lawful");
        Assert.Contains("未经合法性审核或者经审核不合法的，不得提交集体审议", review.GetProperty("article").GetString());
        Assert.Equal(status, review.GetProperty("status").GetString());
        Assert.Equal(0, await driver.Server.WithDatabaseAsync(db => db.Set<RuleOfLaw.Workflow.Server.Meetings.AgendaItem>().CountAsync()));
        return refused;
    }
}
