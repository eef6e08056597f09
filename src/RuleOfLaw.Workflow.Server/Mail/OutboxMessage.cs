using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>
/// One mail to one person, written in the same transaction as the state change that causes it and sent later by
/// <see cref="OutboxWorker"/>. <see cref="EventKey"/> is unique: the same event can never be queued (so sent) twice.
/// </summary>
public sealed class OutboxMessage
{
    public required Guid Id { get; set; }
    /// <summary>What caused the mail and for whom, e.g. <c>task-assigned:{taskId}:{userId}</c>.</summary>
    public required string EventKey { get; set; }
    public required string Kind { get; set; }
    public string? UserId { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public Guid? MatterId { get; set; }
    /// <summary><see cref="OutboxStatus"/>.</summary>
    public required string Status { get; set; }
    /// <summary>The recipient asked for a daily digest: sent with the others of the day at the digest hour.</summary>
    public bool Digest { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    /// <summary>Not sent before this (back-off after a failure; the digest hour).</summary>
    public required DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

public static class OutboxStatus
{
    public const string Pending = "Pending";
    /// <summary>Claimed by a worker (until <see cref="OutboxMessage.NextAttemptAt"/>, after which another may take it).</summary>
    public const string Sending = "Sending";
    public const string Sent = "Sent";
    /// <summary>Gave up after the configured number of attempts; visible in <c>/api/admin/outbox</c>.</summary>
    public const string Failed = "Failed";
    /// <summary>The recipient has no e-mail address.</summary>
    public const string NoAddress = "NoAddress";
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("MailOutbox");
        b.HasKey(m => m.Id);
        b.Property(m => m.EventKey).HasMaxLength(300);
        b.Property(m => m.Kind).HasMaxLength(64);
        b.Property(m => m.UserId).HasMaxLength(450);
        b.Property(m => m.ToAddress).HasMaxLength(256);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.Status).HasMaxLength(16);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.Property(m => m.NextAttemptAt).HasConversion(new UnixMilliseconds());
        b.HasIndex(m => m.EventKey).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}

/// <summary>A user's choice: each mail at once (<c>immediate</c>) or one mail a day (<c>daily-digest</c>); and the language.</summary>
public sealed class MailPreference
{
    public const string Immediate = "immediate";
    public const string DailyDigest = "daily-digest";

    public required string UserId { get; set; }
    public required string Delivery { get; set; }
    /// <summary><c>zh</c> (default) or <c>en</c>.</summary>
    public required string Language { get; set; }
}

public sealed class MailPreferenceConfiguration : IEntityTypeConfiguration<MailPreference>
{
    public void Configure(EntityTypeBuilder<MailPreference> b)
    {
        b.ToTable("MailPreferences");
        b.HasKey(p => p.UserId);
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.Delivery).HasMaxLength(16);
        b.Property(p => p.Language).HasMaxLength(8);
    }
}
