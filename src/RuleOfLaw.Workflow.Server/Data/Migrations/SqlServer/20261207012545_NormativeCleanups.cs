using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class NormativeCleanups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NormativeCleanups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GovernmentId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    IssuerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    FromYear = table.Column<int>(type: "int", nullable: false),
                    ToYear = table.Column<int>(type: "int", nullable: false),
                    TitleKeyword = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    OpenedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ApprovedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PublishedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormativeCleanups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NormativeCleanups_NormativeIssuers_IssuerId",
                        column: x => x.IssuerId,
                        principalTable: "NormativeIssuers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NormativeCleanups_Organizations_GovernmentId",
                        column: x => x.GovernmentId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NormativeCleanupItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CleanupId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Result = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ProposedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ProposedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormativeCleanupItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NormativeCleanupItems_NormativeCleanups_CleanupId",
                        column: x => x.CleanupId,
                        principalTable: "NormativeCleanups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NormativeCleanupItems_NormativeDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "NormativeDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NormativeCleanupItems_CleanupId_DocumentId",
                table: "NormativeCleanupItems",
                columns: new[] { "CleanupId", "DocumentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NormativeCleanupItems_DocumentId",
                table: "NormativeCleanupItems",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_NormativeCleanups_GovernmentId_Status",
                table: "NormativeCleanups",
                columns: new[] { "GovernmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_NormativeCleanups_IssuerId",
                table: "NormativeCleanups",
                column: "IssuerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NormativeCleanupItems");

            migrationBuilder.DropTable(
                name: "NormativeCleanups");
        }
    }
}
