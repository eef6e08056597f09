using System.Collections.Concurrent;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// One started server per database provider for a whole test class (<c>IClassFixture&lt;SharedServers&gt;</c>), instead
/// of one per test (issue 17: a server start with its fresh database, migrations and demo seed is most of a short
/// test's time). Only for classes whose tests read, or write nothing but their own matters and assert on those alone
/// (never "the table is empty": filter by the test's matter, read an inbox with <c>ProcedureDriver.InboxAsync(user,
/// instanceId)</c>, or compare a count with the count when the test began), and leave the clock, settings and demo users
/// as they found them: xUnit runs a class's tests one after another, so they share the server but never at the same
/// time. Started on first use; disposed (database dropped) after the class's last test.
/// </summary>
public sealed class SharedServers : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<ServerFactory>>> _servers = new();

    /// <summary>The class's server on <paramref name="provider"/>, started by the first test that asks.</summary>
    public Task<ServerFactory> ForAsync(DatabaseProvider provider) =>
        _servers.GetOrAdd(provider, p => new Lazy<Task<ServerFactory>>(() => ServerFactory.StartAsync(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            try
            {
                await (await server.Value).DisposeAsync();
            }
            catch (Exception) when (server.Value.IsFaulted)
            {
                // It never started: the test that asked for it has failed with the reason.
            }
        }
    }
}
