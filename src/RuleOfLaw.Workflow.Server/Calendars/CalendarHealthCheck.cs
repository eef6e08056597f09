using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RuleOfLaw.Workflow.Server.Calendars;

/// <summary>
/// Degraded, naming the year, when this year's calendar is missing, next year's is missing from
/// <c>Calendars:WarnFrom</c> (default 1 November), or provisional deadlines wait for a year (issue 16 item 6).
/// Degraded, not Unhealthy: the work goes on, on provisional deadlines.
/// </summary>
public sealed class CalendarHealthCheck(CalendarYears calendars) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await calendars.RefreshAsync(cancellationToken);
        var missing = calendars.Missing();
        var waiting = await calendars.WaitingAsync(cancellationToken);
        var years = missing.Concat(waiting.Keys).Distinct().Order().ToList();
        if (years.Count == 0)
        {
            return HealthCheckResult.Healthy("Holiday calendars loaded for every year needed.");
        }
        var parts = years.Select(y =>
            $"no holiday calendar for {y} (load it: /admin/calendars, PUT /api/admin/calendars/{y}, or workflows/calendars/{y}.json)" +
            (waiting.TryGetValue(y, out var n) ? $"; {n} provisional deadline(s) wait for it" : ""));
        return HealthCheckResult.Degraded(string.Join(". ", parts) + ".");
    }
}
