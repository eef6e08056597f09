using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Public participation (arts. 14-18): consultations, their public comments, the responses to comments or groups,
/// other participation activities, and hearings (arts. 16-17). Hand-written and provider-neutral like <see cref="Initial"/>;
/// MigratedSchemaMatchesModelTests proves the result equals the model.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261122020000_Participation")]
public sealed class Participation : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("Consultations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            DraftText = t.Column<string>(nullable: false),
            Explanation = t.Column<string>(nullable: false),
            DocumentVersionIdsJson = t.Column<string>(nullable: false),
            OpensAt = t.Column<DateTimeOffset>(nullable: false),
            ClosesAt = t.Column<DateTimeOffset>(nullable: false),
            MinimumClosesAt = t.Column<DateTimeOffset>(nullable: false),
            MinimumRule = t.Column<string>(maxLength: 1000, nullable: false),
            Shortened = t.Column<bool>(nullable: false),
            UrgencyReason = t.Column<string>(maxLength: 2000, nullable: true),
            PublishedBy = t.Column<string>(maxLength: 450, nullable: false),
            PublishedByName = t.Column<string>(maxLength: 200, nullable: false),
            PublishedAt = t.Column<DateTimeOffset>(nullable: false),
            CommentSequence = t.Column<int>(nullable: false),
            SealedAt = t.Column<DateTimeOffset>(nullable: true),
            ClosedAt = t.Column<DateTimeOffset>(nullable: true),
            CommentCount = t.Column<int>(nullable: true),
            CommentsHash = t.Column<string>(maxLength: 64, nullable: true),
            FeedbackSummary = t.Column<string>(maxLength: 10000, nullable: true),
            FeedbackPublishedAt = t.Column<DateTimeOffset>(nullable: true),
            FeedbackPublishedBy = t.Column<string>(maxLength: 450, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Consultations", x => x.Id);
            t.ForeignKey("FK_Consultations_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("ConsultationComments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ConsultationId = t.Column<Guid>(nullable: false),
            Sequence = t.Column<int>(nullable: false),
            ReceiptNumber = t.Column<string>(maxLength: 64, nullable: false),
            ReceivedAt = t.Column<DateTimeOffset>(nullable: false),
            SubmitterType = t.Column<string>(maxLength: 20, nullable: false),
            SubmitterName = t.Column<string>(maxLength: 200, nullable: true),
            Contact = t.Column<string>(maxLength: 200, nullable: true),
            Text = t.Column<string>(maxLength: 5000, nullable: false),
            GroupKey = t.Column<string>(maxLength: 64, nullable: false),
            IdempotencyKey = t.Column<string>(maxLength: 100, nullable: true),
            RequestHash = t.Column<string>(maxLength: 64, nullable: false),
            Hidden = t.Column<bool>(nullable: false),
            HiddenReason = t.Column<string>(maxLength: 2000, nullable: true),
            HiddenBy = t.Column<string>(maxLength: 450, nullable: true),
            HiddenAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ConsultationComments", x => x.Id);
            t.ForeignKey("FK_ConsultationComments_Consultations_ConsultationId", x => x.ConsultationId, "Consultations", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("CommentResponses", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ConsultationId = t.Column<Guid>(nullable: false),
            CommentId = t.Column<Guid>(nullable: true),
            GroupKey = t.Column<string>(maxLength: 64, nullable: true),
            Decision = t.Column<string>(maxLength: 20, nullable: false),
            Reason = t.Column<string>(maxLength: 2000, nullable: true),
            RespondedBy = t.Column<string>(maxLength: 450, nullable: false),
            RespondedByName = t.Column<string>(maxLength: 200, nullable: false),
            RespondedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CommentResponses", x => x.Id);
            t.ForeignKey("FK_CommentResponses_Consultations_ConsultationId", x => x.ConsultationId, "Consultations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_CommentResponses_ConsultationComments_CommentId", x => x.CommentId, "ConsultationComments", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("ParticipationActivities", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            Method = t.Column<string>(maxLength: 64, nullable: false),
            HeldOn = t.Column<DateOnly>(nullable: false),
            Summary = t.Column<string>(maxLength: 10000, nullable: false),
            ParticipantCount = t.Column<int>(nullable: true),
            SpecificGroup = t.Column<bool>(nullable: false),
            GroupName = t.Column<string>(maxLength: 200, nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedByName = t.Column<string>(maxLength: 200, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ParticipationActivities", x => x.Id);
            t.ForeignKey("FK_ParticipationActivities_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("Hearings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            ScheduledAt = t.Column<DateTimeOffset>(nullable: false),
            Place = t.Column<string>(maxLength: 200, nullable: false),
            SelectionMethod = t.Column<string>(maxLength: 2000, nullable: false),
            ParticipantsJson = t.Column<string>(nullable: false),
            MaterialsDueOn = t.Column<DateOnly>(nullable: false),
            AnnouncedAt = t.Column<DateTimeOffset>(nullable: false),
            AnnouncedBy = t.Column<string>(maxLength: 450, nullable: false),
            MaterialsDeliveredAt = t.Column<DateTimeOffset>(nullable: true),
            HeldAt = t.Column<DateTimeOffset>(nullable: true),
            RecordSummary = t.Column<string>(maxLength: 10000, nullable: true),
            ConfirmationsJson = t.Column<string>(nullable: false),
            CancelledAt = t.Column<DateTimeOffset>(nullable: true),
            CancelReason = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Hearings", x => x.Id);
            t.ForeignKey("FK_Hearings_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateIndex("IX_Hearings_MatterId", "Hearings", "MatterId");
        b.CreateIndex("IX_Consultations_MatterId", "Consultations", "MatterId");
        b.CreateIndex("IX_ConsultationComments_ReceiptNumber", "ConsultationComments", "ReceiptNumber", unique: true);
        b.CreateIndex("IX_ConsultationComments_ConsultationId_Sequence", "ConsultationComments", ["ConsultationId", "Sequence"], unique: true);
        b.CreateIndex("IX_ConsultationComments_ConsultationId_IdempotencyKey", "ConsultationComments", ["ConsultationId", "IdempotencyKey"], unique: true);
        b.CreateIndex("IX_ConsultationComments_ConsultationId_GroupKey", "ConsultationComments", ["ConsultationId", "GroupKey"]);
        b.CreateIndex("IX_CommentResponses_ConsultationId", "CommentResponses", "ConsultationId");
        b.CreateIndex("IX_CommentResponses_CommentId", "CommentResponses", "CommentId");
        b.CreateIndex("IX_ParticipationActivities_MatterId", "ParticipationActivities", "MatterId");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("CommentResponses");
        b.DropTable("ConsultationComments");
        b.DropTable("ParticipationActivities");
        b.DropTable("Hearings");
        b.DropTable("Consultations");
    }
}
