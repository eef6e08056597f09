using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
    /// <summary>Why the timer is an incident or was cancelled (e.g. no calendar for the year its deadline falls in).</summary>
    public string? Note { get; set; }
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
        b.Property(t => t.Note).HasMaxLength(2000);
        b.Property(t => t.DueAt).HasConversion(new UnixMilliseconds());
        b.HasIndex(t => new { t.Status, t.DueAt });
        b.HasIndex(t => t.InstanceId);
    }
}
