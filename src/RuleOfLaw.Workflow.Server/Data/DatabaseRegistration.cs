using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Data;

public static class DatabaseRegistration
{
    public static IServiceCollection AddWorkflowDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Provider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required for PostgreSQL and SQL Server.")
            .ValidateOnStart();
        services.AddDbContext<WorkflowDbContext>((sp, builder) =>
        {
            Configure(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, contentRoot);
            // Registered interceptors, e.g. the one that keeps the nodes' public page caches coherent (Cluster/PublicCacheSync).
            builder.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string contentRoot)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(options, contentRoot), o => o.CommandTimeout(options.CommandTimeoutSeconds));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(options.ConnectionString, o => o.CommandTimeout(options.CommandTimeoutSeconds));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(options.ConnectionString, o => o.CommandTimeout(options.CommandTimeoutSeconds));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown Database:Provider.");
        }
        // Two sets of migrations live in this assembly: the hand-written, provider-neutral ones for SQLite and
        // PostgreSQL, and the ones dotnet-ef generated for SQL Server (Data/Migrations/SqlServer). Each provider sees
        // only its own set (docs/configuration.md, "SQL Server").
        builder.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        if (options.Provider != DatabaseProvider.SqlServer)
        {
            // The hand-written migrations have no model snapshot, so EF cannot compare them with the model itself;
            // MigratedSchemaMatchesModelTests does that on both providers. SQL Server's set has a snapshot, and there
            // EF's own check stays on: migrating refuses to run while the model has changes no migration covers.
            builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        }
        // A failed save is not an error by itself: every writer either retries it (a timer racing a command, two
        // twins of one key), logging that in one line, or lets it reach the exception handler, which logs the
        // unexpected ones as errors. EF's own Error entry with a stack trace for each expected retry only alarms.
        builder.ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug)));
    }

    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }
        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "rule-of-law.db"), Pooling = true }.ToString();
    }

    /// <summary>Applies pending migrations; on SQLite also turns on WAL so readers do not block the writer.</summary>
    public static async Task MigrateAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            var folder = Path.GetDirectoryName(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        // A warm start has nothing to apply. Asking which migrations are applied is one query of the history table;
        // MigrateAsync would also take EF's migration lock and compare the model with the last migration's snapshot
        // (EF Core 9+), which was the largest share of a warm start's CPU (issue 21 goal 5, bench/startup.sh). A model
        // changed without its migration is caught by the tests (Data/MigratedSchemaMatchesModelTests), not at every start.
        if (!(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
