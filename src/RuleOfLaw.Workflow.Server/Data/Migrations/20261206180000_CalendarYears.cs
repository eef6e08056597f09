using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Calendars never block the work (issue 16 item 6): the holiday calendars administrators load through the API or the
/// page (who, when, the text), and a consultation's provisional end (the year whose calendar it waits for; null on
/// every existing row, whose ends are final).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206180000_CalendarYears")]
public sealed class CalendarYears : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("HolidayCalendarYears", t => new
        {
            Year = t.Column<int>(nullable: false),
            Json = t.Column<string>(maxLength: 20000, nullable: false),
            Source = t.Column<string>(maxLength: 500, nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            LoadedBy = t.Column<string>(maxLength: 450, nullable: false),
            LoadedByName = t.Column<string>(maxLength: 200, nullable: false),
            LoadedAt = t.Column<DateTimeOffset>(nullable: false),
            DeadlinesFinalized = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_HolidayCalendarYears", x => x.Year));
        b.AddColumn<int>("ProvisionalYear", "Consultations", nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("ProvisionalYear", "Consultations");
        b.DropTable("HolidayCalendarYears");
    }
}
