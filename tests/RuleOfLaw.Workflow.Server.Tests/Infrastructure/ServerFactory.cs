using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// The real server (Program) on a test database, in environment "Testing", with the demo county seeded (unless a test
/// sets <c>Demo:Seed</c> to false in <see cref="Settings"/>) and a clock the test controls. One factory per test: each test gets its own database, so tests never see each other's matters.
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;
    private readonly string? _workflowsDirectory;
    private string _origin;
    private IHost? _host;

    public ServerFactory(TestDatabase database, string? workflowsDirectory = null, bool ownsDatabase = false)
    {
        Database = database;
        _workflowsDirectory = workflowsDirectory;
        _ownsDatabase = ownsDatabase;
        _origin = ServerCensus.Origin();
    }

    public TestDatabase Database { get; private set; }

    /// <summary>The server's <see cref="TimeProvider"/>; starts at <see cref="TestClock.DefaultStart"/>.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>What the server logged at <see cref="LogLevel"/> or above (shown when an unexpected response fails a test).</summary>
    public ConcurrentQueue<string> ServerLog { get; } = new();

    /// <summary>The lowest level kept in <see cref="ServerLog"/>; set before the server starts.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Configuration for this test, applied over the defaults (e.g. <c>Demo:Seed</c> = <c>false</c>); set before the server starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Extra service registrations for this test (e.g. a compliance check that holds a gate); set before the server starts.</summary>
    public List<Action<IServiceCollection>> ExtraServices { get; } = [];

    /// <summary>A fresh (migrated) database on <paramref name="provider"/> and a started server on it; disposing the factory drops the database.</summary>
    public static async Task<ServerFactory> StartAsync(DatabaseProvider provider, string? workflowsDirectory = null, Action<ServerFactory>? configure = null)
    {
        // Which test asked, taken before the first await (after it the test's frame is no longer on the stack).
        var origin = ServerCensus.Origin();
        // Configured first: what the test asks for decides which copy its database is.
        var factory = new ServerFactory(null!, workflowsDirectory, ownsDatabase: true) { _origin = origin };
        configure?.Invoke(factory);
        // Migrated already (a copy of a template): the server's start-up migration then finds nothing to do; with the demo
        // county already seeded when the test starts the server as the template's was started (SeededTemplate).
        factory.Database = factory.StartsAsSeededTemplate()
            ? await TestDatabase.CreateSeededAsync(provider)
            : await TestDatabase.CreateMigratedAsync(provider);
        try
        {
            factory.StartServer();
            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Settings a start of the seeded template (<see cref="SeededTemplate"/>) did not have, and that change what a start
    /// writes: the demo, bootstrap, workflows, keys, database, scheduler and cluster sections.
    /// </summary>
    private static readonly string[] StartShapingSections = ["Demo:", "Bootstrap:", "Workflows:", "Crypto:", "Database:", "Scheduling:", "Cluster:"];

    /// <summary>
    /// Whether this server would start exactly as the seeded template's did (default workflows, settings that do not
    /// shape what a start writes, no extra services, the clock untouched), so that its database can be a copy of it.
    /// </summary>
    private bool StartsAsSeededTemplate() =>
        _workflowsDirectory is null
        && ExtraServices.Count == 0
        && Clock.GetUtcNow() == TestClock.DefaultStart
        && !Settings.Keys.Any(key => StartShapingSections.Any(section => key.StartsWith(section, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Counted (<see cref="ServerCensus"/>) from here until <see cref="DisposeAsync"/>.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        ServerCensus.Starting(this, _origin);
        var host = base.CreateHost(builder);
        _host = host;
        ServerCensus.Ready(this, host.Services);
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        // The demo matters (Demo/LivingDemo.cs) only where a test asks for them: others count their own matters.
        builder.UseSetting("Demo:LivingMatters", "false");
        builder.UseSetting("Crypto:KeyRingFile", Database.KeyRingFile);
        if (_workflowsDirectory is not null)
        {
            builder.UseSetting("Workflows:Directory", _workflowsDirectory);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new QueueLoggerProvider(ServerLog, LogLevel));
        });
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Seeding eleven demo users and signing them in hashes passwords; at the production work factor that is
            // most of a test's time. Sign-in still checks the password, only more cheaply.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            // Records the pipeline, whose rate limiters are disposed with the server (RateLimiterRelease).
            services.AddSingleton<RateLimiterRelease>();
            services.RemoveAll<IApplicationBuilderFactory>();
            services.AddSingleton<IApplicationBuilderFactory, RateLimiterRelease.CapturingBuilderFactory>();
            foreach (var add in ExtraServices)
            {
                add(services);
            }
        });
    }

    /// <summary>A client that sends no credentials (no cookies kept).</summary>
    public HttpClient CreateAnonymousClient() => CreateClient(Options(handleCookies: false));

    /// <summary>A client signed in as a demo user; its cookie handler keeps the session cookie.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoData.Password)
    {
        var client = CreateClient(Options(handleCookies: true));
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            client.Dispose();
            throw new InvalidOperationException(
                $"Signing in as {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{DescribeServerLog()}");
        }
        return client;
    }

    /// <summary>
    /// Client options: on the in-memory test server any base address reaches the app; on real Kestrel (a test that
    /// called <c>UseKestrel</c>) clients must be pointed at the address it listens on.
    /// </summary>
    public WebApplicationFactoryClientOptions Options(bool handleCookies)
    {
        var options = new WebApplicationFactoryClientOptions { HandleCookies = handleCookies, AllowAutoRedirect = false };
        if (Services.GetRequiredService<IServer>() is not TestServer
            && Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address)
        {
            options.BaseAddress = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal));
        }
        return options;
    }

    /// <summary>Runs <paramref name="work"/> on a database context of the server (for reading or tampering with rows directly).</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<WorkflowDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkflowDbContext>());
    }

    public string DescribeServerLog() =>
        ServerLog.IsEmpty ? "" : Environment.NewLine + "Server log:" + Environment.NewLine + string.Join(Environment.NewLine, ServerLog);

    public override async ValueTask DisposeAsync()
    {
        try
        {
            // Found before the host goes (the walk reads the live pipeline), disposed after it stopped.
            var limiters = _host?.Services.GetService<RateLimiterRelease>()?.Limiters() ?? [];
            await base.DisposeAsync();
            foreach (var limiter in limiters)
            {
                await limiter.DisposeAsync();
            }
        }
        finally
        {
            ServerCensus.Disposed(this);
            if (_ownsDatabase && Database is not null)
            {
                await Database.DisposeAsync();
            }
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> queue, LogLevel minimum) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(queue, categoryName, minimum);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> queue, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                queue.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}
