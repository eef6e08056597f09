using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// The normative-document portal on a phone, without signing in: the current-documents catalogue after a clean-up
/// (the repealed document is gone from it), a document's full text, a refused and then an accepted review suggestion,
/// the published clean-up results; in Chinese and English, each page through the WCAG AA check.
/// </summary>
public sealed class NormativePortalBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task A_citizen_finds_the_documents_in_force_reads_one_and_submits_a_review_suggestion_and_sees_the_clean_up_results_and_the_issuing_entities()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuerId = await api.ListBureauAsync();
        var kept = await api.InsertSignedAsync(issuerId, title: "示范县政府投资项目管理办法");
        var repealed = await api.InsertSignedAsync(issuerId, title: "示范县价格监测管理办法");
        await api.PublishAsync(kept);
        await api.PublishAsync(repealed);
        var cleanup = await api.PostAsync("admin", "/api/normative-cleanups",
            new { governmentId = NormativeApi.Government, subject = "2026年度行政规范性文件全面清理", fromYear = 2026, toYear = 2026 }, System.Net.HttpStatusCode.Created);
        var url = $"/api/normative-cleanups/{cleanup.GetProperty("id").GetGuid()}";
        await api.PostAsync("drafter", $"{url}/documents/{kept}/result", new { result = CleanupResults.Continue, reason = "符合上位法，继续有效。" });
        await api.PostAsync("drafter", $"{url}/documents/{repealed}/result", new { result = CleanupResults.Repeal, reason = "上位法已废止。" });
        await api.PostAsync("reviewer", $"{url}/approval", null);
        await api.PostAsync("reviewer", $"{url}/publication", null);

        var page = await fixture.NewPageAsync(server, 390, 844);
        var violations = new List<string>();
        await page.GotoAsync("/public");
        await page.ClickAsync("a[href='/public/normative-documents']");
        await page.WaitForSelectorAsync("#catalogue");
        Assert.Equal([kept.ToString()], await page.Locator("#catalogue tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.document)"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the catalogue scrolls sideways on a phone");
        violations.AddRange(await CheckCurrentAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "normative-catalogue");

        await page.ClickAsync($"a[href='/public/normative-documents/{kept}']");
        await page.WaitForSelectorAsync("#suggestion-form");
        Assert.Equal("示范县政府投资项目管理办法", (await page.TextContentAsync("h1"))!.Trim());
        Assert.Equal("第一条 ……", (await page.TextContentAsync("#full-text p"))!.Trim());
        Assert.Equal("现行有效", (await page.TextContentAsync("#document-status"))!.Trim());

        // Nothing typed: the service's refusal with the API's status, next to the field, nothing written.
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#submit-suggestion"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/review-suggestions", StringComparison.Ordinal));
        Assert.Equal(422, refused.Status);
        await page.WaitForSelectorAsync("#Name-error");
        Assert.Contains("审查建议须填写姓名", await page.TextContentAsync("#Name-error"));
        Assert.Equal("true", await page.GetAttributeAsync("#Name", "aria-invalid"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeReviewSuggestion>().CountAsync()));
        violations.AddRange(await CheckCurrentAsync(page));

        await page.FillAsync("#Name", "王某");
        await page.FillAsync("#Text", "第八条增设的备案要求没有上位法依据，建议审查。");
        await page.ClickAsync("#submit-suggestion");
        await page.WaitForSelectorAsync("#receipt-number");
        var receipt = (await page.TextContentAsync("#receipt-number"))!.Trim();
        Assert.StartsWith("SJ2026", receipt);
        var row = await server.WithDatabaseAsync(db => db.Set<NormativeReviewSuggestion>().SingleAsync());
        Assert.Equal((kept, receipt, "王某"), (row.DocumentId, row.Receipt, row.SubmitterName));
        violations.AddRange(await CheckCurrentAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "normative-suggestion-receipt");

        await page.GotoAsync("/public/normative-cleanups");
        Assert.Equal("repeal", await page.GetAttributeAsync($"tr[data-document='{repealed}']", "data-result"));
        Assert.Contains("清理文件2件：继续有效1件，修改0件，废止1件，宣布失效0件。", await page.TextContentAsync(".cleanup-summary"));
        violations.AddRange(await CheckCurrentAsync(page));
        await page.ClickAsync($"a[href='/public/normative-documents/{repealed}']");
        await page.WaitForSelectorAsync("#document-status");
        Assert.Equal("已废止", (await page.TextContentAsync("#document-status"))!.Trim());

        // The issuing-entity list, from the portal's start page, on a phone's width.
        await page.GotoAsync("/public");
        await page.ClickAsync("a[href='/public/normative-issuers']");
        await page.WaitForSelectorAsync($"tr[data-issuer='{issuerId}']");
        Assert.Contains("XFG", await page.TextContentAsync($"tr[data-issuer='{issuerId}']"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the issuing-entity list scrolls sideways on a phone");
        violations.AddRange(await CheckCurrentAsync(page));

        await page.GotoAsync("/lang/en?returnUrl=/public/normative-documents");
        await page.WaitForSelectorAsync("#catalogue");
        Assert.Equal("Catalogue of normative documents in force", (await page.TextContentAsync("h1"))!.Trim());
        violations.AddRange(await CheckCurrentAsync(page));
        await page.GotoAsync("/public/normative-cleanups");
        Assert.Contains("2 documents cleaned up: 1 continue", await page.TextContentAsync(".cleanup-summary"));
        Assert.Equal("Repeal", (await page.TextContentAsync($"tr[data-document='{repealed}'] td:nth-child(4)"))!.Trim());
        violations.AddRange(await CheckCurrentAsync(page));
        await page.GotoAsync("/public/normative-issuers");
        Assert.Contains("Government department", await page.TextContentAsync($"tr[data-issuer='{issuerId}']"));
        violations.AddRange(await CheckCurrentAsync(page));
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }

    private static async Task<IEnumerable<string>> CheckCurrentAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        var path = new Uri(page.Url).PathAndQuery;
        return result.Violations.Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}");
    }
}
