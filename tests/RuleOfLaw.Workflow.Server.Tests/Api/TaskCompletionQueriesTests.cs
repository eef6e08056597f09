using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Issue 21 goal 2: completing a task over HTTP reads what it needs in a fixed number of queries (docs/load.md, "Task
/// completions"). Reads only: how the writes are sent (one batch on PostgreSQL, one statement per row on SQLite) is the
/// provider's affair. The budget, in the order the request runs them: the actor (user and memberships, one join), the
/// idempotency key, the instance (found through the task), the changed task rows, the instance's timer rows, the matter
/// (for the assignment mail), the next task's assignees with their addresses and preferences (one join), the outbox
/// keys. Before issue 21 the same completion read 12 times (the user and the memberships apart, the task's instance
/// looked up first, the assignees, their addresses and their preferences apart). One read more on every completion is
/// what this test catches.
/// </summary>
public sealed class TaskCompletionQueriesTests(ITestOutputHelper output)
{
    private const int Budget = 8;

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Completing_a_task_by_its_id_reads_within_the_budget_and_no_more_on_a_later_task(DatabaseProvider provider)
    {
        var queries = new RequestQueries();
        await using var server = await ServerFactory.StartAsync(provider, configure: queries.AddTo);
        using var driver = new ProcedureDriver(server);
        var first = await driver.StartNewAsync();
        var second = await driver.StartNewAsync(title: "示范县老旧小区改造计划");

        var task = await driver.OpenTaskAsync(first.Id, "initiation");
        var path = $"/api/tasks/{task.Id}/complete";
        var one = await queries.OfAsync(path, () => driver.CompleteRawAsync("drafter", task.Id, "draft-prepared").ExpectAsync(HttpStatusCode.OK, server));
        var other = await driver.OpenTaskAsync(second.Id, "initiation");
        var otherPath = $"/api/tasks/{other.Id}/complete";
        var two = await queries.OfAsync(otherPath, () => driver.CompleteRawAsync("drafter", other.Id, "draft-prepared").ExpectAsync(HttpStatusCode.OK, server));
        // A retry with the same key is answered from the stored response: fewer reads, nothing decided again.
        var replay = await queries.OfAsync(otherPath, () => driver.CompleteRawAsync("drafter", other.Id, "draft-prepared").ExpectAsync(HttpStatusCode.OK, server));

        output.WriteLine($"{provider}: {one} queries for the first completion, {two} for another matter's, {replay} for a retry; budget {Budget}");
        Assert.InRange(one, 1, Budget);
        Assert.Equal(one, two);
        Assert.InRange(replay, 1, one - 1);
    }

    /// <summary>Counts the queries (commands that read: SELECT …) each HTTP request's path runs.</summary>
    private sealed class RequestQueries : DbCommandInterceptor
    {
        private readonly ConcurrentDictionary<string, int> _byPath = new(StringComparer.Ordinal);
        private IHttpContextAccessor? _http;

        public void AddTo(ServerFactory server) =>
            server.ExtraServices.Add(services => services.AddSingleton<IInterceptor>(provider =>
            {
                _http = provider.GetRequiredService<IHttpContextAccessor>();
                return this;
            }));

        public async Task<int> OfAsync(string path, Func<Task> request)
        {
            var before = _byPath.GetValueOrDefault(path);
            await request();
            return _byPath.GetValueOrDefault(path) - before;
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Seen(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Seen(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Seen(command);
            return ValueTask.FromResult(result);
        }

        private void Seen(DbCommand command)
        {
            if (_http?.HttpContext?.Request.Path.Value is { } path && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                _byPath.AddOrUpdate(path, 1, (_, n) => n + 1);
            }
        }
    }
}
