using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Record.Accountability;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>The accountability view (issue 15 item 6, 第三十八条至第四十一条), on both databases.</summary>
public sealed class AccountabilityTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Supervisors_see_who_did_what_in_order_for_a_matter_a_person_and_an_organization(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(instance.Id, "collective-decision", "approved");
        var journal = await driver.JournalAsync(instance.Id);
        var reviewerId = journal.First(j => j.Type == "TaskCompleted" && j.StepId == "legality-review").ActorId;

        var chief = await driver.As("chief");
        var matter = await chief.GetAsync($"/api/record/accountability/matters/{instance.Id}").ExpectAsync<MatterAccountability>(HttpStatusCode.OK, server);
        Assert.Equal(matter.Acts.Select(a => a.Sequence).Order(), matter.Acts.Select(a => a.Sequence));
        Assert.DoesNotContain(matter.Acts, a => a.ActorId == "system");
        var review = matter.Acts.Single(a => a.Type == "TaskCompleted" && a.StepId == "legality-review");
        Assert.Equal(("legality-reviewer", "demo-county-justice", "lawful"), (review.Role, review.OrganizationId, review.Outcome));
        Assert.NotEmpty(matter.Statements);
        Assert.Contains(matter.Statements, s => s.Capacity == "head");
        Assert.Contains(matter.Opinions, o => o.Kind is "legal-counsel" or "staff-lawyer");

        // The reviewer's own part: only the reviewer's acts, in this one matter.
        var person = await chief.GetAsync($"/api/record/accountability/people/{reviewerId}?organId=demo-county").ExpectAsync<PartyAccountability>(HttpStatusCode.OK, server);
        var only = Assert.Single(person.Matters);
        Assert.Equal(instance.Id, only.MatterId);
        Assert.All(only.Acts, a => Assert.Equal(reviewerId, a.ActorId));
        Assert.Contains(only.Acts, a => a.StepId == "legality-review");

        // The justice bureau's part: acts of its tasks only (intake, counsel, review), by the justice office's reviewer.
        var reviewer = await driver.As("reviewer");
        var office = await reviewer.GetAsync("/api/record/accountability/organizations/demo-county-justice?organId=demo-county")
            .ExpectAsync<PartyAccountability>(HttpStatusCode.OK, server);
        Assert.Equal(["legal-counsel-opinion", "legality-intake", "legality-review"],
            Assert.Single(office.Matters).Acts.Where(a => a.Type == "TaskCompleted").Select(a => a.StepId!).Distinct().Order());
        Assert.All(office.Matters[0].Acts, a => Assert.Equal("demo-county-justice", a.OrganizationId));

        // Refused to the others: the drafting officer, the expert.
        var refused = await (await driver.As("drafter")).GetAsync($"/api/record/accountability/matters/{instance.Id}").ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(("forbidden", "第三十八条至第四十一条"), (refused.Code, refused.Article));
        await (await driver.As("expert")).GetAsync($"/api/record/accountability/people/{reviewerId}?organId=demo-county").ReadProblemAsync(HttpStatusCode.Forbidden);
    }
}
