using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>Clean-up campaigns of normative documents and each document's result (issue 14 item 8).</summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261207030000_NormativeCleanups")]
public sealed class NormativeCleanups : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("NormativeCleanups", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            GovernmentId = t.Column<string>(maxLength: 64, nullable: false),
            Subject = t.Column<string>(maxLength: 500, nullable: false),
            IssuerId = t.Column<Guid>(nullable: true),
            FromYear = t.Column<int>(nullable: false),
            ToYear = t.Column<int>(nullable: false),
            TitleKeyword = t.Column<string>(maxLength: 100, nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            OpenedAt = t.Column<DateTimeOffset>(nullable: false),
            OpenedBy = t.Column<string>(maxLength: 450, nullable: false),
            ApprovedAt = t.Column<DateTimeOffset>(nullable: true),
            ApprovedBy = t.Column<string>(maxLength: 450, nullable: true),
            PublishedAt = t.Column<DateTimeOffset>(nullable: true),
            PublishedBy = t.Column<string>(maxLength: 450, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NormativeCleanups", x => x.Id);
            t.ForeignKey("FK_NormativeCleanups_Organizations_GovernmentId", x => x.GovernmentId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_NormativeCleanups_NormativeIssuers_IssuerId", x => x.IssuerId, "NormativeIssuers", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_NormativeCleanups_GovernmentId_Status", "NormativeCleanups", ["GovernmentId", "Status"]);
        b.CreateIndex("IX_NormativeCleanups_IssuerId", "NormativeCleanups", "IssuerId");

        b.CreateTable("NormativeCleanupItems", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CleanupId = t.Column<Guid>(nullable: false),
            DocumentId = t.Column<Guid>(nullable: false),
            Result = t.Column<string>(maxLength: 16, nullable: true),
            Reason = t.Column<string>(maxLength: 2000, nullable: true),
            ProposedAt = t.Column<DateTimeOffset>(nullable: true),
            ProposedBy = t.Column<string>(maxLength: 450, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NormativeCleanupItems", x => x.Id);
            t.ForeignKey("FK_NormativeCleanupItems_NormativeCleanups_CleanupId", x => x.CleanupId, "NormativeCleanups", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_NormativeCleanupItems_NormativeDocuments_DocumentId", x => x.DocumentId, "NormativeDocuments", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_NormativeCleanupItems_CleanupId_DocumentId", "NormativeCleanupItems", ["CleanupId", "DocumentId"], unique: true);
        b.CreateIndex("IX_NormativeCleanupItems_DocumentId", "NormativeCleanupItems", "DocumentId");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("NormativeCleanupItems");
        b.DropTable("NormativeCleanups");
    }
}
