using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Comments received by letter, fax, phone or at a hearing (issue 17 item 5): how they arrived, when and by whom they
/// were entered, and the scanned attachment. Null on every existing row (they came online).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206130000_ReceivedCommentChannels")]
public sealed class ReceivedCommentChannels : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("Channel", "ConsultationComments", maxLength: 16, nullable: true);
        b.AddColumn<DateTimeOffset>("EnteredAt", "ConsultationComments", nullable: true);
        b.AddColumn<string>("EnteredBy", "ConsultationComments", maxLength: 450, nullable: true);
        b.AddColumn<Guid>("DocumentVersionId", "ConsultationComments", nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("DocumentVersionId", "ConsultationComments");
        b.DropColumn("EnteredBy", "ConsultationComments");
        b.DropColumn("EnteredAt", "ConsultationComments");
        b.DropColumn("Channel", "ConsultationComments");
    }
}
