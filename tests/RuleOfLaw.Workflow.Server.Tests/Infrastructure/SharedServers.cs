using System.Collections.Concurrent;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// One started server per database provider for every test class of the collection <see
/// cref="SharedServersCollection"/> (<c>[Collection(SharedServersCollection.Name)]</c>, the server handed to the
/// class's constructor), instead of one per test or per class (issue 17 item 8: a server start with its database,
/// migrations and demo seed, and the first requests that compile its pages and queries, are most of a short test's
/// CPU). Only for classes whose tests read, or write nothing but their own matters and assert on those alone (never
/// "the table is empty": filter by the test's matter, read an inbox with <c>ProcedureDriver.InboxAsync(user,
/// instanceId)</c>, or compare a count with the count when the test began), and that leave what outlasts a test and
/// others rely on as they found it: settings, demo users' roles, passwords and locks, the demo county's organizations,
/// a user's signer key, the clock (tests assert instants such as "revoked now" exactly), and the server-wide counters
/// that never expire on the standing test clock (failed sign-ins from the test address, 30 per window; public comments
/// per address, 30 per window on PostgreSQL). xUnit runs a collection's tests one after another, so they share the
/// servers but never at the same time: a count taken at the start of a test is exact at its end. Started on first use;
/// disposed (database dropped) after the collection's last test. A test that needs the database as seeded or changes
/// such state starts its own server (<see cref="ServerFactory.StartAsync"/>); a class whose tests would reach the
/// others' (AdministrationTests, JournalTamperingTests) keeps its own instance
/// (<c>IClassFixture&lt;SharedServers&gt;</c>). A class whose servers start differently (its own workflows folder)
/// derives a fixture of its own that says how (<see cref="SharedServers(Func{DatabaseProvider, Task{ServerFactory}})"/>).
/// </summary>
public class SharedServers : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<ServerFactory>>> _servers = new();
    private readonly Func<DatabaseProvider, Task<ServerFactory>> _start;

    public SharedServers() : this(provider => ServerFactory.StartAsync(provider))
    {
    }

    /// <summary>Servers started by <paramref name="start"/> instead of the default <see cref="ServerFactory.StartAsync"/>.</summary>
    protected SharedServers(Func<DatabaseProvider, Task<ServerFactory>> start)
    {
        _start = start;
    }

    /// <summary>The server on <paramref name="provider"/>, started by the first test that asks.</summary>
    public Task<ServerFactory> ForAsync(DatabaseProvider provider) =>
        _servers.GetOrAdd(provider, p => new Lazy<Task<ServerFactory>>(() => _start(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
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

/// <summary>
/// The test classes that share one <see cref="SharedServers"/> (see there for what their tests may do); xUnit runs their
/// tests one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedServersCollection : ICollectionFixture<SharedServers>
{
    public const string Name = "Shared servers";
}
