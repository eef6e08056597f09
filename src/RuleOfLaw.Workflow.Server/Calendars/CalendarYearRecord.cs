using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Calendars;

/// <summary>
/// A year's holiday calendar loaded by an administrator through the API or the page (issue 16 item 6), besides the
/// files in <c>workflows/calendars/</c>: the text as given (the same JSON form as a file), who loaded it and when.
/// Never updated or deleted: a loaded year is final, because deadlines were counted on it.
/// </summary>
public sealed class CalendarYearRecord
{
    public required int Year { get; set; }
    /// <summary>The calendar as uploaded, in the file format (<c>year</c>, <c>source</c>, <c>daysOff</c>, <c>makeUpWorkingDays</c>).</summary>
    public required string Json { get; set; }
    /// <summary>The State Council notice named in the text.</summary>
    public required string Source { get; set; }
    /// <summary>SHA-256 of <see cref="Json"/> (UTF-8), hex: what was loaded, checkable against a copy.</summary>
    public required string Sha256 { get; set; }
    public required string LoadedBy { get; set; }
    public required string LoadedByName { get; set; }
    public required DateTimeOffset LoadedAt { get; set; }
    /// <summary>How many provisional deadlines the load made final (for the record; the journals hold each one).</summary>
    public int DeadlinesFinalized { get; set; }
}

internal sealed class CalendarYearRecordConfiguration : IEntityTypeConfiguration<CalendarYearRecord>
{
    public void Configure(EntityTypeBuilder<CalendarYearRecord> e)
    {
        e.ToTable("HolidayCalendarYears");
        e.HasKey(c => c.Year);
        e.Property(c => c.Year).ValueGeneratedNever();
        e.Property(c => c.Json).HasMaxLength(CalendarYears.MaxJsonLength);
        e.Property(c => c.Source).HasMaxLength(500);
        e.Property(c => c.Sha256).HasMaxLength(WorkflowDbContext.HashLength);
        e.Property(c => c.LoadedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.Property(c => c.LoadedByName).HasMaxLength(WorkflowDbContext.NameLength);
    }
}
