using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// A clean-up campaign (清理): opened by an administrator for a government with a scope (issuer, issue years, subject),
/// the documents in scope fixed at opening; approved and published by the justice office.
/// </summary>
public sealed class NormativeCleanup
{
    public Guid Id { get; set; }
    public required string GovernmentId { get; set; }
    /// <summary>The clean-up's name, e.g. 2026年度行政规范性文件全面清理.</summary>
    public required string Subject { get; set; }
    /// <summary>Only this issuing entity's documents; null for every entity of the government.</summary>
    public Guid? IssuerId { get; set; }
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    /// <summary>A special clean-up (专项清理): only documents whose title names this.</summary>
    public string? TitleKeyword { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public required string OpenedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

/// <summary>One document in a clean-up's scope and the result its issuer proposes, with the reason.</summary>
public sealed class NormativeCleanupItem
{
    public Guid Id { get; set; }
    public Guid CleanupId { get; set; }
    public Guid DocumentId { get; set; }
    public string? Result { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? ProposedAt { get; set; }
    public string? ProposedBy { get; set; }
}

internal sealed class NormativeCleanupConfiguration : IEntityTypeConfiguration<NormativeCleanup>
{
    public void Configure(EntityTypeBuilder<NormativeCleanup> e)
    {
        e.ToTable("NormativeCleanups");
        e.Property(x => x.GovernmentId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(x => x.Subject).HasMaxLength(500);
        e.Property(x => x.TitleKeyword).HasMaxLength(100);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.OpenedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(x => x.ApprovedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(x => x.PublishedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(x => new { x.GovernmentId, x.Status });
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.GovernmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<NormativeIssuer>().WithMany().HasForeignKey(x => x.IssuerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NormativeCleanupItemConfiguration : IEntityTypeConfiguration<NormativeCleanupItem>
{
    public void Configure(EntityTypeBuilder<NormativeCleanupItem> e)
    {
        e.ToTable("NormativeCleanupItems");
        e.Property(x => x.Result).HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.ProposedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(x => new { x.CleanupId, x.DocumentId }).IsUnique();
        e.HasIndex(x => x.DocumentId);
        e.HasOne<NormativeCleanup>().WithMany().HasForeignKey(x => x.CleanupId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<NormativeDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
