using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Calendars;

namespace RuleOfLaw.Workflow.Server.Startup;

/// <summary>
/// Runs before the server accepts requests: migrate the database, load the jurisdiction settings and install the
/// definitions (an invalid file stops the start with its name, JSON path and problem), move instances of declared
/// upgrades (<see cref="PinnedInstanceUpgrade"/>), create the first
/// administrator (Bootstrap:*) on an empty database, seed the demo data when enabled.
/// </summary>
public sealed partial class StartupInitializer(
    IServiceProvider services, DefinitionRegistry registry, JurisdictionRegistry jurisdictions, IOptions<WorkflowsOptions> workflows, IOptions<DemoOptions> demo,
    DeadlineCalculator deadlines,
    IHostEnvironment environment, TimeProvider clock, ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Checked before anything is touched: the demo users share a published password.
        if (demo.Value.Seed == true && environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Demo:Seed=true is refused in Production: the demo users all have the published password " +
                $"'{DemoData.Password}'. Remove Demo:Seed (or set it to false) and create the first administrator with Bootstrap:* instead " +
                "(docs/configuration.md). 生产环境不得启用演示数据（Demo:Seed）。");
        }
        // Each step's wall time, logged in one line at the end: start-up time is a measured goal (issue 21 goal 5,
        // bench/startup.sh), and this line says where it went on the machine at hand.
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var steps = new StartupSteps((long)(DateTime.UtcNow - process.StartTime.ToUniversalTime()).TotalMilliseconds);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        await DatabaseRegistration.MigrateAsync(db, cancellationToken);
        steps.Done("migrate");
        // Migrated: /health need not ask the database for pending migrations again (Health/SchemaState).
        services.GetRequiredService<Health.SchemaState>().MarkUpToDate();
        // The shared data-protection key ring (cookies, form tokens) is read once the table exists (docs/operations.md).
        Cluster.DataProtectionRegistration.LoadKeyRing(services, clock.GetUtcNow());
        steps.Done("key ring");
        var sealedCount = await Integrity.IntegrityRegistration.SealLegacyEntriesAsync(db,
            scope.ServiceProvider.GetRequiredService<Integrity.KeyRing>(), scope.ServiceProvider.GetRequiredService<Integrity.JournalSeal>(), cancellationToken);
        if (sealedCount > 0)
        {
            LogSealed(logger, sealedCount);
        }
        // Contact details still plain (written before encryption at rest) or under a rotated-out data-sm4 key are
        // (re-)encrypted here, not in a migration: the key is outside the database (docs/security.md).
        var cipher = scope.ServiceProvider.GetRequiredService<Participation.ContactCipher>();
        var comments = await cipher.SealStoredAsync<Participation.ConsultationComment>(db, cancellationToken);
        var objections = await cipher.SealStoredAsync<AfterDecision.PublicObjection>(db, cancellationToken);
        var suggestions = await cipher.SealStoredAsync<NormativeDocuments.NormativeReviewSuggestion>(db, cancellationToken);
        var contactsSealed = comments.Sealed + objections.Sealed + suggestions.Sealed;
        var contactsUnreadable = comments.Unreadable + objections.Unreadable + suggestions.Unreadable;
        if (contactsSealed + contactsUnreadable > 0)
        {
            LogContactsSealed(logger, contactsSealed, contactsUnreadable);
        }
        steps.Done("seal journal and contacts");

        // Resolving the calculator loads every holiday calendar file and the time zone: a broken file stops the start
        // here instead of failing the first command that counts a deadline.
        // Years an administrator loaded through the API are stored in the database, besides the files.
        await scope.ServiceProvider.GetRequiredService<CalendarYears>().RefreshAsync(cancellationToken);
        LogCalendars(logger, string.Join(", ", deadlines.Calendar.Years.Order()), deadlines.TimeZone.Id);
        steps.Done("calendars");
        var directory = WorkflowsOptions.Resolve(workflows.Value.Directory, environment.ContentRootPath);
        jurisdictions.Load(directory);
        LogJurisdictions(logger, string.Join(", ", jurisdictions.All.Select(j => $"{j.Id} ({j.TimeZone})")));
        await registry.InstallAsync(directory, db, clock, cancellationToken);
        LogDefinitions(logger, registry.Current.Count, directory);
        steps.Done("jurisdictions and definitions");
        // Every step id a module names must exist in the installed definition (docs/architecture.md, "Writing a module").
        Modules.ModuleStepCheck.Verify(Modules.ModuleDescriptors.All, registry.Latest);
        // Instances pinned to a version whose successor only moved law into the definition follow it (logged there).
        await scope.ServiceProvider.GetRequiredService<PinnedInstanceUpgrade>().RunAsync(cancellationToken);
        steps.Done("module check and upgrades");

        var seedDemo = demo.Value.Seed ?? environment.IsDevelopment();
        await scope.ServiceProvider.GetRequiredService<BootstrapAdministrator>().RunAsync(seedDemo, cancellationToken);
        if (seedDemo)
        {
            await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), cancellationToken);
            LogDemo(logger, string.Join(", ", DemoData.Users.Select(u => u.UserName)), DemoData.Password);
        }
        steps.Done(seedDemo ? "bootstrap and demo seed" : "bootstrap");
        LogSteps(logger, steps.BeforeMs, steps.ToString());
    }

    /// <summary>Wall time per start-up step, in milliseconds.</summary>
    private sealed class StartupSteps(long beforeMs)
    {
        private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
        private readonly List<string> _steps = [];

        /// <summary>From the process's start to this initializer: the runtime, configuration, the service provider.</summary>
        public long BeforeMs { get; } = beforeMs;

        public void Done(string step)
        {
            _steps.Add($"{step} {_watch.ElapsedMilliseconds}");
            _watch.Restart();
        }

        public override string ToString() => string.Join(", ", _steps);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up: {BeforeMs} ms from the process's start to the initializer; then (ms) {Steps}")]
    private static partial void LogSteps(ILogger logger, long beforeMs, string steps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "New key ring: sealed {Count} journal entries written before the keyed chain (their MACs attest their content as of now)")]
    private static partial void LogSealed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contact details: {Count} encrypted under the current data-sm4 key; {Unreadable} could not be decrypted (key missing from the key ring or altered) and were left as they are")]
    private static partial void LogContactsSealed(ILogger logger, int count, int unreadable);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed {Count} procedure definition(s) from {Directory}")]
    private static partial void LogDefinitions(ILogger logger, int count, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Jurisdictions: {Jurisdictions}")]
    private static partial void LogJurisdictions(ILogger logger, string jurisdictions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Holiday calendars for {Years}; deadlines counted in {TimeZone}")]
    private static partial void LogCalendars(ILogger logger, string years, string timeZone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "演示数据已启用 / Demo data enabled. Users: {Users}. Password for all: {Password}. Swagger UI: /swagger")]
    private static partial void LogDemo(ILogger logger, string users, string password);
}
