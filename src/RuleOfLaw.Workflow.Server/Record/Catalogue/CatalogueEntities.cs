using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Record.Catalogue;

/// <summary>A decision organ's catalogue of major decisions for one year (重大行政决策事项目录, 第十条第二款).</summary>
public sealed class DecisionCatalogue
{
    public required Guid Id { get; set; }
    public required string OrganId { get; set; }
    public required int Year { get; set; }
    /// <summary><see cref="RuleOfLaw.Workflow.Record.Catalogue.CatalogueStatus"/>.</summary>
    public required string Status { get; set; }
    /// <summary>The day the Party committee at the same level consented, and how (会议、批复文号 …).</summary>
    public DateOnly? ConsentedOn { get; set; }
    public string? ConsentNote { get; set; }
    public string? ConsentRecordedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An item of a catalogue: what is to be decided, by which drafting unit, in which quarter.</summary>
public sealed class CatalogueItem
{
    public required Guid Id { get; set; }
    public required Guid CatalogueId { get; set; }
    public required int Number { get; set; }
    public required string Title { get; set; }
    public required string DraftingUnitId { get; set; }
    public required int PlannedQuarter { get; set; }
    /// <summary>Set when the item was taken out by an adjustment (it stays in the published list, marked).</summary>
    public Guid? WithdrawnBy { get; set; }
    /// <summary>Set when the item came in by an adjustment after publication.</summary>
    public Guid? AddedBy { get; set; }
}

/// <summary>A change to a published catalogue with its reason; published with the catalogue (第十条: 根据实际情况进行调整).</summary>
public sealed class CatalogueAdjustment
{
    public required Guid Id { get; set; }
    public required Guid CatalogueId { get; set; }
    public required Guid ItemId { get; set; }
    /// <summary><see cref="RuleOfLaw.Workflow.Record.Catalogue.AdjustmentKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Reason { get; set; }
    public required string AdjustedBy { get; set; }
    public required DateTimeOffset AdjustedAt { get; set; }
}

/// <summary>A matter's link to the catalogue item it carries out; a matter without one is outside the catalogue.</summary>
public sealed class CatalogueMatterLink
{
    public required Guid MatterId { get; set; }
    public required Guid ItemId { get; set; }
    public required string LinkedBy { get; set; }
    public required DateTimeOffset LinkedAt { get; set; }
}

internal sealed class CatalogueConfiguration :
    IEntityTypeConfiguration<DecisionCatalogue>, IEntityTypeConfiguration<CatalogueItem>, IEntityTypeConfiguration<CatalogueAdjustment>,
    IEntityTypeConfiguration<CatalogueMatterLink>
{
    public void Configure(EntityTypeBuilder<DecisionCatalogue> e)
    {
        e.ToTable("DecisionCatalogues");
        e.Property(c => c.OrganId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(c => c.Status).HasMaxLength(20);
        e.Property(c => c.ConsentNote).HasMaxLength(1000);
        e.Property(c => c.ConsentRecordedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(c => c.PublishedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(c => c.CreatedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(c => new { c.OrganId, c.Year }).IsUnique();
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CatalogueItem> e)
    {
        e.ToTable("CatalogueItems");
        e.Property(i => i.Title).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(i => i.DraftingUnitId).HasMaxLength(WorkflowDbContext.IdLength);
        e.HasIndex(i => new { i.CatalogueId, i.Number }).IsUnique();
        e.HasOne<DecisionCatalogue>().WithMany().HasForeignKey(i => i.CatalogueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(i => i.DraftingUnitId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CatalogueAdjustment> e)
    {
        e.ToTable("CatalogueAdjustments");
        e.Property(a => a.Kind).HasMaxLength(20);
        e.Property(a => a.Reason).HasMaxLength(2000);
        e.Property(a => a.AdjustedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(a => a.CatalogueId);
        e.HasOne<DecisionCatalogue>().WithMany().HasForeignKey(a => a.CatalogueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CatalogueItem>().WithMany().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CatalogueMatterLink> e)
    {
        e.ToTable("CatalogueMatterLinks");
        e.HasKey(l => l.MatterId);
        e.Property(l => l.LinkedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(l => l.ItemId);
        e.HasOne<Matter>().WithMany().HasForeignKey(l => l.MatterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CatalogueItem>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
