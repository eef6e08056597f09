using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Document digests name their algorithm (issue 20 item 2): <c>DocumentVersions.Sha256</c> becomes <c>Digest</c>, and
/// <c>DigestAlgorithm</c> marks every existing version <c>sha256</c> (what it was computed with); new uploads are SM3
/// by default. Nothing stored is rehashed: the journal holds the SHA-256 each upload recorded.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206223000_DocumentDigests")]
public sealed class DocumentDigests : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.RenameColumn("Sha256", "DocumentVersions", "Digest");
        b.AddColumn<string>("DigestAlgorithm", "DocumentVersions", maxLength: 16, nullable: false, defaultValue: "sha256");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("DigestAlgorithm", "DocumentVersions");
        b.RenameColumn("Digest", "DocumentVersions", "Sha256");
    }
}
