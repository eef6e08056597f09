using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Privacy;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Web;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>
/// Issue 16 item 7 (《个人信息保护法》第六条、第五十一条): commenters' contact details are shown to the drafting unit that
/// handles the consultation (API, CSV, page) and every such view is logged; other officials who may see the matter,
/// and administrators, get "***" everywhere.
/// </summary>
public sealed class ContactPrivacyTests
{
    private const string Phone = "13800001234";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Only_the_drafting_unit_sees_commenters_contact_details_and_each_view_is_logged(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var citizen = server.CreateAnonymousClient();
        await citizen.PostJsonAsync($"/api/public/consultations/{consultation.Id}/comments",
            new { submitterType = "individual", name = "王某", contact = Phone, text = "建议保留夜间免费停车。" }).ExpectAsync(HttpStatusCode.Created, server);
        var taskId = (await driver.OpenTaskAsync(matter.Id, "public-participation")).Id;

        // The legality reviewer may see the matter, but does not handle the consultation; nor does an administrator.
        foreach (var other in new[] { "reviewer", "admin" })
        {
            using var client = await server.SignInAsync(other);
            var comment = Assert.Single(await client.GetAsync($"/api/consultations/{consultation.Id}/comments").ExpectAsync<List<CommentView>>(HttpStatusCode.OK, server));
            Assert.Equal((ContactPrivacy.Mask, true), (comment.Contact, comment.ContactRedacted));
            Assert.Equal("王某", comment.SubmitterName);
            var csv = await CsvAsync(client, consultation.Id, server);
            Assert.DoesNotContain(Phone, csv);
            Assert.Contains("\"***\"", csv);

            using var web = new WebSession(server);
            await web.SignInAsync(other);
            var page = await web.GetAsync($"/participation/{taskId}");
            var shown = page.QuerySelector($"#comments-{consultation.Id} .contact");
            Assert.NotNull(shown);
            Assert.Equal("true", shown!.GetAttribute("data-redacted"));
            Assert.DoesNotContain(Phone, page.DocumentElement.OuterHtml);
        }
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ContactDetailsView>().CountAsync()));

        // The drafting unit handles it: API, CSV and page reveal the number, and each is logged with who and which consultation.
        using var drafter = await server.SignInAsync("drafter");
        var revealed = Assert.Single(await drafter.GetAsync($"/api/consultations/{consultation.Id}/comments").ExpectAsync<List<CommentView>>(HttpStatusCode.OK, server));
        Assert.Equal((Phone, false), (revealed.Contact, revealed.ContactRedacted));
        Assert.Contains(Phone, await CsvAsync(drafter, consultation.Id, server));
        using (var web = new WebSession(server))
        {
            await web.SignInAsync("drafter");
            var page = await web.GetAsync($"/participation/{taskId}");
            Assert.Equal("false", page.QuerySelector($"#comments-{consultation.Id} .contact")!.GetAttribute("data-redacted"));
            Assert.Contains(Phone, page.QuerySelector($"#comments-{consultation.Id} .contact")!.TextContent);
        }
        var drafterId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "drafter").Select(u => u.Id).SingleAsync());
        var log = await server.WithDatabaseAsync(db => db.Set<ContactDetailsView>().ToListAsync());
        Assert.Equal(["api", "csv", "page"], log.Select(v => v.Channel).Order(StringComparer.Ordinal));
        Assert.All(log, v =>
        {
            Assert.Equal((drafterId, matter.Id, consultation.Id, ContactPrivacy.Commenters, 1), (v.UserId, v.MatterId, v.SubjectId, v.Purpose, v.Count));
            Assert.Equal(server.Clock.GetUtcNow(), v.ViewedAt);
        });
    }

    private static async Task<string> CsvAsync(HttpClient client, Guid consultationId, ServerFactory server)
    {
        using var response = await client.GetAsync($"/api/consultations/{consultationId}/comments.csv").ExpectAsync(HttpStatusCode.OK, server);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }
}
