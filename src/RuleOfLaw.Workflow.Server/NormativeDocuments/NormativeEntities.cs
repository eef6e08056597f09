using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>An entry of a government's issuing-entity list (制定主体清单), published on the portal.</summary>
public sealed class NormativeIssuer
{
    public Guid Id { get; set; }
    /// <summary>The government whose list this is.</summary>
    public required string GovernmentId { get; set; }
    /// <summary>The organization in the tree whose members draft for the entity.</summary>
    public required string OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string Code { get; set; }
    public required string Kind { get; set; }
    public required string DocumentNumberPrefix { get; set; }
    /// <summary>False once taken off the list: it keeps its numbers and documents but may not draft.</summary>
    public bool Listed { get; set; }
    public DateTimeOffset ListedAt { get; set; }
    public required string ListedBy { get; set; }
}

/// <summary>Where a document stands; the register's and the catalogue's filter.</summary>
public static class NormativeStatuses
{
    public const string Drafting = "drafting";
    public const string InReview = "in-review";
    public const string Reviewed = "reviewed";
    public const string Deliberated = "deliberated";
    public const string Signed = "signed";
    public const string Registered = "registered";
    public const string Published = "published";
    public const string Lapsed = "lapsed";
    public const string Repealed = "repealed";
    public const string Invalid = "invalid";
}

/// <summary>One normative document: its draft record, the review and deliberation gates, "三统一" and its validity.</summary>
public sealed class NormativeDocument
{
    public Guid Id { get; set; }
    public Guid IssuerId { get; set; }
    public required string GovernmentId { get; set; }
    /// <summary>The major-decision matter when the document is also a major decision (it must be complete before deliberation).</summary>
    public Guid? MajorDecisionMatterId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public bool Provisional { get; set; }
    public int ValidityYears { get; set; }
    public bool AffectsMarketActors { get; set; }
    public bool MajorDecision { get; set; }
    /// <summary>The legal bases, one per line.</summary>
    public required string LegalBases { get; set; }
    public required string Status { get; set; }
    /// <summary>The day the package went to the justice office; the review window counts from it.</summary>
    public DateOnly? SubmittedForReviewOn { get; set; }
    public string? ReviewConclusion { get; set; }
    /// <summary>The checklist answers as JSON (item, yes, note) and the written opinion.</summary>
    public string? ReviewChecklist { get; set; }
    public string? ReviewOpinion { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public DateTimeOffset? DeliberatedAt { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public int? RegistrationYear { get; set; }
    public int? RegistrationSequence { get; set; }
    public string? RegistrationNumber { get; set; }
    public string? DocumentNumber { get; set; }
    /// <summary>印发之日: the registration day (“统一登记、统一编号、统一印发”), local.</summary>
    public DateOnly? IssuedOn { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? FullText { get; set; }
    public DateOnly? EffectiveFrom { get; set; }
    public DateOnly? LastDayInForce { get; set; }
    public DateOnly? LapsesOn { get; set; }
    public DateOnly? ReminderOn { get; set; }
    /// <summary>The issuer's decision when reminded before expiry (continue / amend / lapse).</summary>
    public string? ExpiryDecision { get; set; }
    public DateOnly? EndedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>
/// The last sequence taken per issuing entity and year. Incremented by an UPDATE inside the registration's
/// transaction, so it holds the row lock until commit: concurrent registrations queue, and a rolled-back
/// registration gives its number back (never skipped, never reused).
/// </summary>
public sealed class NormativeNumberCounter
{
    public Guid IssuerId { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}

/// <summary>The document's history (drafted, reviewed, registered, published, reminded, lapsed …), append-only.</summary>
public sealed class NormativeDocumentEvent
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The user, or <c>system</c> for timers.</summary>
    public required string Actor { get; set; }
    public string? Note { get; set; }
}

internal sealed class NormativeIssuerConfiguration : IEntityTypeConfiguration<NormativeIssuer>
{
    public void Configure(EntityTypeBuilder<NormativeIssuer> e)
    {
        e.ToTable("NormativeIssuers");
        e.Property(x => x.GovernmentId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(x => x.OrganizationId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(x => x.Name).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(x => x.Code).HasMaxLength(16);
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.DocumentNumberPrefix).HasMaxLength(32);
        e.Property(x => x.ListedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(x => new { x.GovernmentId, x.Code }).IsUnique();
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.GovernmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NormativeDocumentConfiguration : IEntityTypeConfiguration<NormativeDocument>
{
    public void Configure(EntityTypeBuilder<NormativeDocument> e)
    {
        e.ToTable("NormativeDocuments");
        e.Property(x => x.GovernmentId).HasMaxLength(WorkflowDbContext.IdLength);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.LegalBases).HasMaxLength(4000);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.ReviewConclusion).HasMaxLength(16);
        e.Property(x => x.ReviewChecklist).HasMaxLength(8000);
        e.Property(x => x.ReviewOpinion).HasMaxLength(20000);
        e.Property(x => x.RegistrationNumber).HasMaxLength(64);
        e.Property(x => x.DocumentNumber).HasMaxLength(64);
        e.Property(x => x.ExpiryDecision).HasMaxLength(16);
        e.Property(x => x.CreatedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        // The database itself refuses a second document with the same entity, year and sequence.
        // Named: the default name is longer than PostgreSQL's 63 characters.
        e.HasIndex(x => new { x.IssuerId, x.RegistrationYear, x.RegistrationSequence }).IsUnique().HasDatabaseName("IX_NormativeDocuments_Registration");
        e.HasIndex(x => new { x.GovernmentId, x.Status });
        e.HasOne<NormativeIssuer>().WithMany().HasForeignKey(x => x.IssuerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NormativeNumberCounterConfiguration : IEntityTypeConfiguration<NormativeNumberCounter>
{
    public void Configure(EntityTypeBuilder<NormativeNumberCounter> e)
    {
        e.ToTable("NormativeNumberCounters");
        e.HasKey(x => new { x.IssuerId, x.Year });
        e.HasOne<NormativeIssuer>().WithMany().HasForeignKey(x => x.IssuerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NormativeDocumentEventConfiguration : IEntityTypeConfiguration<NormativeDocumentEvent>
{
    public void Configure(EntityTypeBuilder<NormativeDocumentEvent> e)
    {
        e.ToTable("NormativeDocumentEvents");
        e.Property(x => x.Type).HasMaxLength(32);
        e.Property(x => x.Actor).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.HasIndex(x => x.DocumentId);
        e.HasOne<NormativeDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
