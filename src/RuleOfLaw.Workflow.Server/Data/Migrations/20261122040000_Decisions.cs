using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// The collective decision and what follows it (issue 3, steps 7-12): meetings, agenda items and statements
/// (第二十九条至第三十一条), the Party committee report, publication, per-recipient filing, archiving, execution events,
/// public objections, adjustment links and post-decision evaluations (第三十二条至第三十七条). Hand-written and
/// provider-neutral; MigratedSchemaMatchesModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261122040000_Decisions")]
public sealed class Decisions : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("Meetings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DecisionOrganId = t.Column<string>(maxLength: 64, nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Date = t.Column<DateOnly>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            AttendanceJson = t.Column<string>(nullable: true),
            CreatedBy = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Meetings", x => x.Id));
        b.CreateIndex("IX_Meetings_DecisionOrganId", "Meetings", "DecisionOrganId");

        b.CreateTable("AgendaItems", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MeetingId = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            SchedulingTaskId = t.Column<Guid>(nullable: false),
            Position = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Outcome = t.Column<string>(maxLength: 64, nullable: true),
            MaterialsJson = t.Column<string>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            DecidedAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AgendaItems", x => x.Id);
            t.ForeignKey("FK_AgendaItems_Meetings_MeetingId", x => x.MeetingId, "Meetings", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_AgendaItems_MeetingId", "AgendaItems", "MeetingId");
        b.CreateIndex("IX_AgendaItems_MatterId", "AgendaItems", "MatterId");
        b.CreateIndex("IX_AgendaItems_SchedulingTaskId", "AgendaItems", "SchedulingTaskId", unique: true);

        b.CreateTable("MeetingStatements", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            AgendaItemId = t.Column<Guid>(nullable: false),
            Sequence = t.Column<int>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            UserName = t.Column<string>(maxLength: 200, nullable: false),
            Capacity = t.Column<string>(maxLength: 20, nullable: false),
            Position = t.Column<string>(maxLength: 64, nullable: false),
            Text = t.Column<string>(nullable: false),
            Reason = t.Column<string>(nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MeetingStatements", x => x.Id);
            t.ForeignKey("FK_MeetingStatements_AgendaItems_AgendaItemId", x => x.AgendaItemId, "AgendaItems", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_MeetingStatements_AgendaItemId_UserId", "MeetingStatements", ["AgendaItemId", "UserId"], unique: true);

        b.CreateTable("PartyCommitteeReports", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            TaskId = t.Column<Guid>(nullable: false),
            ReportedOn = t.Column<DateOnly>(nullable: false),
            Form = t.Column<string>(maxLength: 40, nullable: false),
            ReplyNote = t.Column<string>(nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_PartyCommitteeReports", x => x.Id));
        b.CreateIndex("IX_PartyCommitteeReports_TaskId", "PartyCommitteeReports", "TaskId", unique: true);
        b.CreateIndex("IX_PartyCommitteeReports_MatterId", "PartyCommitteeReports", "MatterId");

        b.CreateTable("DecisionPublications", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            TaskId = t.Column<Guid>(nullable: false),
            ChannelsJson = t.Column<string>(nullable: false),
            PublishedOn = t.Column<DateOnly>(nullable: false),
            OpinionsUse = t.Column<string>(nullable: true),
            DueOn = t.Column<DateOnly>(nullable: true),
            DaysLate = t.Column<int>(nullable: false),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DecisionPublications", x => x.Id));
        b.CreateIndex("IX_DecisionPublications_TaskId", "DecisionPublications", "TaskId", unique: true);
        b.CreateIndex("IX_DecisionPublications_MatterId", "DecisionPublications", "MatterId");

        b.CreateTable("FilingRecords", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            TaskId = t.Column<Guid>(nullable: false),
            RecipientId = t.Column<string>(maxLength: 64, nullable: false),
            RecipientName = t.Column<string>(maxLength: 200, nullable: false),
            IssuedOn = t.Column<DateOnly>(nullable: false),
            DueOn = t.Column<DateOnly>(nullable: false),
            DueRule = t.Column<string>(nullable: false),
            SubmittedOn = t.Column<DateOnly>(nullable: false),
            ReceiptNumber = t.Column<string>(maxLength: 100, nullable: true),
            ReceivedOn = t.Column<DateOnly>(nullable: true),
            DaysLate = t.Column<int>(nullable: false),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_FilingRecords", x => x.Id));
        b.CreateIndex("IX_FilingRecords_TaskId_RecipientId", "FilingRecords", ["TaskId", "RecipientId"], unique: true);
        b.CreateIndex("IX_FilingRecords_MatterId", "FilingRecords", "MatterId");

        b.CreateTable("ArchiveRecords", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            TaskId = t.Column<Guid>(nullable: false),
            ArchivedOn = t.Column<DateOnly>(nullable: false),
            DossierNumber = t.Column<string>(maxLength: 100, nullable: true),
            ChecklistJson = t.Column<string>(nullable: false),
            DueOn = t.Column<DateOnly>(nullable: true),
            DaysLate = t.Column<int>(nullable: false),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ArchiveRecords", x => x.Id));
        b.CreateIndex("IX_ArchiveRecords_TaskId", "ArchiveRecords", "TaskId", unique: true);
        b.CreateIndex("IX_ArchiveRecords_MatterId", "ArchiveRecords", "MatterId");

        b.CreateTable("ExecutionEvents", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Text = t.Column<string>(nullable: false),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedByName = t.Column<string>(maxLength: 200, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ExecutionEvents", x => x.Id));
        b.CreateIndex("IX_ExecutionEvents_MatterId", "ExecutionEvents", "MatterId");

        b.CreateTable("PublicObjections", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            ReceiptNumber = t.Column<string>(maxLength: 32, nullable: false),
            Text = t.Column<string>(nullable: false),
            SubmitterName = t.Column<string>(maxLength: 100, nullable: true),
            Contact = t.Column<string>(maxLength: 200, nullable: true),
            ClientKey = t.Column<string>(maxLength: 100, nullable: true),
            RequestHash = t.Column<string>(maxLength: 64, nullable: false),
            ReceivedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_PublicObjections", x => x.Id));
        b.CreateIndex("IX_PublicObjections_ReceiptNumber", "PublicObjections", "ReceiptNumber", unique: true);
        b.CreateIndex("IX_PublicObjections_MatterId_ClientKey", "PublicObjections", ["MatterId", "ClientKey"], unique: true);

        b.CreateTable("MatterLinks", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OriginalMatterId = t.Column<Guid>(nullable: false),
            NewMatterId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Reason = t.Column<string>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_MatterLinks", x => x.Id));
        b.CreateIndex("IX_MatterLinks_OriginalMatterId", "MatterLinks", "OriginalMatterId");
        b.CreateIndex("IX_MatterLinks_NewMatterId", "MatterLinks", "NewMatterId", unique: true);

        b.CreateTable("DecisionEvaluations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            DecisionOrganId = t.Column<string>(maxLength: 64, nullable: false),
            Year = t.Column<int>(nullable: false),
            Trigger = t.Column<string>(maxLength: 40, nullable: false),
            EvaluatorOrganizationId = t.Column<string>(maxLength: 64, nullable: false),
            Note = t.Column<string>(nullable: true),
            StartedBy = t.Column<string>(maxLength: 450, nullable: false),
            StartedAt = t.Column<DateTimeOffset>(nullable: false),
            Outcome = t.Column<string>(maxLength: 20, nullable: true),
            Conclusion = t.Column<string>(nullable: true),
            CompletedBy = t.Column<string>(maxLength: 450, nullable: true),
            CompletedAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_DecisionEvaluations", x => x.Id));
        b.CreateIndex("IX_DecisionEvaluations_MatterId", "DecisionEvaluations", "MatterId");
        b.CreateIndex("IX_DecisionEvaluations_DecisionOrganId_Year", "DecisionEvaluations", ["DecisionOrganId", "Year"]);

        b.CreateTable("EvaluationInputs", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EvaluationId = t.Column<Guid>(nullable: false),
            Source = t.Column<string>(maxLength: 40, nullable: false),
            SourceName = t.Column<string>(maxLength: 200, nullable: true),
            Text = t.Column<string>(nullable: false),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvaluationInputs", x => x.Id);
            t.ForeignKey("FK_EvaluationInputs_DecisionEvaluations_EvaluationId", x => x.EvaluationId, "DecisionEvaluations", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_EvaluationInputs_EvaluationId", "EvaluationInputs", "EvaluationId");
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var table in new[]
        {
            "EvaluationInputs", "DecisionEvaluations", "MatterLinks", "PublicObjections", "ExecutionEvents", "ArchiveRecords",
            "FilingRecords", "DecisionPublications", "PartyCommitteeReports", "MeetingStatements", "AgendaItems", "Meetings",
        })
        {
            b.DropTable(table);
        }
    }
}
