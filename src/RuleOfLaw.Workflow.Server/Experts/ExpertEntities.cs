using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Experts;

/// <summary>An expert of the pool (专家库, 第二十一条): field, employer and whether government-employed (local panel rules).</summary>
public sealed class Expert
{
    public required Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Field { get; set; }
    /// <summary>The employer's name as the expert states it.</summary>
    public required string Employer { get; set; }
    /// <summary>The employer's organization in this system, if it is one (an expert employed by the drafting unit is refused, 第二十条).</summary>
    public string? EmployerOrganizationId { get; set; }
    public required bool GovernmentEmployed { get; set; }
    /// <summary>The account the expert signs opinions with.</summary>
    public string? UserId { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An expert on a matter's panel, with the declaration of interests given when chosen (第二十条).</summary>
public sealed class ExpertPanelMember
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid InstanceId { get; set; }
    public required Guid ExpertId { get; set; }
    public required string InterestStatement { get; set; }
    public required string AddedBy { get; set; }
    public required DateTimeOffset AddedAt { get; set; }
}

/// <summary>A written argumentation opinion signed by the expert's account (第十九条: 书面论证意见应当署名).</summary>
public sealed class ExpertOpinion : Modules.IJournaledRow
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid InstanceId { get; set; }
    public required Guid ExpertId { get; set; }
    public required string Text { get; set; }
    /// <summary>
    /// SM2 signature (DER, hex) over <see cref="Integrity.OpinionSignatures.Message"/>; on rows of
    /// <see cref="Integrity.OpinionSignatures.LegacySha256Text"/>, SHA-256 of text, signing time and user id.
    /// </summary>
    public required string Signature { get; set; }
    /// <summary><c>sm2-sm3</c>, or <c>sha256-text</c> on rows signed before SM2.</summary>
    public string SignatureAlgorithm { get; set; } = Integrity.OpinionSignatures.LegacySha256Text;
    /// <summary>The signer key (<see cref="Integrity.SignerKey"/>) for SM2.</summary>
    public string? SignerKeyId { get; set; }
    public required string SignedBy { get; set; }
    public required DateTimeOffset SignedAt { get; set; }
    public long JournalSequence { get; set; }
}

/// <summary>How the drafting unit used an expert opinion: adopted, partly adopted or not adopted (reason unless adopted).</summary>
public sealed class ExpertOpinionAdoption : Modules.IJournaledRow
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid OpinionId { get; set; }
    public required string Adoption { get; set; }
    public string? Reason { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
    public long JournalSequence { get; set; }
}

internal sealed class ExpertConfigurations :
    IEntityTypeConfiguration<Expert>, IEntityTypeConfiguration<ExpertPanelMember>, IEntityTypeConfiguration<ExpertOpinion>, IEntityTypeConfiguration<ExpertOpinionAdoption>
{
    public void Configure(EntityTypeBuilder<Expert> e)
    {
        e.ToTable("Experts");
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Field).HasMaxLength(200);
        e.Property(x => x.Employer).HasMaxLength(200);
        e.Property(x => x.EmployerOrganizationId).HasMaxLength(64);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.HasIndex(x => x.UserId);
    }

    public void Configure(EntityTypeBuilder<ExpertPanelMember> e)
    {
        e.ToTable("ExpertPanelMembers");
        e.Property(x => x.AddedBy).HasMaxLength(450);
        e.HasIndex(x => new { x.MatterId, x.ExpertId }).IsUnique();
        e.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ExpertOpinion> e)
    {
        e.ToTable("ExpertOpinions");
        e.Property(x => x.Signature).HasMaxLength(200);
        // Opinions recorded before signatures carry the plain digest (migration 20261206120000); declared here too so
        // that the model and the migrated schema agree (and SQL Server's migration has it).
        e.Property(x => x.SignatureAlgorithm).HasMaxLength(16).HasDefaultValue(Integrity.OpinionSignatures.LegacySha256Text);
        e.Property(x => x.SignerKeyId).HasMaxLength(64);
        e.Property(x => x.SignedBy).HasMaxLength(450);
        e.HasIndex(x => x.MatterId);
        e.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ExpertOpinionAdoption> e)
    {
        e.ToTable("ExpertOpinionAdoptions");
        e.Property(x => x.Adoption).HasMaxLength(32);
        e.Property(x => x.RecordedBy).HasMaxLength(450);
        e.HasIndex(x => x.OpinionId);
        e.HasOne<ExpertOpinion>().WithMany().HasForeignKey(x => x.OpinionId).OnDelete(DeleteBehavior.Restrict);
    }
}
