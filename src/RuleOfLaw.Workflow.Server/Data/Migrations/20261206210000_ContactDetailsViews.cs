using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// The access log of commenters' and objectors' contact details (issue 16 item 7, 《个人信息保护法》第五十一条): one row per
/// view by a handling official. Hand-written and provider-neutral; MigratedSchemaMatchesModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206210000_ContactDetailsViews")]
public sealed class ContactDetailsViews : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("ContactDetailsViews", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            UserName = t.Column<string>(maxLength: 200, nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            SubjectId = t.Column<Guid>(nullable: false),
            Purpose = t.Column<string>(maxLength: 32, nullable: false),
            Channel = t.Column<string>(maxLength: 16, nullable: false),
            Count = t.Column<int>(nullable: false),
            ViewedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContactDetailsViews", x => x.Id));
        b.CreateIndex("IX_ContactDetailsViews_MatterId", "ContactDetailsViews", "MatterId");
        b.CreateIndex("IX_ContactDetailsViews_SubjectId", "ContactDetailsViews", "SubjectId");
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("ContactDetailsViews");
}
