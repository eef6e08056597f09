namespace RuleOfLaw.Workflow.Record.Indicators;

/// <summary>The arithmetic of the figures, one place, unit-tested: rates, targets, and the local year's bounds.</summary>
public static class IndicatorRules
{
    /// <summary>
    /// A share: <paramref name="value"/> of <paramref name="of"/>. With nothing to count (<paramref name="of"/> = 0) the
    /// rate is undefined (null), nothing breaks the rule and an <see cref="IndicatorRequirement.AllByLaw"/> figure is
    /// met: no decided matter skipped the step. Percent is rounded half away from zero to one decimal, and never shows
    /// 100.0 unless every matter counts (99.96 % shows as 99.9), so a report cannot round a breach away.
    /// </summary>
    public static IndicatorFigure Share(IndicatorDefinition definition, long value, long of, long? target = null)
    {
        if (value < 0 || of < 0 || value > of)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{definition.Id}: {value} of {of} is not a share.");
        }
        decimal? percent = of == 0 ? null : Percent(value, of);
        var met = definition.Requirement switch
        {
            IndicatorRequirement.AllByLaw => value == of,
            IndicatorRequirement.Target when target is { } t => of == 0 || percent >= t,
            _ => (bool?)null,
        };
        var breaking = definition.Requirement == IndicatorRequirement.AllByLaw ? of - value : 0;
        return new IndicatorFigure(definition.Id, value, of, percent, definition.Requirement == IndicatorRequirement.AllByLaw ? 100 : target, met, breaking);
    }

    /// <summary>A count, against a yearly minimum when the jurisdiction sets one (第三十六条 evaluations: "at least 2").</summary>
    public static IndicatorFigure Count(IndicatorDefinition definition, long value, long? minimum = null) =>
        new(definition.Id, value, null, null, minimum, minimum is { } m ? value >= m : null, 0);

    public static decimal Percent(long value, long of)
    {
        var exact = 100m * value / of;
        var rounded = Math.Round(exact, 1, MidpointRounding.AwayFromZero);
        return rounded == 100m && value != of ? 99.9m : rounded;
    }

    /// <summary>
    /// The UTC instants bounding the local calendar year <paramref name="year"/> in <paramref name="zone"/>: a matter
    /// decided at 2026-01-01 00:30 in Beijing (2025-12-31 16:30 UTC) counts in 2026.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) YearBounds(int year, TimeZoneInfo zone)
    {
        if (year is < 2000 or > 2200)
        {
            throw new ArgumentOutOfRangeException(nameof(year), "year out of range");
        }
        static DateTimeOffset Start(int y, TimeZoneInfo z)
        {
            var local = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, z), TimeSpan.Zero);
        }
        return (Start(year, zone), Start(year + 1, zone));
    }
}
