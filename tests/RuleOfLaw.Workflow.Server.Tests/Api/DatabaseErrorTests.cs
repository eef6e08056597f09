using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// A database error that is not a lost race is not disguised as one (issue 19): it is not retried, not answered
/// "409, please retry", and is logged as an error with the request's trace id; a value the column cannot hold is a
/// precise 422.
/// </summary>
public sealed class DatabaseErrorTests
{
    /// <summary>How often the broken write was attempted.</summary>
    private sealed class Attempts
    {
        public int Count;
    }

    /// <summary>A defect in a module: on the task completion of a matter so titled it adds a row breaking a NOT NULL column.</summary>
    private sealed class BrokenObserver(WorkflowDbContext db, Attempts attempts) : IInstanceTransitionObserver
    {
        public async Task OnDecidedAsync(InstanceState? before, InstanceState after, CancellationToken cancellationToken)
        {
            var matterId = Guid.Parse(after.MatterId);
            if (before is null || !await db.Matters.AnyAsync(m => m.Id == matterId && m.Title.Contains("缺陷"), cancellationToken))
            {
                return;
            }
            Interlocked.Increment(ref attempts.Count);
            db.Tasks.Add(new TaskRecord
            {
                Id = Guid.NewGuid(), InstanceId = after.Id, MatterId = matterId, StepId = "initiation", Iteration = 1, Title = null!,
                Role = "drafting-officer", OrganizationId = "demo-county-drc", Status = "Open", CreatedAt = DateTimeOffset.UnixEpoch,
            });
        }

        public Task OnCommittedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_constraint_violation_is_a_logged_500_tried_once_not_a_409_to_retry(DatabaseProvider provider)
    {
        var attempts = new Attempts();
        await using var server = await ServerFactory.StartAsync(provider, configure: f =>
        {
            f.LogLevel = LogLevel.Debug;
            f.ExtraServices.Add(s =>
            {
                s.AddSingleton(attempts);
                s.AddScoped<IInstanceTransitionObserver, BrokenObserver>();
            });
        });
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(title: "有缺陷的模块处理的事项");
        var task = Assert.Single(instance.OpenTasks);
        await driver.As("drafter");
        server.ServerLog.Clear();

        var before = await DatabaseSnapshot.TakeAsync(server);
        using var response = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared");
        var problem = await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("internal-error", problem.Code);
        var traceId = problem.Json.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the failed completion");

        Assert.Equal(1, attempts.Count);
        // (EF logs the failed command too; the request's own error line is the handler's.)
        var error = Assert.Single(server.ServerLog, l => l.StartsWith("Error RuleOfLaw.Workflow.Server.Problems.ApiExceptionHandler", StringComparison.Ordinal));
        Assert.Contains($"Request failed with 500 on POST /api/tasks/{task.Id}/complete by ", error);
        Assert.Contains($"(trace {traceId})", error);
        Assert.DoesNotContain(server.ServerLog, l => l.Contains("concurrent change", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_nul_character_is_refused_before_the_database_the_same_on_both_providers(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var client = await server.SignInAsync("drafter");
        const string title = "停车\u0000收费调整";

        // The input rules (docs/security.md): PostgreSQL text cannot hold NUL and SQLite would store it; neither sees it.
        using var response = await client.PostJsonAsync("/api/matters", new { title, category = "public-policy" });
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("control-character", problem.Code);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Matters.CountAsync()));
        Assert.DoesNotContain(server.ServerLog, l => l.Contains("Request failed with", StringComparison.Ordinal));
        Assert.DoesNotContain(server.ServerLog, l => l.Contains("concurrent-modification", StringComparison.Ordinal));
    }
}
