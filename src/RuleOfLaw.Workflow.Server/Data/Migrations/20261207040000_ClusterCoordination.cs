using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// What several nodes coordinate through (issue 18): the version of the public pages (one row; a node raises it after
/// a change so every node drops its cached public pages) and the rate-limit windows counted for all nodes.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261207040000_ClusterCoordination")]
public sealed class ClusterCoordination : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("PublicCacheStamps", t => new
        {
            Id = t.Column<int>(nullable: false),
            Version = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_PublicCacheStamps", x => x.Id));
        // Plain SQL: these migrations have no target model, so EF's InsertData would not know the column types.
        // The row matches the model's HasData (PublicCacheStampConfiguration); SQLite and PostgreSQL quote alike.
        b.Sql("INSERT INTO \"PublicCacheStamps\" (\"Id\", \"Version\") VALUES (1, 0);");

        b.CreateTable("RateLimitWindows", t => new
        {
            Partition = t.Column<string>(maxLength: 200, nullable: false),
            WindowStart = t.Column<long>(nullable: false),
            Count = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_RateLimitWindows", x => new { x.Partition, x.WindowStart }));
        b.CreateIndex("IX_RateLimitWindows_WindowStart", "RateLimitWindows", "WindowStart");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("RateLimitWindows");
        b.DropTable("PublicCacheStamps");
    }
}
