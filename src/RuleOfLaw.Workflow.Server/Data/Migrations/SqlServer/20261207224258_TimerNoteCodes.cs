using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TimerNoteCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NoteArgs",
                table: "ScheduledTimers",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoteCode",
                table: "ScheduledTimers",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NoteArgs",
                table: "ScheduledTimers");

            migrationBuilder.DropColumn(
                name: "NoteCode",
                table: "ScheduledTimers");
        }
    }
}
