using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// A signer's key may come from an X.509 certificate issued by a CA (issue 20 item 3): the certificate (DER, base64)
/// beside the key; null for the keys the server generated.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206224000_SignerCertificates")]
public sealed class SignerCertificates : Migration
{
    protected override void Up(MigrationBuilder b) => b.AddColumn<string>("Certificate", "SignerKeys", nullable: true);

    protected override void Down(MigrationBuilder b) => b.DropColumn("Certificate", "SignerKeys");
}
