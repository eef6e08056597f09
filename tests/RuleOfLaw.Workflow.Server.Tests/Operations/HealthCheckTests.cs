using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Health;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Operations;

/// <summary>
/// Issue 21: <c>/health</c> is polled by monitors and balancers; it asks whether the database answers on every call but
/// asks for the pending migrations only until the schema is known to be up to date (the start-up's migration says so).
/// </summary>
public sealed class HealthCheckTests
{
    /// <summary>Counts the statements that read EF's migrations history, whoever runs them.</summary>
    private sealed class HistoryReads : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

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
            if (command.CommandText.Contains("__EFMigrationsHistory", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Health_calls_do_not_read_the_migrations_history_once_the_start_up_has_migrated(DatabaseProvider provider)
    {
        var reads = new HistoryReads();
        await using var server = await StartAsync(provider, reads);
        using var client = server.CreateAnonymousClient();
        var schema = server.Services.GetRequiredService<SchemaState>();
        var before = reads.Count;
        for (var call = 0; call < 3; call++)
        {
            using var response = await client.GetAsync("/health").ExpectAsync(HttpStatusCode.OK, server);
            var health = await response.ReadJsonAsync();
            var database = health.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("name").GetString() == "database");
            Assert.Equal("Healthy", database.GetProperty("status").GetString());
            Assert.Contains("schema up to date", database.GetProperty("description").GetString());
        }
        Assert.Equal(before, reads.Count);
        Assert.Equal(0, schema.Checks);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_schema_state_asks_the_database_once_and_remembers_an_up_to_date_schema(DatabaseProvider provider)
    {
        var reads = new HistoryReads();
        await using var server = await StartAsync(provider, reads);
        var schema = new SchemaState();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();

        var before = reads.Count;
        Assert.Empty(await schema.PendingAsync(db, CancellationToken.None));
        Assert.True(reads.Count > before, "the first check did not read the migrations history");
        var afterFirst = reads.Count;
        Assert.Empty(await schema.PendingAsync(db, CancellationToken.None));
        Assert.Empty(await schema.PendingAsync(db, CancellationToken.None));
        Assert.Equal(afterFirst, reads.Count);
        Assert.Equal(1, schema.Checks);
    }

    /// <summary>The readiness worker checks the schema on its own timer (default 5 s): pushed out of the test's way.</summary>
    private static Task<ServerFactory> StartAsync(DatabaseProvider provider, HistoryReads reads) =>
        ServerFactory.StartAsync(provider, configure: s =>
        {
            s.Settings["Cluster:ReadinessCheckSeconds"] = "300";
            s.ExtraServices.Add(services => services.AddSingleton<IInterceptor>(reads));
        });
}
