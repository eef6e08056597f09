using System.Net;
using System.Text.Json;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// A clean-up (清理, Notice 37 “谁制定谁清理”) through the API: opened with a scope, a result with a reason per
/// document from its issuer, approved and published by the justice office; the current-documents catalogue then lists
/// exactly the documents in force, the histories say what happened, and the figures count the results.
/// </summary>
public sealed class CleanupTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_clean_up_ends_the_repealed_and_invalid_documents_and_the_catalogue_shows_exactly_those_in_force(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuerId = await api.ListBureauAsync();
        var kept = await api.InsertSignedAsync(issuerId, title: "示范县政府投资项目管理办法");
        var repealed = await api.InsertSignedAsync(issuerId, title: "示范县价格监测管理办法");
        var invalid = await api.InsertSignedAsync(issuerId, title: "示范县粮食收购资格审核办法");
        foreach (var id in new[] { kept, repealed, invalid })
        {
            await api.PublishAsync(id); // issued and in force from Mon 2026-03-02
        }
        var portal = server.CreateAnonymousClient();
        async Task<List<Guid>> CurrentAsync() =>
            (await portal.GetAsync($"/api/public/normative-documents?governmentId={NormativeApi.Government}").ExpectAsync<JsonElement>(HttpStatusCode.OK))
                .EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).Order().ToList();
        Assert.Equal(new[] { kept, repealed, invalid }.Order(), await CurrentAsync());

        // Bad input and the wrong person: refused, nothing written.
        var admin = await driver.As("admin");
        var bad = await admin.PostJsonAsync("/api/normative-cleanups", new { governmentId = NormativeApi.Government, subject = " ", fromYear = 2026, toYear = 2021 })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["cleanup-subject-required", "cleanup-years-invalid"], bad.Json.GetProperty("refusals").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Contains("谁制定谁清理", bad.Article);
        var scope = new { governmentId = NormativeApi.Government, subject = "2026年度行政规范性文件全面清理", issuerId, fromYear = 2021, toYear = 2026, titleKeyword = (string?)null };
        var notAdmin = await (await driver.As("drafter")).PostJsonAsync("/api/normative-cleanups", scope).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("normative-forbidden", notAdmin.Code);
        var empty = await admin.PostJsonAsync("/api/normative-cleanups", scope with { fromYear = 2020, toYear = 2025 }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("cleanup-scope-empty", empty.Code);
        Assert.Empty((await api.GetAsync("admin", "/api/normative-cleanups")).EnumerateArray());

        var opened = await admin.PostJsonAsync("/api/normative-cleanups", scope).ExpectAsync<JsonElement>(HttpStatusCode.Created, server);
        Assert.Equal("open", opened.GetProperty("status").GetString());
        Assert.Equal(3, opened.GetProperty("items").GetArrayLength());
        var url = $"/api/normative-cleanups/{opened.GetProperty("id").GetGuid()}";
        var overlap = await admin.PostJsonAsync("/api/normative-cleanups", scope with { subject = "投资领域专项清理" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("cleanup-overlap", overlap.Code);
        Assert.Contains("XFGGS—2026—1", overlap.Detail);

        var incomplete = await (await driver.As("reviewer")).PostJsonAsync($"{url}/approval", null).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("cleanup-incomplete", "3"), (incomplete.Code, incomplete.Json.GetProperty("refusals")[0].GetProperty("arguments").GetProperty("missing").ToString()));
        var drafter = await driver.As("drafter");
        var unknown = await drafter.PostJsonAsync($"{url}/documents/{kept}/result", new { result = "suspend", reason = "暂停执行" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("cleanup-result-unknown", unknown.Code);
        var noReason = await drafter.PostJsonAsync($"{url}/documents/{kept}/result", new { result = CleanupResults.Continue, reason = " " }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("cleanup-reason-required", noReason.Code);
        var notIssuer = await (await driver.As("reviewer")).PostJsonAsync($"{url}/documents/{kept}/result", new { result = CleanupResults.Repeal, reason = "x" })
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("normative-forbidden", notIssuer.Code);
        Assert.All((await api.GetAsync("admin", url)).GetProperty("items").EnumerateArray(), i => Assert.False(i.TryGetProperty("result", out _))); // nothing written

        await api.PostAsync("drafter", $"{url}/documents/{kept}/result", new { result = CleanupResults.Continue, reason = "符合上位法，继续有效。" });
        await api.PostAsync("drafter", $"{url}/documents/{repealed}/result", new { result = CleanupResults.Repeal, reason = "上位法已废止。" });
        await api.PostAsync("drafter", $"{url}/documents/{invalid}/result", new { result = CleanupResults.DeclareInvalid, reason = "调整对象已消失，宣布失效。" });
        var early = await (await driver.As("reviewer")).PostJsonAsync($"{url}/publication", null).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("normative-wrong-stage", early.Code);
        Assert.Equal("approved", (await api.PostAsync("reviewer", $"{url}/approval", null)).GetProperty("status").GetString());
        var late = await drafter.PostJsonAsync($"{url}/documents/{kept}/result", new { result = CleanupResults.Amend, reason = "x" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("normative-wrong-stage", late.Code);

        // Not on the portal before publication; repealed and invalid leave the catalogue on publication.
        Assert.Empty((await portal.GetAsync("/api/public/normative-cleanups").ExpectAsync<JsonElement>(HttpStatusCode.OK)).EnumerateArray());
        await portal.GetAsync($"/api/public{url["/api".Length..]}").ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(3, (await CurrentAsync()).Count);
        var published = await api.PostAsync("reviewer", $"{url}/publication", null);
        Assert.Equal(("published", 1, 1, 1), (published.GetProperty("status").GetString(), published.GetProperty("counts").GetProperty("continue").GetInt32(),
            published.GetProperty("counts").GetProperty("repeal").GetInt32(), published.GetProperty("counts").GetProperty("declare-invalid").GetInt32()));
        Assert.Equal([kept], await CurrentAsync());
        var list = Assert.Single((await portal.GetAsync($"/api/public/normative-cleanups?governmentId={NormativeApi.Government}").ExpectAsync<JsonElement>(HttpStatusCode.OK)).EnumerateArray());
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("documentId").GetGuid() == repealed && i.GetProperty("reason").GetString() == "上位法已废止。");
        var page = await portal.GetAsync($"/api/public/normative-documents/{repealed}").ExpectAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(("repealed", false), (page.GetProperty("status").GetString(), page.GetProperty("inForce").GetBoolean()));
        Assert.Equal(("invalid", "2026-03-02"), ((await api.GetAsync("drafter", $"/api/normative-documents/{invalid}")).GetProperty("status").GetString(),
            (await api.GetAsync("drafter", $"/api/normative-documents/{invalid}")).GetProperty("endedOn").GetString()));

        async Task<List<string?>> HistoryAsync(Guid id) =>
            (await api.GetAsync("drafter", $"/api/normative-documents/{id}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["registered", "published", "cleanup-opened", "cleanup-result", "cleanup-approved", "repealed"], await HistoryAsync(repealed));
        Assert.Equal(["registered", "published", "cleanup-opened", "cleanup-result", "cleanup-approved", "declared-invalid"], await HistoryAsync(invalid));
        Assert.Equal(["registered", "published", "cleanup-opened", "cleanup-result", "cleanup-approved", "cleanup-published"], await HistoryAsync(kept));

        // The figures count the results and drill down to their documents.
        var figures = (await api.GetAsync("reviewer", $"/api/normative-figures?governmentId={NormativeApi.Government}&year=2026")).GetProperty("figures")
            .EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal((3, 3), (figures["cleanup-documents"].GetProperty("numerator").GetInt32(), figures["cleanup-documents"].GetProperty("denominator").GetInt32()));
        Assert.Equal([kept], figures["cleanup-continue"].GetProperty("numeratorDocuments").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Equal([repealed], figures["cleanup-repeal"].GetProperty("numeratorDocuments").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Equal([invalid], figures["cleanup-declare-invalid"].GetProperty("numeratorDocuments").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Equal(0, figures["cleanup-amend"].GetProperty("numerator").GetInt32());
        Assert.Equal(0, (await api.GetAsync("reviewer", $"/api/normative-figures?governmentId={NormativeApi.Government}&year=2025")).GetProperty("figures")
            .EnumerateArray().Single(f => f.GetProperty("name").GetString() == "cleanup-documents").GetProperty("numerator").GetInt32());

        // The next clean-up covers only what is still in force; the published one no longer blocks it.
        var next = await admin.PostJsonAsync("/api/normative-cleanups", scope with { subject = "投资领域专项清理", titleKeyword = "投资" }).ExpectAsync<JsonElement>(HttpStatusCode.Created, server);
        Assert.Equal(kept, Assert.Single(next.GetProperty("items").EnumerateArray()).GetProperty("documentId").GetGuid());
    }
}
