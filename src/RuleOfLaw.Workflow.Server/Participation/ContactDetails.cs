using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Privacy;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// The one read path of commenters', objectors' and review suggesters' contact details (issue 16 item 7, <see cref="ContactPrivacy"/>):
/// every view, export and page that shows them asks here for a <see cref="ContactReading"/>, which reveals them to
/// the handling roles (and logs the view: who, when, which consultation or matter, how many) or masks them for
/// everyone else. Stored values are SM4-encrypted (<see cref="ContactCipher"/>, issue 20 item 4) and are opened only
/// through a revealing <see cref="ContactReading.Read"/>; a masked reading never decrypts.
/// </summary>
public sealed class ContactDetails(WorkflowDbContext db, CurrentActor current, TimeProvider clock, ContactCipher cipher)
{
    /// <summary>The contact details of a consultation's commenters, for the current user; a revealing view of any is logged.</summary>
    public async Task<ContactReading> ForConsultationAsync(Matter matter, Guid consultationId, IEnumerable<string?> stored, string channel, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        return ContactPrivacy.MayReadCommenters(actor, matter.DraftingUnitId)
            ? await RevealAsync(actor, matter.Id, consultationId, ContactPrivacy.Commenters, stored, channel, ct)
            : ContactReading.Masked;
    }

    /// <summary>The contact details of a matter's objectors (第三十五条), for <paramref name="actor"/>; a revealing view is logged.</summary>
    public async Task<ContactReading> ForObjectionsAsync(Actor actor, Matter matter, string? executionUnitId, IEnumerable<string?> stored, string channel, CancellationToken ct) =>
        ContactPrivacy.MayReadObjectors(actor, executionUnitId)
            ? await RevealAsync(actor, matter.Id, matter.Id, ContactPrivacy.Objectors, stored, channel, ct)
            : ContactReading.Masked;

    /// <summary>
    /// The contact details of a normative document's review suggestions sent to <paramref name="recipientOrganizationId"/>,
    /// for <paramref name="actor"/>; a revealing view is logged (the document as matter and subject: it may have no matter).
    /// </summary>
    public async Task<ContactReading> ForReviewSuggestionsAsync(Actor actor, Guid documentId, string recipientOrganizationId, IEnumerable<string?> stored,
        string channel, CancellationToken ct) =>
        ContactPrivacy.MayReadSuggesters(actor, recipientOrganizationId)
            ? await RevealAsync(actor, documentId, documentId, ContactPrivacy.Suggesters, stored, channel, ct)
            : ContactReading.Masked;

    private async Task<ContactReading> RevealAsync(Actor actor, Guid matterId, Guid subjectId, string purpose, IEnumerable<string?> stored, string channel, CancellationToken ct)
    {
        var count = stored.Count(s => !string.IsNullOrEmpty(s));
        if (count > 0)
        {
            db.Add(new ContactDetailsView
            {
                Id = Guid.NewGuid(), UserId = actor.Id, UserName = actor.DisplayName.Length > WorkflowDbContext.NameLength ? actor.DisplayName[..WorkflowDbContext.NameLength] : actor.DisplayName,
                MatterId = matterId, SubjectId = subjectId, Purpose = purpose, Channel = channel, Count = count, ViewedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }
        return new ContactReading(cipher);
    }
}

/// <summary>Whether this reader sees the stored contact details or the mask.</summary>
public sealed class ContactReading
{
    public static readonly ContactReading Masked = new(null);

    private readonly ContactCipher? _cipher;

    internal ContactReading(ContactCipher? cipher) => _cipher = cipher;

    public bool Revealed => _cipher is not null;

    /// <summary>A stored contact detail as this reader may see it: decrypted for a revealing reader, the mask for the others.</summary>
    public string? Read(IStoredContact stored) => _cipher is { } cipher ? cipher.Open(stored) : ContactPrivacy.Redact(stored.Contact);
}

/// <summary>
/// One view of contact details by a handling official (《个人信息保护法》第五十一条): who, when, of which consultation
/// (or, for objections, which matter), through which channel (<c>api</c>, <c>csv</c>, <c>page</c>) and how many.
/// </summary>
public sealed class ContactDetailsView
{
    public required Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required Guid MatterId { get; set; }

    /// <summary>The consultation whose commenters were shown, or the matter whose objectors were.</summary>
    public required Guid SubjectId { get; set; }

    public required string Purpose { get; set; }
    public required string Channel { get; set; }
    public required int Count { get; set; }
    public required DateTimeOffset ViewedAt { get; set; }
}

internal sealed class ContactDetailsViewConfiguration : IEntityTypeConfiguration<ContactDetailsView>
{
    public void Configure(EntityTypeBuilder<ContactDetailsView> e)
    {
        e.ToTable("ContactDetailsViews");
        e.HasKey(v => v.Id);
        e.Property(v => v.UserId).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(v => v.UserName).HasMaxLength(WorkflowDbContext.NameLength);
        e.Property(v => v.Purpose).HasMaxLength(32);
        e.Property(v => v.Channel).HasMaxLength(16);
        e.HasIndex(v => v.SubjectId);
        e.HasIndex(v => v.MatterId);
    }
}
