using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>The report to the Party committee at the same level before the decision is issued (第三十一条).</summary>
public sealed class PartyCommitteeReport
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid TaskId { get; set; }
    public required DateOnly ReportedOn { get; set; }
    /// <summary>How it was reported: 书面请示, 书面报告, 会议报告 ….</summary>
    public required string Form { get; set; }
    public string? ReplyNote { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Publication of the decision (第三十二条): channels, date, how public and expert opinions were used.</summary>
public sealed class DecisionPublication
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid TaskId { get; set; }
    public required string ChannelsJson { get; set; }
    public required DateOnly PublishedOn { get; set; }
    public string? OpinionsUse { get; set; }
    public DateOnly? DueOn { get; set; }
    public required int DaysLate { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Filing with one recipient (备案, 第四十三条 and the jurisdiction's rules), each with its own deadline.</summary>
public sealed class FilingRecord
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid TaskId { get; set; }
    public required string RecipientId { get; set; }
    public required string RecipientName { get; set; }
    public required DateOnly IssuedOn { get; set; }
    public required DateOnly DueOn { get; set; }
    public required string DueRule { get; set; }
    public required DateOnly SubmittedOn { get; set; }
    public string? ReceiptNumber { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public required int DaysLate { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The dossier archived (第三十三条) with the completeness check it passed.</summary>
public sealed class ArchiveRecord
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid TaskId { get; set; }
    public required DateOnly ArchivedOn { get; set; }
    public string? DossierNumber { get; set; }
    public required string ChecklistJson { get; set; }
    public DateOnly? DueOn { get; set; }
    public required int DaysLate { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A fact of execution (第三十四条至第三十七条): a progress or problem report by the execution unit, or the head's
/// suspension / resumption of execution.
/// </summary>
public sealed class ExecutionEvent
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    /// <summary><see cref="RuleOfLaw.Workflow.AfterDecision.ExecutionEventKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Text { get; set; }
    public required string RecordedBy { get; set; }
    public required string RecordedByName { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A public objection to a decision in execution (第三十五条), accepted without sign-in.</summary>
public sealed class PublicObjection : Participation.IStoredContact
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required string ReceiptNumber { get; set; }
    public required string Text { get; set; }
    public string? SubmitterName { get; set; }
    /// <summary>SM4-GCM ciphertext (base64) under <see cref="ContactKeyId"/>; read only through <see cref="Participation.ContactDetails"/>.</summary>
    public string? Contact { get; set; }
    /// <summary><c>sm4-gcm</c>; null on a plain row written before encryption at rest and not yet re-encrypted.</summary>
    public string? ContactAlgorithm { get; set; }
    /// <summary>The key ring id of the <c>data-sm4</c> key that encrypted <see cref="Contact"/>.</summary>
    public string? ContactKeyId { get; set; }
    string Participation.IStoredContact.ContactPurpose => RuleOfLaw.Workflow.Privacy.ContactPrivacy.Objectors;
    /// <summary>The client's Idempotency-Key (scoped to the matter), so a resubmission gets the same receipt.</summary>
    public string? ClientKey { get; set; }
    public required string RequestHash { get; set; }
    public required DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>A new matter opened for a major adjustment of a decision (第三十五条、第三十七条), linked to the original.</summary>
public sealed class MatterLink
{
    public required Guid Id { get; set; }
    public required Guid OriginalMatterId { get; set; }
    public required Guid NewMatterId { get; set; }
    public required string Kind { get; set; }
    public required string Reason { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A post-decision evaluation (第三十六条).</summary>
public sealed class DecisionEvaluation
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required string DecisionOrganId { get; set; }
    /// <summary>The local year it was started in (the yearly count of 第三十六条 local plans).</summary>
    public required int Year { get; set; }
    public required string Trigger { get; set; }
    public required string EvaluatorOrganizationId { get; set; }
    public string? Note { get; set; }
    public required string StartedBy { get; set; }
    public required DateTimeOffset StartedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Conclusion { get; set; }
    public string? CompletedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>Input to an evaluation from the public, deputies, CPPCC members or organisations (第三十六条).</summary>
public sealed class EvaluationInput
{
    public required Guid Id { get; set; }
    public required Guid EvaluationId { get; set; }
    public required string Source { get; set; }
    public string? SourceName { get; set; }
    public required string Text { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
}

internal sealed class AfterDecisionConfiguration :
    IEntityTypeConfiguration<PartyCommitteeReport>, IEntityTypeConfiguration<DecisionPublication>, IEntityTypeConfiguration<FilingRecord>,
    IEntityTypeConfiguration<ArchiveRecord>, IEntityTypeConfiguration<ExecutionEvent>, IEntityTypeConfiguration<PublicObjection>,
    IEntityTypeConfiguration<MatterLink>, IEntityTypeConfiguration<DecisionEvaluation>, IEntityTypeConfiguration<EvaluationInput>
{
    private const int UserId = WorkflowDbContext.UserIdLength;

    public void Configure(EntityTypeBuilder<PartyCommitteeReport> e)
    {
        e.ToTable("PartyCommitteeReports");
        e.Property(r => r.Form).HasMaxLength(40);
        e.Property(r => r.RecordedBy).HasMaxLength(UserId);
        e.HasIndex(r => r.TaskId).IsUnique();
        e.HasIndex(r => r.MatterId);
    }

    public void Configure(EntityTypeBuilder<DecisionPublication> e)
    {
        e.ToTable("DecisionPublications");
        e.Property(r => r.RecordedBy).HasMaxLength(UserId);
        e.HasIndex(r => r.TaskId).IsUnique();
        e.HasIndex(r => r.MatterId);
    }

    public void Configure(EntityTypeBuilder<FilingRecord> e)
    {
        e.ToTable("FilingRecords");
        e.Property(r => r.RecipientId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(r => r.RecipientName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(r => r.ReceiptNumber).HasMaxLength(100);
        e.Property(r => r.RecordedBy).HasMaxLength(UserId);
        e.HasIndex(r => new { r.TaskId, r.RecipientId }).IsUnique();
        e.HasIndex(r => r.MatterId);
    }

    public void Configure(EntityTypeBuilder<ArchiveRecord> e)
    {
        e.ToTable("ArchiveRecords");
        e.Property(r => r.DossierNumber).HasMaxLength(100);
        e.Property(r => r.RecordedBy).HasMaxLength(UserId);
        e.HasIndex(r => r.TaskId).IsUnique();
        e.HasIndex(r => r.MatterId);
    }

    public void Configure(EntityTypeBuilder<ExecutionEvent> e)
    {
        e.ToTable("ExecutionEvents");
        e.Property(r => r.Kind).HasMaxLength(20);
        e.Property(r => r.RecordedBy).HasMaxLength(UserId);
        e.Property(r => r.RecordedByName).HasMaxLength(WorkflowDbContext.NameLength);
        e.HasIndex(r => r.MatterId);
    }

    public void Configure(EntityTypeBuilder<PublicObjection> e)
    {
        e.ToTable("PublicObjections");
        e.Property(r => r.ReceiptNumber).HasMaxLength(32);
        e.Property(r => r.SubmitterName).HasMaxLength(100);
        e.Property(r => r.Contact).HasMaxLength(Participation.ContactCipher.StoredLength);
        e.Property(r => r.ContactAlgorithm).HasMaxLength(16);
        e.Property(r => r.ContactKeyId).HasMaxLength(64);
        e.Property(r => r.ClientKey).HasMaxLength(100);
        e.Property(r => r.RequestHash).HasMaxLength(WorkflowDbContext.HashLength);
        e.HasIndex(r => r.ReceiptNumber).IsUnique();
        e.HasIndex(r => new { r.MatterId, r.ClientKey }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<MatterLink> e)
    {
        e.ToTable("MatterLinks");
        e.Property(r => r.Kind).HasMaxLength(20);
        e.Property(r => r.CreatedBy).HasMaxLength(UserId);
        e.HasIndex(r => r.OriginalMatterId);
        e.HasIndex(r => r.NewMatterId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<DecisionEvaluation> e)
    {
        e.ToTable("DecisionEvaluations");
        e.Property(r => r.DecisionOrganId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(r => r.Trigger).HasMaxLength(40);
        e.Property(r => r.EvaluatorOrganizationId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(r => r.StartedBy).HasMaxLength(UserId);
        e.Property(r => r.Outcome).HasMaxLength(20);
        e.Property(r => r.CompletedBy).HasMaxLength(UserId);
        e.HasIndex(r => r.MatterId);
        e.HasIndex(r => new { r.DecisionOrganId, r.Year });
    }

    public void Configure(EntityTypeBuilder<EvaluationInput> e)
    {
        e.ToTable("EvaluationInputs");
        e.Property(r => r.Source).HasMaxLength(40);
        e.Property(r => r.SourceName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(r => r.RecordedBy).HasMaxLength(UserId);
        e.HasIndex(r => r.EvaluationId);
        e.HasOne<DecisionEvaluation>().WithMany().HasForeignKey(r => r.EvaluationId).OnDelete(DeleteBehavior.Restrict);
    }
}
