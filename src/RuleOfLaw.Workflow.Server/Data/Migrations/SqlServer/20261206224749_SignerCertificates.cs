using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SignerCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Certificate",
                table: "SignerKeys",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Certificate",
                table: "SignerKeys");
        }
    }
}
