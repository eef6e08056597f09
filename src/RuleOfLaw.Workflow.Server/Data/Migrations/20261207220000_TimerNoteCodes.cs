using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Issue 12 item 5: a timer row's note from a text catalog keeps its code and arguments, so it is rendered in the
/// reader's language. Null on every earlier row (their note, possibly "中文。English.", is shown as it is).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261207220000_TimerNoteCodes")]
public sealed class TimerNoteCodes : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("NoteCode", "ScheduledTimers", maxLength: 128, nullable: true);
        b.AddColumn<string>("NoteArgs", "ScheduledTimers", nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("NoteArgs", "ScheduledTimers");
        b.DropColumn("NoteCode", "ScheduledTimers");
    }
}
