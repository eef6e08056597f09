using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// SM4 encryption at rest of commenters' and objectors' contact details (issue 20 item 4): the algorithm and key id
/// of each row's ciphertext, and room for the ciphertext. The rows themselves are encrypted at start-up, not here:
/// the key is in the key ring file outside the database (Participation/ContactCipher.cs, docs/security.md).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206220000_ContactEncryption")]
public sealed class ContactEncryption : Migration
{
    private static readonly string[] Tables = ["ConsultationComments", "PublicObjections"];

    protected override void Up(MigrationBuilder b)
    {
        foreach (var table in Tables)
        {
            b.AddColumn<string>("ContactAlgorithm", table, maxLength: 16, nullable: true);
            b.AddColumn<string>("ContactKeyId", table, maxLength: 64, nullable: true);
            // SQLite does not enforce declared lengths (and altering a column there rebuilds the table).
            if (ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
            {
                b.AlterColumn<string>("Contact", table, maxLength: 1024, nullable: true, oldMaxLength: 200, oldNullable: true);
            }
        }
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var table in Tables)
        {
            if (ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
            {
                b.AlterColumn<string>("Contact", table, maxLength: 200, nullable: true, oldMaxLength: 1024, oldNullable: true);
            }
            b.DropColumn("ContactKeyId", table);
            b.DropColumn("ContactAlgorithm", table);
        }
    }
}
