using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// The integrity module's tables, configured here rather than in <see cref="WorkflowDbContext"/> (which applies every
/// configuration of the assembly), so that the data layer names no module above it (issue 12 item 4: Data ⇄ Integrity
/// was a cycle).
/// </summary>
public sealed class JournalCheckpointConfiguration : IEntityTypeConfiguration<JournalCheckpoint>
{
    public void Configure(EntityTypeBuilder<JournalCheckpoint> e)
    {
        e.ToTable("JournalCheckpoints");
        e.HasKey(c => c.Number);
        e.Property(c => c.Number).ValueGeneratedNever();
        e.Property(c => c.HashAlgorithm).HasMaxLength(WorkflowDbContext.AlgorithmLength);
        e.Property(c => c.MerkleRoot).HasMaxLength(WorkflowDbContext.HashLength);
        e.Property(c => c.SignatureAlgorithm).HasMaxLength(WorkflowDbContext.AlgorithmLength);
        e.Property(c => c.KeyId).HasMaxLength(WorkflowDbContext.KeyIdLength);
        e.Property(c => c.PublicKey).HasMaxLength(200);
        e.Property(c => c.Signature).HasMaxLength(200);
    }
}

/// <summary>The users' SM2 signing keys (sealed with the key ring's SM4 key).</summary>
public sealed class SignerKeyConfiguration : IEntityTypeConfiguration<SignerKey>
{
    public void Configure(EntityTypeBuilder<SignerKey> e)
    {
        e.ToTable("SignerKeys");
        e.HasKey(k => k.Id);
        e.Property(k => k.Id).HasMaxLength(WorkflowDbContext.KeyIdLength);
        e.Property(k => k.UserId).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(k => k.Algorithm).HasMaxLength(WorkflowDbContext.AlgorithmLength);
        e.Property(k => k.PublicKey).HasMaxLength(200);
        e.Property(k => k.EncryptionAlgorithm).HasMaxLength(WorkflowDbContext.AlgorithmLength);
        e.Property(k => k.EncryptionKeyId).HasMaxLength(WorkflowDbContext.KeyIdLength);
        e.HasIndex(k => k.UserId);
    }
}
