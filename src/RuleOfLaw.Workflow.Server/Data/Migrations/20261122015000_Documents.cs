using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>The dossier's documents and their immutable versions (Documents/). Hand-written and provider-neutral.</summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261122015000_Documents")]
public sealed class Documents : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("MatterDocuments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 64, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            LatestVersion = t.Column<int>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MatterDocuments", x => x.Id);
            t.ForeignKey("FK_MatterDocuments_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_MatterDocuments_MatterId_Kind", "MatterDocuments", ["MatterId", "Kind"]);

        b.CreateTable("DocumentVersions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DocumentId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            ContentType = t.Column<string>(maxLength: 100, nullable: false),
            Length = t.Column<long>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            UploadedBy = t.Column<string>(maxLength: 450, nullable: false),
            UploadedByName = t.Column<string>(maxLength: 200, nullable: false),
            UploadedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DocumentVersions", x => x.Id);
            t.ForeignKey("FK_DocumentVersions_MatterDocuments_DocumentId", x => x.DocumentId, "MatterDocuments", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_DocumentVersions_DocumentId_Number", "DocumentVersions", ["DocumentId", "Number"], unique: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("DocumentVersions");
        b.DropTable("MatterDocuments");
    }
}
