using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// A hearing (听证会, arts. 16-17): time, place, how participants were selected and who they are, announced in
/// advance; the materials delivered to the participants at least <c>hearingMaterialsLeadTime</c> (7 days) before; the
/// record (笔录) confirmed by each participant.
/// </summary>
public sealed class Hearing
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required DateTimeOffset ScheduledAt { get; set; }
    public required string Place { get; set; }
    public required string SelectionMethod { get; set; }
    /// <summary>JSON array of participant names, published with the announcement.</summary>
    public required string ParticipantsJson { get; set; }
    /// <summary>The last local day on which the materials may be delivered (hearing day − lead time).</summary>
    public required DateOnly MaterialsDueOn { get; set; }
    public required DateTimeOffset AnnouncedAt { get; set; }
    public required string AnnouncedBy { get; set; }
    public DateTimeOffset? MaterialsDeliveredAt { get; set; }
    public DateTimeOffset? HeldAt { get; set; }
    public string? RecordSummary { get; set; }
    /// <summary>JSON array of <see cref="HearingConfirmation"/>: each participant's confirmation of the record (or refusal to sign).</summary>
    public string ConfirmationsJson { get; set; } = "[]";
    /// <summary>A hearing called off (e.g. materials late: it must be announced again for a later date), with the reason.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
}


internal sealed class HearingConfiguration : IEntityTypeConfiguration<Hearing>
{
    public void Configure(EntityTypeBuilder<Hearing> e)
    {
        e.ToTable("Hearings");
        e.Property(h => h.Place).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(h => h.SelectionMethod).HasMaxLength(ParticipationLimits.ReasonLength);
        e.Property(h => h.AnnouncedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(h => h.RecordSummary).HasMaxLength(ParticipationLimits.SummaryLength);
        e.Property(h => h.CancelReason).HasMaxLength(ParticipationLimits.ReasonLength);
        e.HasIndex(h => h.MatterId);
        e.HasOne<Matter>().WithMany().HasForeignKey(h => h.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}
