using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class NormativeDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NormativeIssuers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GovernmentId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DocumentNumberPrefix = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Listed = table.Column<bool>(type: "bit", nullable: false),
                    ListedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ListedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormativeIssuers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NormativeIssuers_Organizations_GovernmentId",
                        column: x => x.GovernmentId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NormativeIssuers_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NormativeDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IssuerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GovernmentId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    MajorDecisionMatterId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Provisional = table.Column<bool>(type: "bit", nullable: false),
                    ValidityYears = table.Column<int>(type: "int", nullable: false),
                    AffectsMarketActors = table.Column<bool>(type: "bit", nullable: false),
                    MajorDecision = table.Column<bool>(type: "bit", nullable: false),
                    LegalBases = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SubmittedForReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewConclusion = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    ReviewChecklist = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    ReviewOpinion = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DeliberatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SignedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RegistrationYear = table.Column<int>(type: "int", nullable: true),
                    RegistrationSequence = table.Column<int>(type: "int", nullable: true),
                    RegistrationNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    DocumentNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FullText = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    LastDayInForce = table.Column<DateOnly>(type: "date", nullable: true),
                    LapsesOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReminderOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpiryDecision = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormativeDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NormativeDocuments_NormativeIssuers_IssuerId",
                        column: x => x.IssuerId,
                        principalTable: "NormativeIssuers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NormativeNumberCounters",
                columns: table => new
                {
                    IssuerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Last = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormativeNumberCounters", x => new { x.IssuerId, x.Year });
                    table.ForeignKey(
                        name: "FK_NormativeNumberCounters_NormativeIssuers_IssuerId",
                        column: x => x.IssuerId,
                        principalTable: "NormativeIssuers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NormativeDocumentEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormativeDocumentEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NormativeDocumentEvents_NormativeDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "NormativeDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocumentEvents_DocumentId",
                table: "NormativeDocumentEvents",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocuments_GovernmentId_Status",
                table: "NormativeDocuments",
                columns: new[] { "GovernmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocuments_Registration",
                table: "NormativeDocuments",
                columns: new[] { "IssuerId", "RegistrationYear", "RegistrationSequence" },
                unique: true,
                filter: "[RegistrationYear] IS NOT NULL AND [RegistrationSequence] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NormativeIssuers_GovernmentId_Code",
                table: "NormativeIssuers",
                columns: new[] { "GovernmentId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NormativeIssuers_OrganizationId",
                table: "NormativeIssuers",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NormativeDocumentEvents");

            migrationBuilder.DropTable(
                name: "NormativeNumberCounters");

            migrationBuilder.DropTable(
                name: "NormativeDocuments");

            migrationBuilder.DropTable(
                name: "NormativeIssuers");
        }
    }
}
