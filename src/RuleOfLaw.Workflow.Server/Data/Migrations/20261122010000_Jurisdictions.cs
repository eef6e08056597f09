using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Jurisdictions (issue 3): a government may name its jurisdiction; a matter records the one it was created under.
/// Existing matters belong to <c>default</c>. Written by hand and provider-neutral like <see cref="Initial"/>;
/// MigratedSchemaMatchesModelTests proves the result equals the model.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261122010000_Jurisdictions")]
public sealed class Jurisdictions : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("JurisdictionId", "Organizations", maxLength: 64, nullable: true);
        b.AddColumn<string>("JurisdictionId", "Matters", maxLength: 64, nullable: false, defaultValue: "default");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("JurisdictionId", "Matters");
        b.DropColumn("JurisdictionId", "Organizations");
    }
}
