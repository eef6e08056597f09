using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// POST /api/instances/{id}/scopes (late assignment): a county with two evaluation bodies leaves the evaluation body
/// open at the start; the evaluation step waits for it; the chief executive names one when it is needed (第三十六条).
/// </summary>
public sealed class ScopeAssignmentTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_evaluation_body_is_named_when_the_evaluation_is_reached_and_its_task_opens_then(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var admin = await driver.As("admin");
        await admin.PostJsonAsync("/api/admin/organizations",
                new { id = "demo-county-evaluation-2", name = "示范县第二评估中心", kind = OrganizationScopes.EvaluationBody, parentId = "demo-county" })
            .ExpectAsync<Administration.AdminOrganizationView>(HttpStatusCode.Created, server);

        // Two evaluation bodies: the start leaves the scope open (every step of it is conditional) instead of guessing.
        var instance = await DecisionScenario.ToIssuedAsync(driver, new Dictionary<string, bool> { ["evaluationPlanned"] = true });
        Assert.False(instance.Assignments.ContainsKey(OrganizationScopes.EvaluationBody));
        await driver.CompleteAsync(instance.Id, "publication", "published");
        instance = await driver.CompleteAsync(instance.Id, "execution", "executed");
        Assert.Equal(StepStatus.Active, instance.Steps.Single(s => s.Id == "post-decision-evaluation").Status);
        Assert.DoesNotContain(instance.OpenTasks, t => t.StepId == "post-decision-evaluation");

        var url = $"/api/instances/{instance.Id}/scopes";
        var chief = await driver.As("chief");
        var body = new { scope = OrganizationScopes.EvaluationBody, organizationId = "demo-county-evaluation-2", reason = "第一评估中心参与过决策前评估，由第二评估中心承担。" };
        var journalBefore = await JournalCountAsync(server, instance.Id);

        // Who and what: refused as problems, nothing written.
        var head = await (await driver.As("drafthead")).PostJsonAsync(url, body).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(("forbidden", "第三十六条"), (head.Code, head.Article));
        Assert.Equal("assignment-reason-required", (await chief.PostJsonAsync(url, body with { reason = " " }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("unknown-organization", (await chief.PostJsonAsync(url, body with { organizationId = "nowhere" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("organization-outside-organ",
            (await chief.PostJsonAsync(url, body with { organizationId = "demo-city-evaluation" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("organization-wrong-kind",
            (await chief.PostJsonAsync(url, body with { organizationId = "demo-county-risk" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("unknown-scope", (await chief.PostJsonAsync(url, body with { scope = "evaluators" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        // A scope the start assigned is not reassigned here (the engine's refusal).
        Assert.Equal("scope-already-assigned", (await chief.PostJsonAsync(url,
            new { scope = OrganizationScopes.GeneralOffice, organizationId = instance.Assignments[OrganizationScopes.GeneralOffice], reason = "换人。" })
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal(journalBefore, await JournalCountAsync(server, instance.Id));

        var assigned = await chief.PostJsonAsync(url, body, "assign-1").ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal("demo-county-evaluation-2", assigned.Assignments[OrganizationScopes.EvaluationBody]);
        var task = Assert.Single(assigned.OpenTasks, t => t.StepId == "post-decision-evaluation");
        Assert.Equal("demo-county-evaluation-2", task.OrganizationId);
        var journal = await driver.JournalAsync(instance.Id);
        var entry = Assert.Single(journal, e => e.Type == "ScopeAssigned");
        Assert.Equal(body.reason, entry.Comment);
        Assert.Equal("chief", (await server.WithDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == entry.ActorId))).UserName);

        // The matter follows (who may see it depends on it); a retry replays; a second naming is refused.
        var matter = await server.WithDatabaseAsync(db => db.Matters.AsNoTracking().SingleAsync(m => m.Id == Guid.Parse(instance.MatterId)));
        Assert.Equal("demo-county-evaluation-2", MatterAccess.Assignments(matter)[OrganizationScopes.EvaluationBody]);
        using (var retry = await chief.PostJsonAsync(url, body, "assign-1"))
        {
            await retry.ExpectAsync(HttpStatusCode.OK, server);
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        }
        var again = await chief.PostJsonAsync(url, body with { organizationId = "demo-county-evaluation" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("scope-already-assigned", again.Code);
        Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "ScopeAssigned");
    }

    private static Task<int> JournalCountAsync(ServerFactory server, Guid instanceId) =>
        server.WithDatabaseAsync(db => db.Journal.CountAsync(j => j.InstanceId == instanceId));
}
