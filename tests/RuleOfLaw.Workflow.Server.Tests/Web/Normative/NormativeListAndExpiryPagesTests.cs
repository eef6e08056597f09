using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Normative;

/// <summary>
/// The pages that had only an API: the administrators' issuing-entity list (制定主体清单, published on the portal), the
/// issuer's decision before expiry, and the clean-up scope narrowed to one issuing entity. Each refusal is shown next to
/// its field (or above the form) with its article and the API's status, and writes nothing.
/// </summary>
public sealed class NormativeListAndExpiryPagesTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_administrator_keeps_the_issuing_entity_list_on_its_page_and_the_portal_publishes_it(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var admin = new WebSession(server);
        var home = await admin.SignInAsync("admin");
        Assert.NotNull(home.QuerySelector("a#nav-normative-issuers"));
        var list = await admin.GetAsync("/normative/issuers");
        var entry = new Dictionary<string, string[]>
        {
            ["GovernmentId"] = [NormativeApi.Government], ["OrganizationId"] = [NormativeApi.Bureau], ["Name"] = ["示范县营商环境建设领导小组"],
            ["Code"] = ["YSLX"], ["Kind"] = [IssuingEntityKinds.CoordinationBody], ["DocumentNumberPrefix"] = ["示营"],
        };

        // A coordination body: 422 at the kind, citing Notice 37's rule; nothing written.
        var (status, barred) = await admin.SubmitAsync(WebSession.Form(list, "#add-form"), entry);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("议事协调机构、临时机构、内设机构不得制发行政规范性文件", barred.QuerySelector("#Kind-error")!.TextContent);
        Assert.Equal("true", barred.QuerySelector("#Kind")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeIssuer>().CountAsync()));

        // No name and a lower-case code: each at its field, the values kept; nothing written.
        entry["Kind"] = [IssuingEntityKinds.Department];
        entry["Name"] = [" "];
        entry["Code"] = ["xfg"];
        (status, var invalid) = await admin.SubmitAsync(WebSession.Form(barred, "#add-form"), entry);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(invalid.QuerySelector("#Name-error"));
        Assert.Contains("xfg", invalid.QuerySelector("#Code-error")!.TextContent);
        Assert.Equal("xfg", invalid.QuerySelector("#Code")!.GetAttribute("value"));
        Assert.Null(invalid.QuerySelector("#Kind-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeIssuer>().CountAsync()));

        // Listed; the same code again is refused (409 at the code).
        entry["Name"] = ["示范县发展和改革局"];
        entry["Code"] = ["XFG"];
        entry["DocumentNumberPrefix"] = ["示发改规"];
        (status, var listed) = await admin.SubmitAsync(WebSession.Form(invalid, "#add-form"), entry);
        Assert.Equal((HttpStatusCode.OK, "/normative/issuers"), (status, admin.Location));
        var row = listed.QuerySelector("tr[data-issuer]")!;
        Assert.Equal("true", row.GetAttribute("data-listed"));
        Assert.Contains("XFG", row.TextContent);
        Assert.Contains("示范县发展和改革局", row.TextContent);
        (status, var taken) = await admin.SubmitAsync(WebSession.Form(listed, "#add-form"), entry);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("XFG", taken.QuerySelector("#Code-error")!.TextContent);
        var issuer = await server.WithDatabaseAsync(db => db.Set<NormativeIssuer>().SingleAsync());
        Assert.Equal((NormativeApi.Bureau, IssuingEntityKinds.Department, "示发改规"), (issuer.OrganizationId, issuer.Kind, issuer.DocumentNumberPrefix));

        // The portal publishes the listed entries (name, code, kind).
        using var portal = new WebSession(server);
        var published = (await portal.GetAsync("/public/normative-issuers")).QuerySelector($"section[data-government='{NormativeApi.Government}'] tr[data-issuer='{issuer.Id}']")!;
        Assert.Contains("XFG", published.TextContent);
        Assert.Contains("政府工作部门", published.TextContent);

        // A drafting officer sees the list but no form.
        using var drafter = new WebSession(server);
        await drafter.SignInAsync("drafter");
        var notAdmin = await drafter.GetAsync("/normative/issuers");
        Assert.NotNull(notAdmin.QuerySelector("#not-administrator"));
        Assert.Null(notAdmin.QuerySelector("#add-form"));

        // Taken off the list: shown as such; the portal no longer lists it, and drafting for it is refused.
        (status, var delisted) = await admin.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)listed.QuerySelector($"tr[data-issuer='{issuer.Id}'] form")!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("false", delisted.QuerySelector($"tr[data-issuer='{issuer.Id}']")!.GetAttribute("data-listed"));
        // (The portal's Chinese page is in the output cache for up to a second more; its English page is rendered now.)
        Assert.NotNull((await portal.GetAsync("/lang/en?returnUrl=/public/normative-issuers")).QuerySelector("#no-issuers"));
        Assert.False(await server.WithDatabaseAsync(db => db.Set<NormativeIssuer>().Select(i => i.Listed).SingleAsync()));

        // In English.
        await admin.GetAsync("/lang/en?returnUrl=/normative/issuers");
        var english = await admin.GetAsync("/normative/issuers");
        Assert.Contains("Issuing-entity list", english.QuerySelector("h1")!.TextContent);
        Assert.Contains("Government department", english.QuerySelector($"tr[data-issuer='{issuer.Id}']")!.TextContent);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_issuers_head_decides_before_expiry_on_its_page(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = await api.InsertSignedAsync(await api.ListBureauAsync());
        await api.PublishAsync(id); // in force from Mon 2026-03-02 for 5 years: through 2031-03-01
        var page = $"/normative/documents/{id}/expiry-decision";

        // The drafting officer is not the issuer's head: no link, no form.
        using var drafter = new WebSession(server);
        await drafter.SignInAsync("drafter");
        Assert.Null((await drafter.GetAsync($"/normative/documents/{id}")).QuerySelector($"a[href='{page}']"));
        Assert.NotNull((await drafter.GetAsync(page)).QuerySelector("#not-yours"));

        using var head = new WebSession(server);
        await head.SignInAsync("drafthead");
        Assert.NotNull((await head.GetAsync($"/normative/documents/{id}")).QuerySelector($"#acts a[href='{page}']"));
        var decision = await head.GetAsync(page);
        Assert.Equal(("2030-09-02", "2031-03-01"), (decision.QuerySelector("#reminder-on")!.TextContent, decision.QuerySelector("#last-day")!.TextContent));
        Assert.Equal("", decision.QuerySelector("#expiry-decision")!.GetAttribute("data-decision") ?? "");

        // No decision chosen: 422 at the field with the validity rule's article; nothing written.
        var (status, undecided) = await head.SubmitAsync(WebSession.Form(decision, "#expiry-form"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("有效期最长不超过5年", undecided.QuerySelector("#Decision-error")!.TextContent);
        Assert.Equal(0, await DecisionEventsAsync(server, id));

        // Amend: recorded, shown, with the way to draft the new document; the same form again is answered, not recorded twice.
        var amend = new Dictionary<string, string[]> { ["Decision"] = [ExpiryDecisions.Amend], ["Note"] = ["第八条与修订后的《政府投资条例》不一致，拟修改。"] };
        var form = WebSession.Form(undecided, "#expiry-form");
        (status, var amended) = await head.SubmitAsync(form, amend);
        Assert.Equal((HttpStatusCode.OK, page), (status, head.Location));
        Assert.Equal(ExpiryDecisions.Amend, amended.QuerySelector("#expiry-decision")!.GetAttribute("data-decision"));
        Assert.NotNull(amended.QuerySelector("#redraft a[href='/normative/documents']"));
        (status, _) = await head.SubmitAsync(form, amend);
        Assert.Equal((HttpStatusCode.OK, page), (status, head.Location));
        Assert.Equal(1, await DecisionEventsAsync(server, id));

        // Changed to lapse while still in force: recorded too (the history keeps both).
        (status, var lapse) = await head.SubmitAsync(WebSession.Form(amended, "#expiry-form"), new Dictionary<string, string[]> { ["Decision"] = [ExpiryDecisions.Lapse] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ExpiryDecisions.Lapse, lapse.QuerySelector("#expiry-decision")!.GetAttribute("data-decision"));
        Assert.Equal(2, await DecisionEventsAsync(server, id));

        // The day after the last day in force (before the lapse timer has run): no form, and a decision sent is refused (409), nothing written.
        var lastForm = WebSession.Form(lapse, "#expiry-form");
        driver.MoveClockTo(new DateTimeOffset(2031, 3, 1, 16, 30, 0, TimeSpan.Zero)); // 2031-03-02 00:30 Beijing
        await head.SignInAsync("drafthead");
        Assert.NotNull((await head.GetAsync(page)).QuerySelector("#not-yours"));
        Assert.Null((await head.GetAsync($"/normative/documents/{id}")).QuerySelector($"a[href='{page}']"));
        (status, var late) = await head.SubmitAsync(lastForm, amend);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("2031-03-01", late.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(ExpiryDecisions.Lapse, await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().Where(d => d.Id == id).Select(d => d.ExpiryDecision).SingleAsync()));
        Assert.Equal(2, await DecisionEventsAsync(server, id));

        // In English.
        await head.GetAsync($"/lang/en?returnUrl={page}");
        var english = await head.GetAsync(page);
        Assert.Contains("Evaluation before expiry", english.QuerySelector("h1")!.TextContent);
        Assert.Equal("Let it lapse", english.QuerySelector("#expiry-decision")!.TextContent);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_clean_up_opened_on_the_page_may_be_narrowed_to_one_issuing_entity(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var bureau = await api.ListBureauAsync();
        var justice = (await api.PostAsync("admin", "/api/normative-issuers", new
        {
            governmentId = NormativeApi.Government, organizationId = "demo-county-justice", name = "示范县司法局", code = "XSF",
            kind = IssuingEntityKinds.Department, documentNumberPrefix = "示司规",
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var ours = await api.InsertSignedAsync(bureau, title: "示范县政府投资项目管理办法");
        var theirs = await api.InsertSignedAsync(justice, title: "示范县法律援助经费管理办法");
        await api.PublishAsync(ours);
        await api.PublishAsync(theirs);

        using var admin = new WebSession(server);
        await admin.SignInAsync("admin");
        var list = await admin.GetAsync("/normative/cleanups");
        Assert.NotNull(list.QuerySelector($"#IssuerId option[value='{bureau}']"));
        Assert.NotNull(list.QuerySelector($"#IssuerId option[value='{justice}']"));
        var open = new Dictionary<string, string[]>
        {
            ["GovernmentId"] = [NormativeApi.Government], ["Subject"] = ["示范县发展和改革局2026年度规范性文件清理"], ["FromYear"] = ["2026"], ["ToYear"] = ["2026"],
            ["IssuerId"] = [Guid.NewGuid().ToString()],
        };
        // An entity that is not on this government's list: 404 at the field, nothing written.
        var (status, unknown) = await admin.SubmitAsync(WebSession.Form(list, "#open-form"), open);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.NotNull(unknown.QuerySelector("#IssuerId-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeCleanup>().CountAsync()));

        // The bureau's clean-up takes in its document only.
        open["IssuerId"] = [bureau.ToString()];
        (status, var opened) = await admin.SubmitAsync(WebSession.Form(unknown, "#open-form"), open);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([ours.ToString()], opened.QuerySelectorAll("#items tr[data-document]").Select(r => r.GetAttribute("data-document")));
        Assert.Equal(bureau, await server.WithDatabaseAsync(db => db.Set<NormativeCleanup>().Select(c => c.IssuerId).SingleAsync()));
    }

    private static async Task<int> DecisionEventsAsync(ServerFactory server, Guid id) =>
        await server.WithDatabaseAsync(db => db.Set<NormativeDocumentEvent>().CountAsync(e => e.DocumentId == id && e.Type == "expiry-decision"));
}
