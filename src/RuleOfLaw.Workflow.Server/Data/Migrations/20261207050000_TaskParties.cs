using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Issue 11: the task projection carries the party of a multi-party step's task (each member present at the meeting,
/// art. 30), so a member's inbox lists her own task and not her colleagues'. Null on every earlier row.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261207050000_TaskParties")]
public sealed class TaskParties : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("PartyId", "WorkTasks", maxLength: WorkflowDbContext.UserIdLength, nullable: true);
        b.AddColumn<string>("PartyName", "WorkTasks", maxLength: WorkflowDbContext.NameLength, nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("PartyName", "WorkTasks");
        b.DropColumn("PartyId", "WorkTasks");
    }
}
