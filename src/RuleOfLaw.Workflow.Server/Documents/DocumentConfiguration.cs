using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Documents;

internal sealed class MatterDocumentConfiguration : IEntityTypeConfiguration<MatterDocument>
{
    public void Configure(EntityTypeBuilder<MatterDocument> e)
    {
        e.ToTable("MatterDocuments");
        e.Property(d => d.Kind).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(d => d.Title).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(d => d.CreatedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(d => new { d.MatterId, d.Kind });
        e.HasOne<Matter>().WithMany().HasForeignKey(d => d.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> e)
    {
        e.ToTable("DocumentVersions");
        e.Property(v => v.FileName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(v => v.ContentType).HasMaxLength(100);
        e.Property(v => v.Digest).HasMaxLength(WorkflowDbContext.HashLength);
        e.Property(v => v.DigestAlgorithm).HasMaxLength(WorkflowDbContext.AlgorithmLength).HasDefaultValue(Engine.Journal.JournalAlgorithms.Sha256);
        e.Property(v => v.Note).HasMaxLength(1000);
        e.Property(v => v.UploadedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(v => v.UploadedByName).HasMaxLength(WorkflowDbContext.NameLength);
        e.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        e.HasOne<MatterDocument>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
