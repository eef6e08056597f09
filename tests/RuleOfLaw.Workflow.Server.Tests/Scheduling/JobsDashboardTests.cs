using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>
/// The Hangfire Dashboard under /admin/jobs: the application's own sign-in and administrator policy (anonymous 401,
/// other roles 403, administrators 200), and a timer's job is named by its matter number, step and kind.
/// </summary>
public sealed class JobsDashboardTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Only_administrators_see_the_jobs_dashboard_and_timer_jobs_show_their_matter_and_step(DatabaseProvider provider)
    {
        await using var server = await DeadlineServer.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        // A task due in 5 days: its reminder and escalation timers get Hangfire jobs.
        var instance = await DeadlineServer.StartMatterAsync(driver);
        var reminder = (await DeadlineServer.TimersAsync(server, instance.Id)).Where(t => t.Kind == TimerKinds.Reminder).OrderBy(t => t.DueAt).First();
        var number = await server.WithDatabaseAsync(db => db.Matters.Where(m => m.Id == reminder.MatterId).Select(m => m.Number).SingleAsync());

        foreach (var path in new[] { JobsDashboard.Path, JobsDashboard.Path + "/jobs/scheduled", JobsDashboard.Path + "/stats" })
        {
            using var anonymous = server.CreateAnonymousClient();
            using (var response = await anonymous.GetAsync(path))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            using var drafter = await server.SignInAsync("drafter");
            using (var response = await drafter.GetAsync(path))
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.DoesNotContain("Hangfire", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            }
        }
        // A state-changing dashboard action is refused as well (delete a job).
        using (var drafter = await server.SignInAsync("drafter"))
        using (var response = await drafter.PostAsync(JobsDashboard.Path + "/jobs/scheduled/delete", new FormUrlEncodedContent([new("jobs[]", "1")])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var admin = await server.SignInAsync("admin");
        // Linked from the administrators' pages (the navigation), and only theirs.
        Assert.Contains($"href=\"{JobsDashboard.Path}\"", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        using (var drafter = await server.SignInAsync("drafter"))
        {
            Assert.DoesNotContain(JobsDashboard.Path, await drafter.GetStringAsync("/"), StringComparison.Ordinal);
        }
        using (var response = await admin.GetAsync(JobsDashboard.Path))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Hangfire", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var response = await admin.GetAsync(JobsDashboard.Path + "/jobs/scheduled"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains($"事项 {number} · draft · {TimerKinds.Reminder}", html, StringComparison.Ordinal);
        }
        // Registered once the server has started (and reconciled): wait for them rather than race the start-up.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await admin.GetAsync(JobsDashboard.Path + "/recurring");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            string[] ids = [SchedulingStartup.OutboxJobId, SchedulingStartup.DigestJobId, SchedulingStartup.ReconcileJobId];
            if (ids.All(id => html.Contains(id, StringComparison.Ordinal)))
            {
                break;
            }
            Assert.True(DateTime.UtcNow < until, "recurring jobs not listed:" + html);
            await Task.Delay(200);
        }
    }
}
