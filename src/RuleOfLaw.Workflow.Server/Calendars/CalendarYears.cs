using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.Calendars;

/// <summary>How a year's calendar came to the server.</summary>
public sealed record CalendarYearView(int Year, string Source, string Origin, string? LoadedByName, DateTimeOffset? LoadedAt, string? Sha256, int DaysOff, int MakeUpWorkingDays);

/// <summary>What the calendar page and <c>GET /api/admin/calendars</c> show: the years loaded, the years missing, and what waits for them.</summary>
public sealed record CalendarStatus(IReadOnlyList<CalendarYearView> Years, IReadOnlyList<int> Missing, IReadOnlyDictionary<int, int> ProvisionalDeadlines, string WarnFrom);

/// <summary>
/// The holiday calendars besides the files (issue 16 item 6): an administrator loads a year through the API or the
/// page; the text is checked exactly like a file, stored with who loaded it and when (never replaced), added to the
/// running calendar, and every provisional deadline waiting for that year is made final and journaled
/// (<see cref="RecountAsync"/>: consultation ends, and the engine's task due dates, minimums and timers). Every node adds the stored years it does not have yet (at start and each
/// minute, <see cref="CalendarWorker"/>).
/// </summary>
public sealed partial class CalendarYears(
    WorkflowDbContext db, DeadlineCalculator deadlines, ProvisionalPeriods provisional, ProvisionalDeadlines engineDeadlines, TimeProvider clock,
    IOptions<CalendarOptions> options,
    ILogger<CalendarYears> logger)
{
    /// <summary>A calendar is about 1 KB; the cap keeps a pasted file from being anything else.</summary>
    public const int MaxJsonLength = 20_000;

    public const string AlreadyLoaded = "calendar-year-loaded";
    public const string Invalid = "calendar-invalid";

    /// <summary>The years a calendar may be loaded for (the software's lifetime, not the calendar's).</summary>
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>Adds the stored years this node does not have yet; the years added.</summary>
    public async Task<IReadOnlyList<int>> RefreshAsync(CancellationToken ct)
    {
        var known = deadlines.Calendar.Years.ToList();
        var rows = await db.Set<CalendarYearRecord>().AsNoTracking().Where(r => !known.Contains(r.Year)).ToListAsync(ct);
        var added = new List<int>();
        foreach (var row in rows)
        {
            try
            {
                if (deadlines.Calendar.Add(HolidayCalendarYear.Parse(row.Json, row.Year, $"HolidayCalendarYears[{row.Year}]")))
                {
                    added.Add(row.Year);
                }
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException)
            {
                // Checked when loaded; a row changed in the database since is not trusted, and said so.
                LogStoredInvalid(logger, row.Year, e.Message);
            }
        }
        return added;
    }

    private static CalendarTexts T => CalendarTexts.Catalog;

    /// <summary>
    /// Checks and loads <paramref name="year"/>'s calendar given as <paramref name="json"/> (the file format), as
    /// <paramref name="actor"/>: the year as listed (201), or the refusal (422 <c>calendar-invalid</c>, 409 <c>calendar-year-loaded</c>).
    /// The API's <c>PUT /api/admin/calendars/{year}</c> and the calendar page both call this.
    /// </summary>
    public async Task<ModuleOutcome<CalendarYearView>> LoadAsync(int year, string json, Actor actor, CancellationToken ct)
    {
        if (year is < FirstYear or > LastYear)
        {
            return T.Invalid(Invalid + ".year", null, ("first", FirstYear), ("last", LastYear));
        }
        if (json.Length > MaxJsonLength)
        {
            return T.Invalid(Invalid + ".length", null, ("limit", MaxJsonLength));
        }
        HolidayCalendarYear parsed;
        try
        {
            parsed = HolidayCalendarYear.Parse(json, year, $"{year}.json");
        }
        catch (InvalidDataException e)
        {
            return T.Invalid(Invalid + ".file", null, ("problem", e.Message));
        }
        await RefreshAsync(ct);
        if (deadlines.Calendar.HasYear(year))
        {
            return T.Conflict(AlreadyLoaded, null, ("year", year));
        }
        var record = new CalendarYearRecord
        {
            Year = year,
            Json = json,
            Source = parsed.Source,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
            LoadedBy = actor.Id,
            LoadedByName = actor.DisplayName,
            LoadedAt = clock.GetUtcNow(),
        };
        db.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator (or node) stored the year first.
            db.ChangeTracker.Clear();
            await RefreshAsync(ct);
            return T.Conflict(AlreadyLoaded + ".just-now", null, ("year", year));
        }
        deadlines.Calendar.Add(parsed);
        LogLoaded(logger, actor.DisplayName, actor.Id, year, parsed.Source, record.Sha256);
        record.DeadlinesFinalized = await RecountAsync(actor, ct);
        db.ChangeTracker.Clear();
        await db.Set<CalendarYearRecord>().Where(r => r.Year == year).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeadlinesFinalized, record.DeadlinesFinalized), ct);
        return ModuleOutcome<CalendarYearView>.Created((await StatusAsync(ct)).Years.Single(y => y.Year == year));
    }

    /// <summary>
    /// Every provisional deadline whose year now has a calendar, counted again and journaled as <paramref name="actor"/>:
    /// consultation ends (<see cref="ProvisionalPeriods"/>) and the engine's task due dates, minimums and timers
    /// (<see cref="ProvisionalDeadlines"/>); the number made final or counted again.
    /// </summary>
    public async Task<int> RecountAsync(Actor actor, CancellationToken ct) =>
        await provisional.FinalizeAsync(actor, ct) + await engineDeadlines.RecountAsync(actor, ct);

    /// <summary>The years the provisional deadlines wait for (consultations and the engine's), with how many wait for each.</summary>
    public async Task<IReadOnlyDictionary<int, int>> WaitingAsync(CancellationToken ct)
    {
        var waiting = new Dictionary<int, int>(await provisional.WaitingAsync(ct));
        foreach (var (year, count) in await engineDeadlines.WaitingAsync(ct))
        {
            waiting[year] = waiting.GetValueOrDefault(year) + count;
        }
        return waiting;
    }

    /// <summary>The years that should have a calendar by now and do not: this year, and next year from <c>Calendars:WarnFrom</c>.</summary>
    public IReadOnlyList<int> Missing()
    {
        var today = deadlines.LocalDay(clock.GetUtcNow());
        var expected = today >= options.Value.WarnFromIn(today.Year) ? new[] { today.Year, today.Year + 1 } : [today.Year];
        return expected.Where(y => !deadlines.Calendar.HasYear(y)).ToList();
    }

    public async Task<CalendarStatus> StatusAsync(CancellationToken ct)
    {
        var stored = await db.Set<CalendarYearRecord>().AsNoTracking().ToDictionaryAsync(r => r.Year, ct);
        var years = deadlines.Calendar.Years.Select(y =>
        {
            var data = deadlines.Calendar.Year(y)!;
            return stored.TryGetValue(y, out var row)
                ? new CalendarYearView(y, data.Source, "upload", row.LoadedByName, row.LoadedAt, row.Sha256, data.DaysOff.Count, data.MakeUpWorkingDays.Count)
                : new CalendarYearView(y, data.Source, "file", null, null, null, data.DaysOff.Count, data.MakeUpWorkingDays.Count);
        }).OrderByDescending(v => v.Year).ToList();
        var waiting = await WaitingAsync(ct);
        var missing = Missing().Concat(waiting.Keys.Where(y => !deadlines.Calendar.HasYear(y))).Distinct().Order().ToList();
        return new CalendarStatus(years, missing, waiting, options.Value.WarnFrom);
    }

    /// <summary>
    /// Queues one mail per missing year to each operator with an address (the outbox's unique event key keeps it
    /// to one per year and operator, across restarts and nodes).
    /// </summary>
    public async Task<int> MailAdministratorsAsync(CancellationToken ct)
    {
        var missing = Missing();
        if (!options.Value.MailAdministrators || missing.Count == 0)
        {
            return 0;
        }
        // The operators load the calendar (it is the whole deployment's), so they are told.
        var admins = await db.Memberships.AsNoTracking().Where(m => m.Role == Roles.Operator).Select(m => m.UserId).Distinct()
            .Join(db.Users.AsNoTracking(), id => id, u => u.Id, (_, u) => new { u.Id, u.Email }).Where(u => u.Email != null).ToListAsync(ct);
        var queued = 0;
        foreach (var year in missing)
        {
            foreach (var admin in admins)
            {
                var key = $"calendar-missing:{year}:{admin.Id}";
                if (await db.Set<OutboxMessage>().AnyAsync(m => m.EventKey == key, ct))
                {
                    continue;
                }
                var now = clock.GetUtcNow();
                // In the operator's language, as every mail to a user (MailPreference.Language, zh by default).
                var language = await db.Set<MailPreference>().AsNoTracking().Where(p => p.UserId == admin.Id).Select(p => p.Language).FirstOrDefaultAsync(ct);
                var culture = language == "en" ? TextCatalog.English : TextCatalog.Chinese;
                var values = new Dictionary<string, object?> { ["year"] = year };
                db.Add(new OutboxMessage
                {
                    Id = Guid.NewGuid(), EventKey = key, Kind = "calendar-missing", UserId = admin.Id, ToAddress = admin.Email!,
                    Subject = CalendarTexts.Catalog.Text("mail.calendar-missing.subject", culture, values),
                    Body = CalendarTexts.Catalog.Text("mail.calendar-missing.body", culture, values),
                    Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                    queued++;
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear(); // another node queued it
                }
            }
        }
        return queued;
    }

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) loaded the holiday calendar for {Year} ({Source}), SHA-256 {Sha256}")]
    private static partial void LogLoaded(ILogger logger, string adminUserName, string adminId, int year, string source, string sha256);

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored holiday calendar for {Year} is invalid and was not loaded: {Problem}")]
    private static partial void LogStoredInvalid(ILogger logger, int year, string problem);
}
