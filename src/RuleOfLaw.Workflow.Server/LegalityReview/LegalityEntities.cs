using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>
/// A written opinion of a legal counsel (法律顾问) or staff lawyer (公职律师) in the legality review (第二十八条),
/// signed by the account that gave it: SHA-256 of the text, the time and the user id.
/// </summary>
public sealed class CounselOpinion
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid InstanceId { get; set; }
    /// <summary>The legal-counsel-opinion task the opinion belongs to (one review round).</summary>
    public required Guid CounselTaskId { get; set; }
    /// <summary><c>legal-counsel</c> or <c>staff-lawyer</c>.</summary>
    public required string CounselKind { get; set; }
    public required string Text { get; set; }
    /// <summary>SM2 (DER, hex) over <see cref="Integrity.OpinionSignatures.Message"/>, or the legacy SHA-256 of text, time and user id.</summary>
    public required string Signature { get; set; }
    /// <summary><c>sm2-sm3</c>, or <c>sha256-text</c> on rows signed before SM2.</summary>
    public string SignatureAlgorithm { get; set; } = Integrity.OpinionSignatures.LegacySha256Text;
    public string? SignerKeyId { get; set; }
    public required string GivenBy { get; set; }
    public required string GivenByName { get; set; }
    public required DateTimeOffset GivenAt { get; set; }
}

/// <summary>The review office's findings on authority (权限), procedure (程序) and content (内容), 第二十七条; one per review task.</summary>
public sealed class LegalityFindings : IJournaledRow
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid InstanceId { get; set; }
    public required Guid ReviewTaskId { get; set; }
    public required string Authority { get; set; }
    public required string Procedure { get; set; }
    public required string Content { get; set; }
    /// <summary>The legal risk stated for an exploratory reform (第二十五条); required for that conclusion.</summary>
    public string? LegalRisk { get; set; }
    public required string RecordedBy { get; set; }
    /// <summary>The signing time too (milliseconds, as signed).</summary>
    public required DateTimeOffset RecordedAt { get; set; }
    public long JournalSequence { get; set; }
    /// <summary>
    /// The reviewer's SM2 signature (DER, hex) over <see cref="Integrity.OpinionSignatures.Message"/> of
    /// <see cref="RuleOfLaw.Workflow.Record.SignedStatements.FindingsText"/> (issue 20); null on findings recorded before signatures.
    /// </summary>
    public string? Signature { get; set; }
    /// <summary><c>sm2-sm3</c>; null when unsigned.</summary>
    public string? SignatureAlgorithm { get; set; }
    public string? SignerKeyId { get; set; }
}

internal sealed class CounselOpinionConfiguration : IEntityTypeConfiguration<CounselOpinion>
{
    public void Configure(EntityTypeBuilder<CounselOpinion> e)
    {
        e.ToTable("CounselOpinions");
        e.Property(o => o.CounselKind).HasMaxLength(32);
        e.Property(o => o.Signature).HasMaxLength(200);
        // Opinions recorded before signatures carry the plain digest (migration 20261206120000); declared here too so
        // that the model and the migrated schema agree (and SQL Server's migration has it).
        e.Property(o => o.SignatureAlgorithm).HasMaxLength(16).HasDefaultValue(Integrity.OpinionSignatures.LegacySha256Text);
        e.Property(o => o.SignerKeyId).HasMaxLength(64);
        e.Property(o => o.GivenBy).HasMaxLength(450);
        e.Property(o => o.GivenByName).HasMaxLength(200);
        e.HasIndex(o => o.InstanceId);
        e.HasOne<Matter>().WithMany().HasForeignKey(o => o.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LegalityFindingsConfiguration : IEntityTypeConfiguration<LegalityFindings>
{
    public void Configure(EntityTypeBuilder<LegalityFindings> e)
    {
        e.ToTable("LegalityFindings");
        e.Property(f => f.RecordedBy).HasMaxLength(450);
        e.Property(f => f.Signature).HasMaxLength(200);
        e.Property(f => f.SignatureAlgorithm).HasMaxLength(16);
        e.Property(f => f.SignerKeyId).HasMaxLength(64);
        e.HasIndex(f => f.InstanceId);
        e.HasOne<Matter>().WithMany().HasForeignKey(f => f.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}
