using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// Normative documents in the states the officials' pages show them in, for the browser checks (CSP, WCAG): one drafted
/// whose review package still lacks the draft (the document page lists it above the request), one in legality
/// review (the opinion form), one reviewed and on its department's office meeting's agenda (the meeting page with the head's decision form), one registered (the
/// publication form), one published and filed (the recipient's inbox, the issuer's filings, the head's expiry decision) with a review suggestion, and an open
/// clean-up; and each role's pages (the administrator's: the clean-up form and the issuing-entity list).
/// </summary>
internal static class NormativeOfficialsStates
{
    public sealed record Pages(IReadOnlyList<string> Drafter, IReadOnlyList<string> Head, IReadOnlyList<string> Reviewer, IReadOnlyList<string> Admin, string ReviewOpinion);

    /// <remarks>Moves the test clock to Mon 2026-03-09 (the first day the review opinion may be given): sign in afterwards.</remarks>
    public static async Task<Pages> PrepareAsync(ProcedureDriver driver)
    {
        var api = new NormativeApi(driver);
        var issuer = await api.ListBureauAsync();
        var inReview = await api.DraftAsync(issuer, "示范县政府投资项目管理办法");
        var atMeeting = await api.DraftAsync(issuer, "示范县价格监测管理办法");
        // Drafted, its draft not uploaded yet: the document page names what the review package lacks.
        var lacking = await api.DraftAsync(issuer, "示范县行政事业性收费管理办法");
        foreach (var id in new[] { inReview, atMeeting })
        {
            await api.SubmitForReviewAsync(id);
        }
        driver.MoveClockTo(new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero));
        await api.PostAsync("reviewer", $"/api/normative-documents/{atMeeting}/review-opinion", NormativeApi.Checklist());
        // On the agenda of the bureau's office meeting (the meetings module, version 3), everyone present: the head's meeting page.
        await driver.CompleteAsync(atMeeting, RuleOfLaw.Workflow.NormativeDocuments.NormativeSteps.MeetingScheduling, "scheduled");
        var (officeMeeting, _) = await driver.ScheduledItemAsync(atMeeting, "deptsecretary");
        await driver.RecordAttendanceAsync(officeMeeting, secretary: "deptsecretary");
        var registered = await api.InsertSignedAsync(issuer, title: "示范县粮食收购管理办法");
        await api.PostAsync("reviewer", $"/api/normative-documents/{registered}/registration", null);
        var filed = await api.InsertSignedAsync(issuer, title: "示范县农村公路养护管理办法");
        await api.PublishAsync(filed);
        var filing = (await api.GetAsync("drafter", $"/api/normative-documents/{filed}/filings"))[0].GetProperty("id").GetGuid();
        await api.PostAsync("drafter", $"/api/normative-filings/{filing}/submission", null);
        using (var portal = driver.Server.CreateClient())
        {
            await portal.PostJsonAsync($"/api/public/normative-documents/{filed}/review-suggestions", new { name = "刘某", contact = "13800000000", text = "第八条增设许可条件。" })
                .ExpectAsync<System.Text.Json.JsonElement>(System.Net.HttpStatusCode.Created, driver.Server);
        }
        var cleanup = (await api.PostAsync("admin", "/api/normative-cleanups",
            new { governmentId = NormativeApi.Government, subject = "2026年度行政规范性文件全面清理", fromYear = 2026, toYear = 2026 },
            System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var opinion = $"/normative/documents/{inReview}/review-opinion";
        return new Pages(
            Drafter: ["/normative/documents", $"/normative/documents/{lacking}", $"/normative/documents/{inReview}", $"/normative/documents/{filed}", "/normative/figures", "/normative/filings/issued",
                $"/normative/cleanups/{cleanup}"],
            Head: [$"/normative/documents/{atMeeting}", $"/meetings/{officeMeeting}", $"/normative/documents/{filed}/expiry-decision"],
            Reviewer: ["/normative/justice", opinion, $"/normative/documents/{registered}/registration", "/normative/filings/received", "/normative/filings/review",
                "/normative/suggestions", "/normative/cleanups"],
            // The clean-up form with its issuing-entity choice, and the issuing-entity list.
            Admin: ["/normative/cleanups", "/normative/issuers"],
            ReviewOpinion: opinion);
    }
}
