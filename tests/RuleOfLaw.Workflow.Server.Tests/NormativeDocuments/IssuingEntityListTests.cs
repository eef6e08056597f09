using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>The issuing-entity list (制定主体清单) through the API, and the drafting refusals it gives (Notice 37).</summary>
public sealed class IssuingEntityListTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_list_is_kept_by_administrators_refuses_barred_kinds_and_is_published_on_the_portal(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var admin = await driver.As("admin");

        var barred = await admin.PostJsonAsync("/api/normative-issuers", new
        {
            governmentId = NormativeApi.Government, organizationId = NormativeApi.Bureau, name = "示范县营商环境建设领导小组", code = "YSLX",
            kind = IssuingEntityKinds.CoordinationBody, documentNumberPrefix = "示营",
        }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("issuer-kind-not-allowed", barred.Code);
        Assert.Contains("议事协调机构、临时机构、内设机构不得制发", barred.Article);
        Assert.Contains("不得制发行政规范性文件", barred.Detail);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeIssuer>().CountAsync()));

        var drafter = await driver.As("drafter");
        var notAdmin = await drafter.PostJsonAsync("/api/normative-issuers", new
        {
            governmentId = NormativeApi.Government, organizationId = NormativeApi.Bureau, name = "示范县发展和改革局", code = "XFG",
            kind = IssuingEntityKinds.Department, documentNumberPrefix = "示发改规",
        }).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("normative-forbidden", notAdmin.Code);

        var issuerId = await api.ListBureauAsync();
        var taken = await admin.PostJsonAsync("/api/normative-issuers", new
        {
            governmentId = NormativeApi.Government, organizationId = NormativeApi.Bureau, name = "示范县发改局（重复）", code = "XFG",
            kind = IssuingEntityKinds.Department, documentNumberPrefix = "示发改规",
        }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("issuer-code-taken", taken.Code);

        var anonymous = server.CreateAnonymousClient();
        var published = await anonymous.GetAsync($"/api/public/normative-issuers?governmentId={NormativeApi.Government}").ExpectAsync<JsonElement>(HttpStatusCode.OK);
        var entry = Assert.Single(published.EnumerateArray());
        Assert.Equal(("示范县发展和改革局", "XFG"), (entry.GetProperty("name").GetString(), entry.GetProperty("code").GetString()));

        // Taken off the list: drafting is refused from then on, naming the list rule; the portal no longer shows it.
        await admin.PostJsonAsync($"/api/normative-issuers/{issuerId}/delisting", null).ExpectAsync(HttpStatusCode.OK, server);
        var refused = await drafter.PostJsonAsync("/api/normative-documents", NormativeApi.Draft(issuerId)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("issuer-not-on-list", refused.Code);
        Assert.Contains("制定主体清单", refused.Article);
        Assert.Empty((await anonymous.GetAsync($"/api/public/normative-issuers?governmentId={NormativeApi.Government}").ExpectAsync<JsonElement>(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().CountAsync()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Drafting_refusals_cite_their_rule_and_write_nothing(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuerId = await api.ListBureauAsync();
        var drafter = await driver.As("drafter");

        var unknown = await drafter.PostJsonAsync("/api/normative-documents", NormativeApi.Draft(Guid.NewGuid())).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("issuer-not-on-list", unknown.Code);
        var tooLong = await drafter.PostJsonAsync("/api/normative-documents", NormativeApi.Draft(issuerId, years: 6)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("validity-too-long", tooLong.Code);
        Assert.Contains("有效期最长不超过5年", tooLong.Article);
        var provisional = await drafter.PostJsonAsync("/api/normative-documents", NormativeApi.Draft(issuerId, "示范县政府投资项目管理暂行办法", years: 3, provisional: true))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("validity-too-long-provisional", provisional.Code);
        var government = await drafter.PostJsonAsync("/api/normative-documents", new
        {
            issuerId, kind = NormativeDocumentKinds.Government, title = "示范县人民政府关于某事项的通知", provisional = false, validityYears = 5,
            affectsMarketActors = false, majorDecision = false, legalBases = new[] { "《政府投资条例》" },
        }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("document-kind-mismatch", government.Code);
        // Someone outside the entity's drafting unit, with a well-formed draft.
        var outsider = await (await driver.As("reviewer")).PostJsonAsync("/api/normative-documents", NormativeApi.Draft(issuerId)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("normative-forbidden", outsider.Code);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().CountAsync()));
    }
}
