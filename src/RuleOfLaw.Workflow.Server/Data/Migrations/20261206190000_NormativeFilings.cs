using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>Normative documents' filings (one per recipient) and citizens' review suggestions (issue 14 item 6).</summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206190000_NormativeFilings")]
public sealed class NormativeFilings : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("NormativeFilings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DocumentId = t.Column<Guid>(nullable: false),
            RecipientKind = t.Column<string>(maxLength: 40, nullable: false),
            RecipientOrganizationId = t.Column<string>(maxLength: 64, nullable: false),
            DueOn = t.Column<DateOnly>(nullable: false),
            DueRule = t.Column<string>(maxLength: 1000, nullable: false),
            Status = t.Column<string>(maxLength: 24, nullable: false),
            FirstFiledOn = t.Column<DateOnly>(nullable: true),
            LastFiledAt = t.Column<DateTimeOffset>(nullable: true),
            Returns = t.Column<int>(nullable: false),
            ReturnReason = t.Column<string>(maxLength: 2000, nullable: true),
            RegisteredAt = t.Column<DateTimeOffset>(nullable: true),
            ReviewedAt = t.Column<DateTimeOffset>(nullable: true),
            Result = t.Column<string>(maxLength: 16, nullable: true),
            Reasons = t.Column<string>(maxLength: 4000, nullable: true),
            CorrectionDueOn = t.Column<DateOnly>(nullable: true),
            CorrectionAnswer = t.Column<string>(maxLength: 4000, nullable: true),
            CorrectionAnsweredAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NormativeFilings", x => x.Id);
            t.ForeignKey("FK_NormativeFilings_NormativeDocuments_DocumentId", x => x.DocumentId, "NormativeDocuments", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_NormativeFilings_Organizations_RecipientOrganizationId", x => x.RecipientOrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_NormativeFilings_DocumentId_RecipientKind", "NormativeFilings", ["DocumentId", "RecipientKind"], unique: true);
        b.CreateIndex("IX_NormativeFilings_RecipientOrganizationId_Status", "NormativeFilings", ["RecipientOrganizationId", "Status"]);

        b.CreateTable("NormativeReviewSuggestions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DocumentId = t.Column<Guid>(nullable: false),
            RecipientOrganizationId = t.Column<string>(maxLength: 64, nullable: false),
            Receipt = t.Column<string>(maxLength: 32, nullable: false),
            SubmitterName = t.Column<string>(maxLength: 200, nullable: false),
            Contact = t.Column<string>(maxLength: 200, nullable: true),
            Text = t.Column<string>(maxLength: 8000, nullable: false),
            SubmittedAt = t.Column<DateTimeOffset>(nullable: false),
            ReplyDueOn = t.Column<DateOnly>(nullable: false),
            Reply = t.Column<string>(maxLength: 8000, nullable: true),
            RepliedAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NormativeReviewSuggestions", x => x.Id);
            t.ForeignKey("FK_NormativeReviewSuggestions_NormativeDocuments_DocumentId", x => x.DocumentId, "NormativeDocuments", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_NormativeReviewSuggestions_Organizations", x => x.RecipientOrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_NormativeReviewSuggestions_Receipt", "NormativeReviewSuggestions", "Receipt", unique: true);
        b.CreateIndex("IX_NormativeReviewSuggestions_DocumentId", "NormativeReviewSuggestions", "DocumentId");
        b.CreateIndex("IX_NormativeReviewSuggestions_RecipientOrganizationId", "NormativeReviewSuggestions", "RecipientOrganizationId");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("NormativeReviewSuggestions");
        b.DropTable("NormativeFilings");
    }
}
