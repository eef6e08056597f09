using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CalendarYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProvisionalYear",
                table: "Consultations",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HolidayCalendarYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "int", nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    LoadedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    LoadedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    LoadedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DeadlinesFinalized = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HolidayCalendarYears", x => x.Year);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HolidayCalendarYears");

            migrationBuilder.DropColumn(
                name: "ProvisionalYear",
                table: "Consultations");
        }
    }
}
