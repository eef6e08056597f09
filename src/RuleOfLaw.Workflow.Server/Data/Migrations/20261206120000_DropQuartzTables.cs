using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Quartz is gone (issue 13: Hangfire fires the timers; the ScheduledTimers rows were and stay the truth), so its
/// tables go too. Quartz 4 created them itself on the application's database at start-up (SchemaProvisioning,
/// default prefix <c>QRTZ_</c>): on PostgreSQL unquoted, i.e. folded to lower case (<c>qrtz_triggers</c>…), on SQLite
/// as written (<c>QRTZ_TRIGGERS</c>…). A database that never ran Quartz (new, or another provider) has none: nothing
/// is dropped there. Nothing in them is needed: every pending timer is re-armed from its row when the server starts.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206120000_DropQuartzTables")]
public sealed class DropQuartzTables : Migration
{
    /// <summary>Quartz 4's ADO.NET job store tables, children before the tables their foreign keys point to.</summary>
    public static readonly string[] QuartzTables =
    [
        "QRTZ_FIRED_TRIGGERS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS",
        "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_BLOB_TRIGGERS",
        "QRTZ_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_CALENDARS",
    ];

    protected override void Up(MigrationBuilder b)
    {
        if (b.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            // Every qrtz_* table of the schema the application uses (whatever Quartz version made them), in one go:
            // CASCADE takes the foreign keys between them.
            b.Sql("""
                DO $$
                DECLARE t record;
                BEGIN
                    FOR t IN SELECT tablename FROM pg_tables
                             WHERE schemaname = current_schema() AND lower(tablename) LIKE 'qrtz\_%' ESCAPE '\'
                    LOOP
                        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
                    END LOOP;
                END $$;
                """);
        }
        else if (b.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // No dynamic SQL in SQLite: the known list (SQLite names are case-insensitive).
            foreach (var table in QuartzTables)
            {
                b.Sql($"DROP TABLE IF EXISTS \"{table}\";");
            }
        }
    }

    protected override void Down(MigrationBuilder b)
    {
        // Not recreated: no version of the application after this one uses them.
    }
}
