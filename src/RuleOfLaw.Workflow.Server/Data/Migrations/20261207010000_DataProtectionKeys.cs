using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// The data-protection key ring moves into the database so every node shares it (issue 18): one row per key, its XML
/// encrypted under the deployment key ring (Cluster/KeyRingXmlEncryptor). Cookies issued before this version by the
/// per-process key ring are no longer readable: users sign in once more.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261207010000_DataProtectionKeys")]
public sealed class DataProtectionKeys : Migration
{
    protected override void Up(MigrationBuilder b) => b.CreateTable("DataProtectionKeys", t => new
    {
        Id = t.Column<int>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
        FriendlyName = t.Column<string>(nullable: true),
        Xml = t.Column<string>(nullable: true),
    }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

    protected override void Down(MigrationBuilder b) => b.DropTable("DataProtectionKeys");
}
