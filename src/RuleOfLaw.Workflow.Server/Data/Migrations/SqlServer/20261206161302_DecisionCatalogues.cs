using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DecisionCatalogues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DecisionCatalogues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ConsentedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ConsentRecordedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PublishedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    CreatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionCatalogues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionCatalogues_Organizations_OrganId",
                        column: x => x.OrganId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CatalogueItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CatalogueId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DraftingUnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PlannedQuarter = table.Column<int>(type: "int", nullable: false),
                    WithdrawnBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AddedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CatalogueItems_DecisionCatalogues_CatalogueId",
                        column: x => x.CatalogueId,
                        principalTable: "DecisionCatalogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CatalogueItems_Organizations_DraftingUnitId",
                        column: x => x.DraftingUnitId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CatalogueAdjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CatalogueId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ItemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AdjustedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    AdjustedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CatalogueAdjustments_CatalogueItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "CatalogueItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CatalogueAdjustments_DecisionCatalogues_CatalogueId",
                        column: x => x.CatalogueId,
                        principalTable: "DecisionCatalogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CatalogueMatterLinks",
                columns: table => new
                {
                    MatterId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ItemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LinkedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueMatterLinks", x => x.MatterId);
                    table.ForeignKey(
                        name: "FK_CatalogueMatterLinks_CatalogueItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "CatalogueItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CatalogueMatterLinks_Matters_MatterId",
                        column: x => x.MatterId,
                        principalTable: "Matters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueAdjustments_CatalogueId",
                table: "CatalogueAdjustments",
                column: "CatalogueId");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueAdjustments_ItemId",
                table: "CatalogueAdjustments",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueItems_CatalogueId_Number",
                table: "CatalogueItems",
                columns: new[] { "CatalogueId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueItems_DraftingUnitId",
                table: "CatalogueItems",
                column: "DraftingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueMatterLinks_ItemId",
                table: "CatalogueMatterLinks",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionCatalogues_OrganId_Year",
                table: "DecisionCatalogues",
                columns: new[] { "OrganId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CatalogueAdjustments");

            migrationBuilder.DropTable(
                name: "CatalogueMatterLinks");

            migrationBuilder.DropTable(
                name: "CatalogueItems");

            migrationBuilder.DropTable(
                name: "DecisionCatalogues");
        }
    }
}
