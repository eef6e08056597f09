using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class NormativeFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NormativeFilings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecipientKind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    RecipientOrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueRule = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    FirstFiledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastFiledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Returns = table.Column<int>(type: "int", nullable: false),
                    ReturnReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Result = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Reasons = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CorrectionDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CorrectionAnswer = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CorrectionAnsweredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormativeFilings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NormativeFilings_NormativeDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "NormativeDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NormativeFilings_Organizations_RecipientOrganizationId",
                        column: x => x.RecipientOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NormativeReviewSuggestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecipientOrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Receipt = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SubmitterName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Contact = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReplyDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reply = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    RepliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormativeReviewSuggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NormativeReviewSuggestions_NormativeDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "NormativeDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NormativeReviewSuggestions_Organizations",
                        column: x => x.RecipientOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NormativeFilings_DocumentId_RecipientKind",
                table: "NormativeFilings",
                columns: new[] { "DocumentId", "RecipientKind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NormativeFilings_RecipientOrganizationId_Status",
                table: "NormativeFilings",
                columns: new[] { "RecipientOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_NormativeReviewSuggestions_DocumentId",
                table: "NormativeReviewSuggestions",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_NormativeReviewSuggestions_Receipt",
                table: "NormativeReviewSuggestions",
                column: "Receipt",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NormativeReviewSuggestions_RecipientOrganizationId",
                table: "NormativeReviewSuggestions",
                column: "RecipientOrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NormativeFilings");

            migrationBuilder.DropTable(
                name: "NormativeReviewSuggestions");
        }
    }
}
