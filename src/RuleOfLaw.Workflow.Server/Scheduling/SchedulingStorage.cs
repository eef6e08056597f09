using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Where Hangfire keeps its jobs, by database provider (docs/deadlines-and-mail.md, "Storage"). The timer rows are the
/// truth in every case; the job storage only has to hold what fires next, and anything it lacks is re-armed from the
/// rows at start-up and by the periodic reconciliation.
/// </summary>
public static class SchedulingStorage
{
    /// <summary>The schema Hangfire's tables live in, on the application's own PostgreSQL database.</summary>
    public const string PostgreSqlSchema = "hangfire";

    public static JobStorage Create(DatabaseOptions database, SchedulingOptions scheduling) => database.Provider switch
    {
        // Several servers on one database: a queued job is fetched by exactly one of them (row locks), the delayed
        // and recurring schedulers run under distributed locks. Hangfire creates its schema if it is missing.
        DatabaseProvider.PostgreSql => PostgreSql(database.ConnectionString!, scheduling),
        // The embedded single-node default: jobs in memory, re-armed from the timer rows when the server starts (a
        // test decides it: TimerFiringTests, LongTimerTests). No second writer on the SQLite file, nothing to migrate.
        DatabaseProvider.Sqlite => new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Guid }),
        // As on PostgreSQL: several servers on one database, Hangfire's tables in their own schema, created if missing.
        // Written to Hangfire.SqlServer's documentation; never run against a live SQL Server (docs/configuration.md).
        DatabaseProvider.SqlServer => SqlServer(database.ConnectionString!, scheduling),
        _ => throw new NotSupportedException($"No Hangfire storage for database provider {database.Provider}."),
    };

    /// <summary>The schema Hangfire's tables live in, on the application's own SQL Server database.</summary>
    public const string SqlServerSchema = "hangfire";

    private static SqlServerStorage SqlServer(string connectionString, SchedulingOptions scheduling) => new(connectionString, new SqlServerStorageOptions
    {
        SchemaName = SqlServerSchema,
        PrepareSchemaIfNecessary = true,
        // The same client as EF Core's provider, not the deprecated System.Data.SqlClient.
        SqlClientFactory = Microsoft.Data.SqlClient.SqlClientFactory.Instance,
        QueuePollInterval = TimeSpan.FromSeconds(Math.Max(0.2, scheduling.IdleWaitSeconds)),
    });

    private static PostgreSqlStorage PostgreSql(string connectionString, SchedulingOptions scheduling)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgreSqlSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(Math.Max(0.2, scheduling.IdleWaitSeconds)),
            // LISTEN/NOTIFY: a job enqueued on any node (a past-due timer, a due one the scheduler just moved) wakes an
            // idle worker at once instead of at its next queue poll (PostgreSQL 11 or later).
            EnableLongPolling = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
