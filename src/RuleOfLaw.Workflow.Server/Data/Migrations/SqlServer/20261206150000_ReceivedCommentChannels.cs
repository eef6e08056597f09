using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer;

/// <summary>SQL Server's copy of <c>20261206130000_ReceivedCommentChannels</c>: comments received by letter, fax, phone or at a hearing.</summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206150000_ReceivedCommentChannels")]
public sealed class ReceivedCommentChannels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Channel", table: "ConsultationComments", type: "nvarchar(16)", maxLength: 16, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "EnteredAt", table: "ConsultationComments", type: "datetimeoffset", nullable: true);
        migrationBuilder.AddColumn<string>(name: "EnteredBy", table: "ConsultationComments", type: "nvarchar(450)", maxLength: 450, nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "DocumentVersionId", table: "ConsultationComments", type: "uniqueidentifier", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "DocumentVersionId", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "EnteredBy", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "EnteredAt", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "Channel", table: "ConsultationComments");
    }
}
