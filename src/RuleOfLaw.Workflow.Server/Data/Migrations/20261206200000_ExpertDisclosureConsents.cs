using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Experts' consents to show their name, field and opinions on the portal (issue 15 item 7). Hand-written and
/// provider-neutral; MigratedSchemaMatchesModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206200000_ExpertDisclosureConsents")]
public sealed class ExpertDisclosureConsents : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("ExpertDisclosureConsents", t => new
        {
            MatterId = t.Column<Guid>(nullable: false),
            ExpertId = t.Column<Guid>(nullable: false),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ExpertDisclosureConsents", x => new { x.MatterId, x.ExpertId });
            t.ForeignKey("FK_ExpertDisclosureConsents_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ExpertDisclosureConsents_Experts_ExpertId", x => x.ExpertId, "Experts", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_ExpertDisclosureConsents_ExpertId", "ExpertDisclosureConsents", "ExpertId");
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("ExpertDisclosureConsents");
}
