using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Migrations;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>
/// A database that ran Quartz (issue 4 until issue 13) has its QRTZ_* tables, made by Quartz itself; the migration
/// after the switch to Hangfire drops them and leaves everything else alone.
/// </summary>
public sealed class DropQuartzTablesTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Migrating_a_database_that_ran_Quartz_drops_its_tables_and_keeps_the_timers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(builder, database.Options, contentRoot: Path.GetTempPath());
        await using var db = new WorkflowDbContext(builder.Options);
        await db.GetService<IMigrator>().MigrateAsync("20261122050000_Scheduling");

        // Quartz's tables as Quartz named them: lower case on PostgreSQL (unquoted), upper case on SQLite; with the
        // foreign keys Quartz has between them, and a row, so that the drop order matters.
        string Name(string table) => provider == DatabaseProvider.PostgreSql ? table.ToLowerInvariant() : table;
        // Parents first (the migration's list has children first).
        foreach (var table in DropQuartzTables.QuartzTables.Reverse())
        {
            var columns = table switch
            {
                "QRTZ_JOB_DETAILS" => "job_name VARCHAR(200) UNIQUE",
                "QRTZ_TRIGGERS" => $"trigger_name VARCHAR(200) UNIQUE, job_name VARCHAR(200) REFERENCES {Name("QRTZ_JOB_DETAILS")}(job_name)",
                "QRTZ_SIMPLE_TRIGGERS" or "QRTZ_SIMPROP_TRIGGERS" or "QRTZ_CRON_TRIGGERS" or "QRTZ_BLOB_TRIGGERS" =>
                    $"trigger_name VARCHAR(200) REFERENCES {Name("QRTZ_TRIGGERS")}(trigger_name)",
                _ => "entry VARCHAR(200)",
            };
            var create = $"CREATE TABLE {Name(table)} (sched_name VARCHAR(120) NOT NULL, {columns})";
            await db.Database.ExecuteSqlRawAsync(create);
        }
        foreach (var insert in new[]
        {
            $"INSERT INTO {Name("QRTZ_JOB_DETAILS")} (sched_name, job_name) VALUES ('s', 'fire-timer')",
            $"INSERT INTO {Name("QRTZ_TRIGGERS")} (sched_name, trigger_name, job_name) VALUES ('s', 't1', 'fire-timer')",
            $"INSERT INTO {Name("QRTZ_SIMPLE_TRIGGERS")} (sched_name, trigger_name) VALUES ('s', 't1')",
        })
        {
            await db.Database.ExecuteSqlRawAsync(insert);
        }
        Assert.Equal(DropQuartzTables.QuartzTables.Length, await CountQuartzTablesAsync(db, provider));

        await DatabaseRegistration.MigrateAsync(db, CancellationToken.None);

        Assert.Equal(0, await CountQuartzTablesAsync(db, provider));
        Assert.Equal(0, await db.Set<RuleOfLaw.Workflow.Server.Scheduling.ScheduledTimer>().CountAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private static async Task<int> CountQuartzTablesAsync(WorkflowDbContext db, DatabaseProvider provider) =>
        await db.Database.SqlQueryRaw<int>(provider == DatabaseProvider.PostgreSql
            ? "SELECT count(*)::int AS \"Value\" FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'qrtz\\_%'"
            : "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ\\_%' ESCAPE '\\'").SingleAsync();
}
