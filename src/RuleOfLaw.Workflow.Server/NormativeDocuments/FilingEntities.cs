using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>Where a filing stands at its recipient.</summary>
public static class FilingStatuses
{
    /// <summary>Created at publication; the issuer has not filed yet.</summary>
    public const string Due = "due";
    public const string Filed = "filed";
    /// <summary>Registered by the recipient (登记), under review.</summary>
    public const string Registered = "registered";
    /// <summary>Returned as incomplete; the issuer re-files (the first filing date still counts).</summary>
    public const string Returned = "returned";
    public const string Accepted = "accepted";
    /// <summary>A correction notice was issued; the issuer amends, repeals or explains within the period.</summary>
    public const string Correction = "correction";
    public const string CorrectionAnswered = "correction-answered";
}

/// <summary>One filing of a document with one recipient (备案), with its own deadline and its own review.</summary>
public sealed class NormativeFiling
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    /// <summary>higher-government, people-congress-standing-committee or same-level-government.</summary>
    public required string RecipientKind { get; set; }
    /// <summary>The office that reviews: the recipient government's justice office, or the standing committee.</summary>
    public required string RecipientOrganizationId { get; set; }
    public DateOnly DueOn { get; set; }
    public required string DueRule { get; set; }
    public required string Status { get; set; }
    /// <summary>The first filing day: timeliness is judged on it, even after a return and re-filing.</summary>
    public DateOnly? FirstFiledOn { get; set; }
    public DateTimeOffset? LastFiledAt { get; set; }
    public int Returns { get; set; }
    public string? ReturnReason { get; set; }
    public DateTimeOffset? RegisteredAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? Result { get; set; }
    public string? Reasons { get; set; }
    public DateOnly? CorrectionDueOn { get; set; }
    public string? CorrectionAnswer { get; set; }
    public DateTimeOffset? CorrectionAnsweredAt { get; set; }
}

/// <summary>A citizen's or organization's review suggestion (审查建议) on a published document, with its receipt.</summary>
public sealed class NormativeReviewSuggestion : Participation.IStoredContact
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    public required string RecipientOrganizationId { get; set; }
    /// <summary>The receipt number the submitter keeps to follow the suggestion.</summary>
    public required string Receipt { get; set; }
    public required string SubmitterName { get; set; }
    /// <summary>SM4-GCM ciphertext (base64) under <see cref="ContactKeyId"/>; read only through <see cref="Participation.ContactDetails"/> (issue 20).</summary>
    public string? Contact { get; set; }
    /// <summary><c>sm4-gcm</c>; null on a plain row written before encryption at rest and not yet re-encrypted.</summary>
    public string? ContactAlgorithm { get; set; }
    /// <summary>The key ring id of the <c>data-sm4</c> key that encrypted <see cref="Contact"/>.</summary>
    public string? ContactKeyId { get; set; }
    string Participation.IStoredContact.ContactPurpose => RuleOfLaw.Workflow.Privacy.ContactPrivacy.Suggesters;
    public required string Text { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateOnly ReplyDueOn { get; set; }
    public string? Reply { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
}

internal sealed class NormativeFilingConfiguration : IEntityTypeConfiguration<NormativeFiling>
{
    public void Configure(EntityTypeBuilder<NormativeFiling> e)
    {
        e.ToTable("NormativeFilings");
        e.Property(x => x.RecipientKind).HasMaxLength(40);
        e.Property(x => x.RecipientOrganizationId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(x => x.DueRule).HasMaxLength(1000);
        e.Property(x => x.Status).HasMaxLength(24);
        e.Property(x => x.ReturnReason).HasMaxLength(2000);
        e.Property(x => x.Result).HasMaxLength(16);
        e.Property(x => x.Reasons).HasMaxLength(4000);
        e.Property(x => x.CorrectionAnswer).HasMaxLength(4000);
        e.HasIndex(x => new { x.DocumentId, x.RecipientKind }).IsUnique();
        e.HasIndex(x => new { x.RecipientOrganizationId, x.Status });
        e.HasOne<NormativeDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.RecipientOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NormativeReviewSuggestionConfiguration : IEntityTypeConfiguration<NormativeReviewSuggestion>
{
    public void Configure(EntityTypeBuilder<NormativeReviewSuggestion> e)
    {
        e.ToTable("NormativeReviewSuggestions");
        e.Property(x => x.RecipientOrganizationId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(x => x.Receipt).HasMaxLength(32);
        e.Property(x => x.SubmitterName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(x => x.Contact).HasMaxLength(Participation.ContactCipher.StoredLength);
        e.Property(x => x.ContactAlgorithm).HasMaxLength(16);
        e.Property(x => x.ContactKeyId).HasMaxLength(64);
        e.Property(x => x.Text).HasMaxLength(8000);
        e.Property(x => x.Reply).HasMaxLength(8000);
        e.HasIndex(x => x.Receipt).IsUnique();
        e.HasIndex(x => x.DocumentId);
        e.HasIndex(x => x.RecipientOrganizationId);
        e.HasOne<NormativeDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        // Named: the default name is longer than PostgreSQL's 63 characters.
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.RecipientOrganizationId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("FK_NormativeReviewSuggestions_Organizations");
    }
}
