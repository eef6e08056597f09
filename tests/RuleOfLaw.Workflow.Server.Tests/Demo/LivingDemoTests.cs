using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Web;

namespace RuleOfLaw.Workflow.Server.Tests.Demo;

/// <summary>
/// A fresh database with the demo on (as <c>dotnet run</c> has it): the public portal and the officials' key pages show
/// an open consultation with comments, a matter at the legality review, one on the next meeting's agenda and a
/// published, filed decision; a restart makes nothing twice.
/// </summary>
public sealed class LivingDemoTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_fresh_database_shows_the_demo_on_every_key_page_and_a_restart_makes_nothing_twice(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var server = Start(database))
        {
            await server.Services.GetRequiredService<LivingDemo>().Ready.WaitAsync(Patience);
            Assert.DoesNotContain(server.ServerLog, l => l.Contains("Demo matters could not be made", StringComparison.Ordinal));

            using var citizen = new WebSession(server);
            var consultations = await citizen.GetAsync("/public/consultations");
            var link = consultations.QuerySelector("main a[href^='/public/consultations/']");
            Assert.NotNull(link);
            Assert.Contains("停车收费标准", link!.TextContent);
            Assert.Equal(3, await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync()));
            var decisions = await citizen.GetAsync("/public/decisions");
            Assert.Contains(LivingDemo.DecidedTitle, decisions.QuerySelector("main")!.TextContent);

            using var reviewer = new WebSession(server);
            await reviewer.SignInAsync("reviewer");
            Assert.Contains(LivingDemo.ReviewTitle, (await reviewer.GetAsync("/legality")).QuerySelector("main")!.TextContent);

            using var secretary = new WebSession(server);
            await secretary.SignInAsync("secretary");
            var meetings = await secretary.GetAsync("/meetings");
            var next = meetings.QuerySelectorAll("#meetings a[href^='/meetings/']").Select(a => a.GetAttribute("href")!).ToList();
            Assert.Equal(2, next.Count);
            var agendas = string.Join(" ", await Task.WhenAll(next.Select(async href => (await secretary.GetAsync(href)).QuerySelector("main")!.TextContent)));
            Assert.Contains(LivingDemo.AgendaTitle, agendas);
            Assert.Contains(LivingDemo.DecidedTitle, agendas);

            using var drafter = new WebSession(server);
            var home = await drafter.SignInAsync("drafter");
            foreach (var title in new[] { LivingDemo.ConsultationTitle, LivingDemo.ReviewTitle, LivingDemo.AgendaTitle, LivingDemo.DecidedTitle })
            {
                Assert.Contains(title, home.QuerySelector("main")!.TextContent);
            }
            var filed = await server.WithDatabaseAsync(db => db.Tasks.AnyAsync(t => t.StepId == "filing" && t.Status == "Completed"));
            Assert.True(filed, "the decided matter's filing step is not done");

            // Normative documents: the bureau is on the county's issuing-entity list (the portal shows it), so the drafter's
            // form offers it and a department document can be drafted, to be filed with the county's justice office.
            var issuers = await citizen.GetAsync("/public/normative-issuers");
            Assert.Contains(LivingDemo.IssuerCode, issuers.QuerySelector("main")!.TextContent);
            var form = await drafter.GetAsync("/normative/documents");
            Assert.Contains("示范县发展和改革局", form.QuerySelector("#draft-form")!.TextContent);
        }

        // A restart on the same database: the demo is there already, nothing is made twice.
        var before = await CountsAsync(database);
        await using (var again = Start(database))
        {
            await again.Services.GetRequiredService<LivingDemo>().Ready.WaitAsync(Patience);
            Assert.Equal(before, await CountsAsync(database));
        }
    }

    /// <summary>
    /// Issue 16 item 6: on the real date of the report (2026-12-06) the demo's 30-day consultation reaches 2027, which
    /// has no calendar file; it must still open (on a provisional end) and show on the public portal of a fresh clone.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task On_6_December_the_demo_consultation_opens_although_2027_has_no_calendar(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var server = Start(database, new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero));
        await server.Services.GetRequiredService<LivingDemo>().Ready.WaitAsync(Patience);
        Assert.DoesNotContain(server.ServerLog, l => l.Contains("Demo matters could not be made", StringComparison.Ordinal));

        using var citizen = new WebSession(server);
        var consultations = await citizen.GetAsync("/public/consultations");
        var link = consultations.QuerySelector("main a[href^='/public/consultations/']");
        Assert.NotNull(link);
        Assert.Contains("停车收费标准", link!.TextContent);
        Assert.Contains("至少至", link.ParentElement!.TextContent);
        var consultation = await server.WithDatabaseAsync(db => db.Set<Consultation>().SingleAsync());
        Assert.Equal(2027, consultation.ProvisionalYear);
        Assert.Equal(3, await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync()));
    }

    /// <summary>
    /// Issue 14: the demo county can take a government normative document to filing. Its two recipients exist (the next
    /// higher government, 示范州人民政府, with its justice office; the county people's congress standing committee), each
    /// with a reviewer, made through the administrators' API; the county government is on its issuing-entity list with a
    /// drafting officer of its own; a published government document's filings name both recipients, and each recipient's
    /// reviewer finds the filing in the inbox (API and <c>/normative/filings/received</c>).
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task On_a_fresh_demo_database_a_government_document_is_filed_with_the_higher_government_and_the_standing_committee(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var server = Start(database);
        await server.Services.GetRequiredService<LivingDemo>().Ready.WaitAsync(Patience);
        Assert.DoesNotContain(server.ServerLog, l => l.Contains("Demo matters could not be made", StringComparison.Ordinal));
        // The county stands under its own higher government, not under the demo city (whose administrator must not get it).
        var county = await server.WithDatabaseAsync(db => db.Organizations.SingleAsync(o => o.Id == "demo-county"));
        Assert.Equal(LivingDemo.HigherGovernmentId, county.ParentId);
        Assert.Equal(OrganizationKinds.Government, (await server.WithDatabaseAsync(db => db.Organizations.SingleAsync(o => o.Id == LivingDemo.HigherGovernmentId))).Kind);

        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuer = await server.WithDatabaseAsync(db => db.Set<NormativeIssuer>().SingleAsync(i => i.OrganizationId == "demo-county"));
        Assert.Equal(LivingDemo.GovernmentIssuerCode, issuer.Code);
        // The government's drafting officer drafts in its name (the procedure's steps to signature are the procedure tests').
        var drafted = await api.PostAsync(LivingDemo.GovernmentDrafter, "/api/normative-documents", new
        {
            issuerId = issuer.Id, kind = NormativeDocumentKinds.Government, title = "示范县人民政府关于规范行政事业性收费的若干规定", provisional = false,
            validityYears = 5, affectsMarketActors = false, majorDecision = false, legalBases = new[] { "《行政事业性收费管理条例》" },
        }, HttpStatusCode.Created);
        Assert.Equal(NormativeDocumentKinds.Government, drafted.GetProperty("kind").GetString());

        const string title = "示范县人民政府关于政府投资项目代建管理的规定";
        var id = await api.InsertSignedAsync(issuer.Id, NormativeDocumentKinds.Government, title);
        await api.PublishAsync(id);
        var filings = (await api.GetAsync(LivingDemo.GovernmentDrafter, $"/api/normative-documents/{id}/filings")).EnumerateArray()
            .Select(f => (Id: f.GetProperty("id").GetGuid(), Kind: f.GetProperty("recipientKind").GetString(), Office: f.GetProperty("recipientOrganizationId").GetString()))
            .ToList();
        Assert.Equal(
            [(FilingRecipientKinds.HigherGovernment, LivingDemo.HigherJusticeId), (FilingRecipientKinds.PeopleCongressStandingCommittee, LivingDemo.StandingCommitteeId)],
            filings.Select(f => (f.Kind, f.Office)));
        foreach (var filing in filings)
        {
            await api.PostAsync(LivingDemo.GovernmentDrafter, $"/api/normative-filings/{filing.Id}/submission", null);
        }
        foreach (var (reviewer, office) in new[] { (LivingDemo.HigherReviewer, LivingDemo.HigherJusticeId), (LivingDemo.CommitteeReviewer, LivingDemo.StandingCommitteeId) })
        {
            var inbox = (await api.GetAsync(reviewer, "/api/normative-filings")).EnumerateArray().ToList();
            var mine = Assert.Single(inbox, f => f.GetProperty("documentId").GetGuid() == id);
            Assert.Equal(office, mine.GetProperty("recipientOrganizationId").GetString());
            using var page = new WebSession(server);
            await page.SignInAsync(reviewer);
            Assert.Contains(title, (await page.GetAsync("/normative/filings/received")).QuerySelector("main")!.TextContent);
        }
    }

    private static ServerFactory Start(TestDatabase database, DateTimeOffset? now = null)
    {
        var server = new ServerFactory(database);
        if (now is { } instant)
        {
            server.Clock.MoveTo(instant);
        }
        server.Settings["Demo:LivingMatters"] = "true";
        server.UseKestrel(0);
        server.StartServer();
        return server;
    }

    private static async Task<(int Matters, int Meetings, int Comments, int Issuers)> CountsAsync(TestDatabase database)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(builder, database.Options, contentRoot: Path.GetTempPath());
        await using var context = new WorkflowDbContext(builder.Options);
        return (await context.Matters.CountAsync(), await context.Set<Server.Meetings.Meeting>().CountAsync(), await context.Set<ConsultationComment>().CountAsync(),
            await context.Set<Server.NormativeDocuments.NormativeIssuer>().CountAsync());
    }
}
