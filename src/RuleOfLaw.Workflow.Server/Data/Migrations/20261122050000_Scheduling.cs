using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Durable timers, the mail outbox and mail preferences (issue 4). Quartz's own tables are not here: Quartz 4
/// creates whatever is missing of its schema when the scheduler starts (SchemaProvisioning.CreateIfMissing).
/// Instants compared in queries are UTC milliseconds (see Data/UnixMilliseconds).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261122050000_Scheduling")]
public sealed class Scheduling : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("ScheduledTimers", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 64, nullable: false),
            InstanceId = t.Column<Guid>(nullable: true),
            MatterId = t.Column<Guid>(nullable: true),
            TaskId = t.Column<Guid>(nullable: true),
            StepId = t.Column<string>(maxLength: 64, nullable: true),
            DueAt = t.Column<long>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            PayloadJson = t.Column<string>(nullable: true),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            FiredAt = t.Column<DateTimeOffset>(nullable: true),
            Note = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ScheduledTimers", x => x.Id));
        b.CreateIndex("IX_ScheduledTimers_Status_DueAt", "ScheduledTimers", ["Status", "DueAt"]);
        b.CreateIndex("IX_ScheduledTimers_InstanceId", "ScheduledTimers", "InstanceId");

        b.CreateTable("MailOutbox", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EventKey = t.Column<string>(maxLength: 300, nullable: false),
            Kind = t.Column<string>(maxLength: 64, nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: true),
            ToAddress = t.Column<string>(maxLength: 256, nullable: false),
            Subject = t.Column<string>(maxLength: 500, nullable: false),
            Body = t.Column<string>(nullable: false),
            MatterId = t.Column<Guid>(nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Digest = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            NextAttemptAt = t.Column<long>(nullable: false),
            Attempts = t.Column<int>(nullable: false),
            LastError = t.Column<string>(maxLength: 2000, nullable: true),
            SentAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_MailOutbox", x => x.Id));
        b.CreateIndex("IX_MailOutbox_EventKey", "MailOutbox", "EventKey", unique: true);
        b.CreateIndex("IX_MailOutbox_Status_NextAttemptAt", "MailOutbox", ["Status", "NextAttemptAt"]);

        b.CreateTable("MailPreferences", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Delivery = t.Column<string>(maxLength: 16, nullable: false),
            Language = t.Column<string>(maxLength: 8, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_MailPreferences", x => x.UserId));
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("MailPreferences");
        b.DropTable("MailOutbox");
        b.DropTable("ScheduledTimers");
    }
}
