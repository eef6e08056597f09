using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Initiation;

/// <summary>
/// What initiation records about a matter (第十条至第十三条): the proposal source, whether it is in the annual
/// catalogue (决策事项目录) and which year and item, the legal ground when it may not be disclosed (第十四条、第三十二条)
/// and the reason when it is urgent (第十五条). The latest record counts; each is journaled.
/// </summary>
public sealed class MatterInitiation : Modules.IJournaledRow
{
    public static readonly string[] ProposalSources = Workflow.Initiation.InitiationRules.ProposalSources;

    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid InstanceId { get; set; }
    public required string ProposalSource { get; set; }
    public string? ProposalDetail { get; set; }
    public required bool InCatalogue { get; set; }
    public int? CatalogueYear { get; set; }
    public string? CatalogueItem { get; set; }
    public string? NotDisclosableGround { get; set; }
    public string? UrgentReason { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
    public long JournalSequence { get; set; }
}

internal sealed class MatterInitiationConfiguration : IEntityTypeConfiguration<MatterInitiation>
{
    public void Configure(EntityTypeBuilder<MatterInitiation> e)
    {
        e.ToTable("MatterInitiations");
        e.Property(x => x.ProposalSource).HasMaxLength(32);
        e.Property(x => x.CatalogueItem).HasMaxLength(200);
        e.Property(x => x.RecordedBy).HasMaxLength(450);
        e.HasIndex(x => x.MatterId);
        e.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}
