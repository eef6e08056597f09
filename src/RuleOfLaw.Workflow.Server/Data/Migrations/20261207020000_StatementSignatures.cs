using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Issue 20: SM2 signatures on the legality review office's findings and on the head's decision (signature, algorithm,
/// signer key; null on rows recorded before, which stay unsigned), and SM4 encryption at rest of the contact details of
/// normative-document review suggestions (algorithm and key id, room for the ciphertext). The suggestion rows themselves
/// are encrypted at start-up, not here: the key is in the key ring file outside the database (docs/security.md).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261207020000_StatementSignatures")]
public sealed class StatementSignatures : Migration
{
    private static readonly string[] Signed = ["LegalityFindings", "MeetingStatements"];
    private const string Suggestions = "NormativeReviewSuggestions";

    protected override void Up(MigrationBuilder b)
    {
        foreach (var table in Signed)
        {
            b.AddColumn<string>("Signature", table, maxLength: 200, nullable: true);
            b.AddColumn<string>("SignatureAlgorithm", table, maxLength: 16, nullable: true);
            b.AddColumn<string>("SignerKeyId", table, maxLength: 64, nullable: true);
        }
        b.AddColumn<string>("ContactAlgorithm", Suggestions, maxLength: 16, nullable: true);
        b.AddColumn<string>("ContactKeyId", Suggestions, maxLength: 64, nullable: true);
        // SQLite does not enforce declared lengths (and altering a column there rebuilds the table).
        if (ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            b.AlterColumn<string>("Contact", Suggestions, maxLength: 1024, nullable: true, oldMaxLength: 200, oldNullable: true);
        }
    }

    protected override void Down(MigrationBuilder b)
    {
        if (ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            b.AlterColumn<string>("Contact", Suggestions, maxLength: 200, nullable: true, oldMaxLength: 1024, oldNullable: true);
        }
        b.DropColumn("ContactKeyId", Suggestions);
        b.DropColumn("ContactAlgorithm", Suggestions);
        foreach (var table in Signed)
        {
            b.DropColumn("SignerKeyId", table);
            b.DropColumn("SignatureAlgorithm", table);
            b.DropColumn("Signature", table);
        }
    }
}
