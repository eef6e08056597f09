using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Algorithm agility (issue 20): every journal entry records the algorithm of its hash. Rows written before this
/// migration were hashed with SHA-256 and are marked so; new rows get the configured algorithm (SM3 by default).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206100000_JournalAlgorithms")]
public sealed class JournalAlgorithms : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("HashAlgorithm", "JournalEntries", maxLength: 16, nullable: false, defaultValue: "sha256");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("HashAlgorithm", "JournalEntries");
    }
}
