using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DocumentDigests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Sha256",
                table: "DocumentVersions",
                newName: "Digest");

            migrationBuilder.AddColumn<string>(
                name: "DigestAlgorithm",
                table: "DocumentVersions",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DigestAlgorithm",
                table: "DocumentVersions");

            migrationBuilder.RenameColumn(
                name: "Digest",
                table: "DocumentVersions",
                newName: "Sha256");
        }
    }
}
