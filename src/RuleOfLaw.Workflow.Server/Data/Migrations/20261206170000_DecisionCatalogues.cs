using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// The annual catalogue of major decisions (issue 15 item 1, 第十条第二款): catalogues per organ and year, their items,
/// adjustments with reasons, and the link from a matter to its item. Hand-written and provider-neutral;
/// MigratedSchemaMatchesModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206170000_DecisionCatalogues")]
public sealed class DecisionCatalogues : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("DecisionCatalogues", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganId = t.Column<string>(maxLength: 64, nullable: false),
            Year = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            ConsentedOn = t.Column<DateOnly>(nullable: true),
            ConsentNote = t.Column<string>(maxLength: 1000, nullable: true),
            ConsentRecordedBy = t.Column<string>(maxLength: 450, nullable: true),
            PublishedAt = t.Column<DateTimeOffset>(nullable: true),
            PublishedBy = t.Column<string>(maxLength: 450, nullable: true),
            CreatedBy = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DecisionCatalogues", x => x.Id);
            t.ForeignKey("FK_DecisionCatalogues_Organizations_OrganId", x => x.OrganId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_DecisionCatalogues_OrganId_Year", "DecisionCatalogues", ["OrganId", "Year"], unique: true);

        b.CreateTable("CatalogueItems", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CatalogueId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            DraftingUnitId = t.Column<string>(maxLength: 64, nullable: false),
            PlannedQuarter = t.Column<int>(nullable: false),
            WithdrawnBy = t.Column<Guid>(nullable: true),
            AddedBy = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CatalogueItems", x => x.Id);
            t.ForeignKey("FK_CatalogueItems_DecisionCatalogues_CatalogueId", x => x.CatalogueId, "DecisionCatalogues", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_CatalogueItems_Organizations_DraftingUnitId", x => x.DraftingUnitId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_CatalogueItems_CatalogueId_Number", "CatalogueItems", ["CatalogueId", "Number"], unique: true);
        b.CreateIndex("IX_CatalogueItems_DraftingUnitId", "CatalogueItems", "DraftingUnitId");

        b.CreateTable("CatalogueAdjustments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CatalogueId = t.Column<Guid>(nullable: false),
            ItemId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Reason = t.Column<string>(maxLength: 2000, nullable: false),
            AdjustedBy = t.Column<string>(maxLength: 450, nullable: false),
            AdjustedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CatalogueAdjustments", x => x.Id);
            t.ForeignKey("FK_CatalogueAdjustments_DecisionCatalogues_CatalogueId", x => x.CatalogueId, "DecisionCatalogues", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_CatalogueAdjustments_CatalogueItems_ItemId", x => x.ItemId, "CatalogueItems", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_CatalogueAdjustments_CatalogueId", "CatalogueAdjustments", "CatalogueId");
        b.CreateIndex("IX_CatalogueAdjustments_ItemId", "CatalogueAdjustments", "ItemId");

        b.CreateTable("CatalogueMatterLinks", t => new
        {
            MatterId = t.Column<Guid>(nullable: false),
            ItemId = t.Column<Guid>(nullable: false),
            LinkedBy = t.Column<string>(maxLength: 450, nullable: false),
            LinkedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CatalogueMatterLinks", x => x.MatterId);
            t.ForeignKey("FK_CatalogueMatterLinks_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_CatalogueMatterLinks_CatalogueItems_ItemId", x => x.ItemId, "CatalogueItems", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_CatalogueMatterLinks_ItemId", "CatalogueMatterLinks", "ItemId");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("CatalogueMatterLinks");
        b.DropTable("CatalogueAdjustments");
        b.DropTable("CatalogueItems");
        b.DropTable("DecisionCatalogues");
    }
}
