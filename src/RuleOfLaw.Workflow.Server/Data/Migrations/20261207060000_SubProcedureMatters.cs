using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Issue 11 item 7: the matter of a sub-procedure's child instance records the parent instance, step and pass that
/// started it. Null on every earlier row (no matter had a parent before).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261207060000_SubProcedureMatters")]
public sealed class SubProcedureMatters : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<Guid>("ParentInstanceId", "Matters", nullable: true);
        b.AddColumn<string>("ParentStepId", "Matters", maxLength: WorkflowDbContext.IdLength, nullable: true);
        b.AddColumn<int>("ParentIteration", "Matters", nullable: true);
        b.CreateIndex("IX_Matters_ParentInstanceId", "Matters", "ParentInstanceId");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropIndex("IX_Matters_ParentInstanceId", "Matters");
        b.DropColumn("ParentIteration", "Matters");
        b.DropColumn("ParentStepId", "Matters");
        b.DropColumn("ParentInstanceId", "Matters");
    }
}
