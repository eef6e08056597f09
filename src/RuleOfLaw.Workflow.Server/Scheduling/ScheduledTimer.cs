using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// One durable timer: the source of truth for everything that must happen at a time (an engine timer step, a
/// reminder before a task's due date, an escalation after it, a module's domain timer). Written in the same
/// transaction as the state change that creates it; a Hangfire job only carries its <see cref="Id"/>.
/// </summary>
public sealed class ScheduledTimer
{
    public required Guid Id { get; set; }
    /// <summary><see cref="TimerKinds"/> or a domain kind registered by a module's <see cref="IDomainTimerHandler"/>.</summary>
    public required string Kind { get; set; }
    public Guid? InstanceId { get; set; }
    public Guid? MatterId { get; set; }
    public Guid? TaskId { get; set; }
    public string? StepId { get; set; }
    public required DateTimeOffset DueAt { get; set; }
    /// <summary><see cref="TimerRowStatus"/>.</summary>
    public required string Status { get; set; }
    /// <summary>Kind-specific data (JSON), e.g. the reminder offset or a domain handler's arguments.</summary>
    public string? PayloadJson { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    /// <summary>
    /// Why the timer is an incident or was cancelled (e.g. no calendar for the year its deadline falls in), or the rule
    /// of its due time. For a note from a text catalog this is its zh-CN text, kept for rows read without the code
    /// (and the only note of rows written before <see cref="NoteCode"/> existed, which may be "中文。English.").
    /// </summary>
    public string? Note { get; set; }
    /// <summary>The catalog text of <see cref="Note"/> (<c>catalog:key</c>, <see cref="StoredTexts"/>); null for a plain note.</summary>
    public string? NoteCode { get; set; }
    /// <summary>The arguments of <see cref="NoteCode"/>'s text (a JSON object).</summary>
    public string? NoteArgs { get; set; }

    /// <summary>A note from a text catalog: its zh-CN text, code and arguments (null clears all three).</summary>
    public void SetNote(CatalogText? text) => (Note, NoteCode, NoteArgs) = Parts(text);

    /// <summary>A plain note (a deadline's rule): no code.</summary>
    public void SetNote(string? note) => (Note, NoteCode, NoteArgs) = (Limit(note), null, null);

    /// <summary>The note in <paramref name="culture"/>: rendered from its code, or the stored text as it is.</summary>
    public string? NoteIn(CultureInfo culture) => StoredTexts.Render(NoteCode, NoteArgs, Note, culture);

    /// <summary>The three columns for <paramref name="text"/> (for a conditional <c>ExecuteUpdate</c>, which sets columns, not the entity).</summary>
    public static (string? Note, string? Code, string? Args) Parts(CatalogText? text) =>
        text is null ? (null, null, null) : (Limit(text.ToText(TextCatalog.Chinese)), StoredTexts.Code(text), StoredTexts.ArgumentsJson(text));

    private static string? Limit(string? s) => s is { Length: > NoteLength } ? s[..NoteLength] : s;

    public const int NoteLength = 2000;
}

/// <summary>The timer kinds this module handles itself.</summary>
public static class TimerKinds
{
    /// <summary>A timer step of the procedure definition (<c>WorkflowCommand.FireTimer</c>).</summary>
    public const string Workflow = "workflow";
    /// <summary>A reminder to the task's assignees before its due date.</summary>
    public const string Reminder = "task-reminder";
    /// <summary>An escalation to the jurisdiction's escalation targets after the due date passed.</summary>
    public const string Escalation = "task-escalation";
    /// <summary>
    /// A marker, never a trigger: a task's due date or minimum that waits for a year's holiday calendar (issue 16 item 6).
    /// Its row (status <see cref="TimerRowStatus.Provisional"/>) lets the calendar's loading find the instances to recount.
    /// </summary>
    public const string ProvisionalDeadline = "provisional-deadline";
}

public static class TimerRowStatus
{
    public const string Pending = "Pending";
    public const string Fired = "Fired";
    public const string Cancelled = "Cancelled";
    /// <summary>Due while its instance was suspended; set Pending again (and fired at once) when it resumes.</summary>
    public const string Held = "Held";
    /// <summary>Its due time could not be computed (a calendar year is missing): no trigger, visible in compliance and the admin API.</summary>
    public const string Incident = "Incident";
    /// <summary>
    /// Its end falls in a year without a holiday calendar: no trigger (it never fires early), due
    /// <see cref="DateTimeOffset.MaxValue"/>, the payload names the year and the earliest end; the year's calendar
    /// counts it again (<c>ProvisionalDeadlines</c>) and it becomes Pending at its final end.
    /// </summary>
    public const string Provisional = "Provisional";
}

public sealed class ScheduledTimerConfiguration : IEntityTypeConfiguration<ScheduledTimer>
{
    public void Configure(EntityTypeBuilder<ScheduledTimer> b)
    {
        b.ToTable("ScheduledTimers");
        b.HasKey(t => t.Id);
        b.Property(t => t.Kind).HasMaxLength(64);
        b.Property(t => t.StepId).HasMaxLength(64);
        b.Property(t => t.Status).HasMaxLength(16);
        b.Property(t => t.Note).HasMaxLength(ScheduledTimer.NoteLength);
        b.Property(t => t.NoteCode).HasMaxLength(128);
        b.Property(t => t.DueAt).HasConversion(new UnixMilliseconds());
        b.HasIndex(t => new { t.Status, t.DueAt });
        b.HasIndex(t => t.InstanceId);
    }
}
