using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// A standing (常务会议) or plenary (全体会议) meeting of a government (第三十条), or a department's office meeting
/// (部门办公会议, Notice 37): <see cref="DecisionOrganId"/> is the organ that holds it.
/// </summary>
public sealed class Meeting
{
    public required Guid Id { get; set; }
    public required string DecisionOrganId { get; set; }
    /// <summary><see cref="MeetingKinds.Standing"/> or <see cref="MeetingKinds.Plenary"/> (a government), <see cref="MeetingKinds.Office"/> (a department).</summary>
    public required string Kind { get; set; }
    public required DateOnly Date { get; set; }
    public required string Title { get; set; }
    /// <summary>User ids of the members and the head present (JSON array); null until the secretariat records it.</summary>
    public string? AttendanceJson { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A matter on a meeting's agenda, placed by completing its <c>meeting-scheduling</c> task.</summary>
public sealed class AgendaItem
{
    public required Guid Id { get; set; }
    public required Guid MeetingId { get; set; }
    public required Guid MatterId { get; set; }
    /// <summary>The meeting-scheduling task this placement completed (one placement per pass through the pool).</summary>
    public required Guid SchedulingTaskId { get; set; }
    public required int Position { get; set; }
    /// <summary><c>scheduled</c> until the head decides, then <c>decided</c>.</summary>
    public required string Status { get; set; }
    public string? Outcome { get; set; }
    /// <summary>The meeting materials (第二十九条) as assembled at placement (JSON).</summary>
    public required string MaterialsJson { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>What one member (or, last, the head) said on one agenda item, recorded verbatim (第三十条).</summary>
public sealed class MeetingStatement
{
    public required Guid Id { get; set; }
    public required Guid AgendaItemId { get; set; }
    public required int Sequence { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary><c>member</c> or <c>head</c>.</summary>
    public required string Capacity { get; set; }
    /// <summary>A member's position (agree, agree-with-amendments, disagree, abstain) or the head's outcome.</summary>
    public required string Position { get; set; }
    public required string Text { get; set; }
    /// <summary>The head's reason for deciding against the majority (第三十条).</summary>
    public string? Reason { get; set; }
    public required string RecordedBy { get; set; }
    /// <summary>For the head's decision also the signing time (milliseconds, as signed).</summary>
    public required DateTimeOffset RecordedAt { get; set; }
    /// <summary>
    /// The speaker's SM2 signature (DER, hex) over <see cref="Integrity.OpinionSignatures.Message"/>: the head's of
    /// <see cref="RuleOfLaw.Workflow.Record.SignedStatements.DecisionText"/>, a member's of
    /// <see cref="RuleOfLaw.Workflow.Record.SignedStatements.MemberOpinionText"/> (issue 20); null on statements recorded
    /// before they were signed.
    /// </summary>
    public string? Signature { get; set; }
    /// <summary><c>sm2-sm3</c>; null when unsigned.</summary>
    public string? SignatureAlgorithm { get; set; }
    public string? SignerKeyId { get; set; }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>, IEntityTypeConfiguration<AgendaItem>, IEntityTypeConfiguration<MeetingStatement>
{
    public void Configure(EntityTypeBuilder<Meeting> e)
    {
        e.ToTable("Meetings");
        e.Property(m => m.DecisionOrganId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(m => m.Kind).HasMaxLength(20);
        e.Property(m => m.Title).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(m => m.CreatedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(m => m.DecisionOrganId);
    }

    public void Configure(EntityTypeBuilder<AgendaItem> e)
    {
        e.ToTable("AgendaItems");
        e.Property(a => a.Status).HasMaxLength(20);
        e.Property(a => a.Outcome).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(a => a.CreatedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(a => a.MeetingId);
        e.HasIndex(a => a.MatterId);
        e.HasIndex(a => a.SchedulingTaskId).IsUnique();
        e.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<MeetingStatement> e)
    {
        e.ToTable("MeetingStatements");
        e.Property(s => s.UserId).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(s => s.UserName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(s => s.Capacity).HasMaxLength(20);
        e.Property(s => s.Position).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(s => s.RecordedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(s => s.Signature).HasMaxLength(200);
        e.Property(s => s.SignatureAlgorithm).HasMaxLength(16);
        e.Property(s => s.SignerKeyId).HasMaxLength(64);
        e.HasIndex(s => new { s.AgendaItemId, s.UserId }).IsUnique();
        e.HasOne<AgendaItem>().WithMany().HasForeignKey(s => s.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
