using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Definitions;

namespace RuleOfLaw.Workflow.Server.Procedure;

/// <summary>The engine's answer about a date asked of a step (<see cref="WorkflowEngine.CheckRequestedDate"/>).</summary>
/// <param name="Check">Minimum, binding or waived, article, refusals.</param>
/// <param name="Period">The period in words (e.g. "7个工作日") for the server's messages.</param>
/// <param name="FromVersion">The definition version whose rule was applied (the instance's own, or the fallback's).</param>
public sealed record RequestedDateRule(RequestedDateCheck Check, string Period, int FromVersion);

/// <summary>
/// Dates asked of a step — the opinion date requested of the legality review office (第二十六条), a consultation's
/// closing moment (第十五条) — are judged by the engine against the step's period rule in the definition
/// (<c>"minimum": { …, "restricts": "requests" }</c>); the server computes no statutory period itself.
/// <para>
/// The rule comes from the instance's own definition version. An instance still pinned to a version without the rule
/// (version 3 of the major-decision procedure, when it could not be moved to version 4 at start-up, see
/// <see cref="Instances.PinnedInstanceUpgrade"/>) is judged by the rule of the newest installed version of its procedure for the
/// same step: the statute protects the review office and the public whichever version the matter runs on, and this
/// is the protection the server gave such instances before the rules moved into the definition.
/// </para>
/// </summary>
public static class RequestedDateRules
{
    /// <summary>
    /// Judges <paramref name="requestedEnd"/> (null: only learn the minimum) asked of <paramref name="stepId"/>; null when
    /// neither the instance's definition nor the newest version of its procedure protects that step.
    /// <paramref name="allowProvisional"/>: a minimum ending in a year without a calendar gives a provisional minimum
    /// (its earliest possible end) instead of a <c>calendar-missing</c> refusal; see <see cref="WorkflowEngine.CheckRequestedDate"/>.
    /// </summary>
    public static RequestedDateRule? Check(
        WorkflowEngine engine, DefinitionRegistry registry, ProcedureDefinition definition, InstanceState state, string stepId,
        DateTimeOffset now, DateTimeOffset start, DateTimeOffset? requestedEnd, string? reason, bool allowProvisional = false)
    {
        var source = Protects(definition, stepId) ? definition
            : registry.Latest(definition.Id) is { } latest && latest.Version > definition.Version && Protects(latest, stepId) ? latest
            : null;
        if (source is null)
        {
            return null;
        }
        var minimum = source.Step(stepId).Minimum!;
        var period = (minimum.Setting is { } name ? state.Jurisdiction?.Periods.GetValueOrDefault(name)?.ToString() : null) ?? minimum.ToString();
        return new RequestedDateRule(engine.CheckRequestedDate(source, state, stepId, now, start, requestedEnd, reason, allowProvisional), period, source.Version);
    }

    /// <summary>The moment a requested local day ends (24:00 local, 《民法典》第二百零三条第二款), in the instance's time zone.</summary>
    public static DateTimeOffset EndOfDay(WorkflowEngine engine, InstanceState state, DateOnly day)
    {
        var zone = engine.DeadlinesIn(state.Jurisdiction?.TimeZone).TimeZone;
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), TimeSpan.Zero);
    }

    private static bool Protects(ProcedureDefinition definition, string stepId) =>
        definition.Steps.Any(s => s.Id == stepId && s.Minimum is { Restricts: PeriodRestriction.Requests });
}
