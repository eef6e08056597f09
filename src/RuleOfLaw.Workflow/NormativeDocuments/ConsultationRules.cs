using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>Public consultation on a draft: at least 7 working days, at least 30 days when tied to market actors (settings).</summary>
public static class ConsultationRules
{
    /// <summary>The minimum period that applies to the draft.</summary>
    public static SettingPeriod Minimum(NormativeDocumentSettings settings, bool affectsMarketActors) =>
        settings.Period(affectsMarketActors ? NormativeDocumentSettings.ConsultationMinimumMarketActors : NormativeDocumentSettings.ConsultationMinimum);

    /// <summary>The last day comments are accepted (through 24:00) for a consultation published on <paramref name="publishedOn"/>.</summary>
    public static Deadline EarliestClose(DeadlineCalculator calculator, DateOnly publishedOn, NormativeDocumentSettings settings, bool affectsMarketActors)
    {
        var minimum = Minimum(settings, affectsMarketActors);
        return calculator.AfterDays(publishedOn, minimum.Days, minimum.Counting);
    }

    /// <summary>A requested closing day before the minimum's last day is refused, citing the setting's rule.</summary>
    public static Refusal? CheckClosingDay(DeadlineCalculator calculator, DateOnly publishedOn, DateOnly closesOn, NormativeDocumentSettings settings, bool affectsMarketActors)
    {
        var earliest = EarliestClose(calculator, publishedOn, settings, affectsMarketActors);
        return closesOn < earliest.LastDay
            ? NormativeTexts.Catalog.Invalid("consultation-too-short", Minimum(settings, affectsMarketActors).Article ?? NormativeArticles.Notice37,
                ("closes", closesOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                ("earliest", earliest.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("rule", earliest.Explanation))
            : null;
    }
}
