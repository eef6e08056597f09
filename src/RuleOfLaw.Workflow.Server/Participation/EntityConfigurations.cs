using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Participation;

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> e)
    {
        e.ToTable("Consultations");
        e.Property(c => c.Title).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(c => c.MinimumRule).HasMaxLength(1000);
        e.Property(c => c.UrgencyReason).HasMaxLength(ParticipationLimits.ReasonLength);
        e.Property(c => c.PublishedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(c => c.PublishedByName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(c => c.CommentsHash).HasMaxLength(WorkflowDbContext.HashLength);
        e.Property(c => c.FeedbackSummary).HasMaxLength(ParticipationLimits.SummaryLength);
        e.Property(c => c.FeedbackPublishedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(c => c.MatterId);
        e.HasOne<Matter>().WithMany().HasForeignKey(c => c.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsultationCommentConfiguration : IEntityTypeConfiguration<ConsultationComment>
{
    public void Configure(EntityTypeBuilder<ConsultationComment> e)
    {
        e.ToTable("ConsultationComments");
        e.Property(c => c.ReceiptNumber).HasMaxLength(64);
        e.Property(c => c.SubmitterType).HasMaxLength(20);
        e.Property(c => c.SubmitterName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(c => c.Contact).HasMaxLength(ContactCipher.StoredLength);
        e.Property(c => c.ContactAlgorithm).HasMaxLength(16);
        e.Property(c => c.ContactKeyId).HasMaxLength(64);
        e.Property(c => c.Text).HasMaxLength(ParticipationLimits.CommentLength);
        e.Property(c => c.GroupKey).HasMaxLength(WorkflowDbContext.HashLength);
        e.Property(c => c.IdempotencyKey).HasMaxLength(100);
        e.Property(c => c.RequestHash).HasMaxLength(WorkflowDbContext.HashLength);
        e.Property(c => c.HiddenReason).HasMaxLength(ParticipationLimits.ReasonLength);
        e.Property(c => c.HiddenBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(c => c.Channel).HasMaxLength(16);
        e.Property(c => c.EnteredBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(c => c.ReceiptNumber).IsUnique();
        e.HasIndex(c => new { c.ConsultationId, c.Sequence }).IsUnique();
        // A retry with the same key finds the first comment; a concurrent twin fails on this index and replays.
        e.HasIndex(c => new { c.ConsultationId, c.IdempotencyKey }).IsUnique();
        e.HasIndex(c => new { c.ConsultationId, c.GroupKey });
        e.HasOne<Consultation>().WithMany().HasForeignKey(c => c.ConsultationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommentResponseConfiguration : IEntityTypeConfiguration<CommentResponse>
{
    public void Configure(EntityTypeBuilder<CommentResponse> e)
    {
        e.ToTable("CommentResponses");
        e.Property(r => r.GroupKey).HasMaxLength(WorkflowDbContext.HashLength);
        e.Property(r => r.Decision).HasMaxLength(20);
        e.Property(r => r.Reason).HasMaxLength(ParticipationLimits.ReasonLength);
        e.Property(r => r.RespondedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(r => r.RespondedByName).HasMaxLength(WorkflowDbContext.NameLength);
        e.HasIndex(r => r.ConsultationId);
        e.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ConsultationComment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParticipationActivityConfiguration : IEntityTypeConfiguration<ParticipationActivity>
{
    public void Configure(EntityTypeBuilder<ParticipationActivity> e)
    {
        e.ToTable("ParticipationActivities");
        e.Property(a => a.Method).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(a => a.Summary).HasMaxLength(ParticipationLimits.SummaryLength);
        e.Property(a => a.GroupName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(a => a.RecordedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(a => a.RecordedByName).HasMaxLength(WorkflowDbContext.NameLength);
        e.HasIndex(a => a.MatterId);
        e.HasOne<Matter>().WithMany().HasForeignKey(a => a.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}
