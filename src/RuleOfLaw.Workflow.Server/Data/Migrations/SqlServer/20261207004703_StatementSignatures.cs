using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StatementSignatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "NormativeReviewSuggestions",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactAlgorithm",
                table: "NormativeReviewSuggestions",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactKeyId",
                table: "NormativeReviewSuggestions",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Signature",
                table: "MeetingStatements",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureAlgorithm",
                table: "MeetingStatements",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerKeyId",
                table: "MeetingStatements",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Signature",
                table: "LegalityFindings",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureAlgorithm",
                table: "LegalityFindings",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerKeyId",
                table: "LegalityFindings",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContactAlgorithm",
                table: "NormativeReviewSuggestions");

            migrationBuilder.DropColumn(
                name: "ContactKeyId",
                table: "NormativeReviewSuggestions");

            migrationBuilder.DropColumn(
                name: "Signature",
                table: "MeetingStatements");

            migrationBuilder.DropColumn(
                name: "SignatureAlgorithm",
                table: "MeetingStatements");

            migrationBuilder.DropColumn(
                name: "SignerKeyId",
                table: "MeetingStatements");

            migrationBuilder.DropColumn(
                name: "Signature",
                table: "LegalityFindings");

            migrationBuilder.DropColumn(
                name: "SignatureAlgorithm",
                table: "LegalityFindings");

            migrationBuilder.DropColumn(
                name: "SignerKeyId",
                table: "LegalityFindings");

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "NormativeReviewSuggestions",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(1024)",
                oldMaxLength: 1024,
                oldNullable: true);
        }
    }
}
