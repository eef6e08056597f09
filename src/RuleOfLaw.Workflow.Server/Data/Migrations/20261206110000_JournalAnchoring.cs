using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// The keyed journal chain and its external anchoring (issue 16 item 3, issue 20): an HMAC-SM3 per journal row with
/// the key id it used (the key itself lives outside the database), and the signed checkpoints of all chain heads.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206110000_JournalAnchoring")]
public sealed class JournalAnchoring : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("Mac", "JournalEntries", maxLength: 64, nullable: true);
        b.AddColumn<string>("MacAlgorithm", "JournalEntries", maxLength: 16, nullable: true);
        b.AddColumn<string>("MacKeyId", "JournalEntries", maxLength: 64, nullable: true);

        b.CreateTable("JournalCheckpoints", t => new
        {
            Number = t.Column<long>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            InstanceCount = t.Column<int>(nullable: false),
            HashAlgorithm = t.Column<string>(maxLength: 16, nullable: false),
            MerkleRoot = t.Column<string>(maxLength: 64, nullable: false),
            SignatureAlgorithm = t.Column<string>(maxLength: 16, nullable: false),
            KeyId = t.Column<string>(maxLength: 64, nullable: false),
            PublicKey = t.Column<string>(maxLength: 200, nullable: false),
            Signature = t.Column<string>(maxLength: 200, nullable: false),
            LeavesJson = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_JournalCheckpoints", x => x.Number));
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("JournalCheckpoints");
        b.DropColumn("MacKeyId", "JournalEntries");
        b.DropColumn("MacAlgorithm", "JournalEntries");
        b.DropColumn("Mac", "JournalEntries");
    }
}
