using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// SM2 signatures on written opinions (issue 20 item 3): signers' key pairs (private keys SM4-encrypted with a key
/// outside the database), and per opinion the algorithm and key of its signature. Opinions signed before keep their
/// SHA-256 text digest and are marked <c>sha256-text</c>.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206120000_OpinionSignatures")]
public sealed class OpinionSignatures : Migration
{
    private static readonly string[] Tables = ["ExpertOpinions", "CounselOpinions"];

    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("SignerKeys", t => new
        {
            Id = t.Column<string>(maxLength: 64, nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Algorithm = t.Column<string>(maxLength: 16, nullable: false),
            PublicKey = t.Column<string>(maxLength: 200, nullable: false),
            EncryptedPrivateKey = t.Column<string>(nullable: false),
            EncryptionAlgorithm = t.Column<string>(maxLength: 16, nullable: false),
            EncryptionKeyId = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SignerKeys", x => x.Id));
        b.CreateIndex("IX_SignerKeys_UserId", "SignerKeys", "UserId");

        foreach (var table in Tables)
        {
            b.AddColumn<string>("SignatureAlgorithm", table, maxLength: 16, nullable: false, defaultValue: "sha256-text");
            b.AddColumn<string>("SignerKeyId", table, maxLength: 64, nullable: true);
            // An SM2 signature (DER, hex) is up to 144 characters. SQLite does not enforce declared lengths (and
            // altering a column there means rebuilding the table), so only the other providers widen it.
            if (ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
            {
                b.AlterColumn<string>("Signature", table, maxLength: 200, nullable: false, oldMaxLength: 64, oldNullable: false);
            }
        }
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var table in Tables)
        {
            if (ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
            {
                b.AlterColumn<string>("Signature", table, maxLength: 64, nullable: false, oldMaxLength: 200, oldNullable: false);
            }
            b.DropColumn("SignerKeyId", table);
            b.DropColumn("SignatureAlgorithm", table);
        }
        b.DropTable("SignerKeys");
    }
}
