using System.Collections.Concurrent;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// Decides commands: a pure function of (definition, state, command, actor, now) to a <see cref="Decision"/>.
/// It never touches a database or a clock; the same inputs give the same decision, ids and hashes included.
/// </summary>
/// <remarks>
/// <paramref name="deadlines"/> counts in the server's default time zone; an instance started with a jurisdiction
/// snapshot is counted in that jurisdiction's zone, on the same national holiday calendar (one calculator per zone).
/// </remarks>
public sealed class WorkflowEngine(DeadlineCalculator deadlines)
{
    private readonly ConcurrentDictionary<string, DeadlineCalculator> _byTimeZone = new(StringComparer.Ordinal);

    public DeadlineCalculator Deadlines => deadlines;

    /// <summary>
    /// The hash algorithm of new journal entries (<see cref="Journal.JournalAlgorithms"/>); entries already written keep
    /// theirs. SM3 unless the server's <c>Crypto:JournalHashAlgorithm</c> setting says otherwise.
    /// </summary>
    public string JournalAlgorithm { get; init; } = Journal.JournalAlgorithms.Sm3;

    /// <summary>The calculator for <paramref name="timeZoneId"/> (null: the default one), sharing the holiday calendar.</summary>
    /// <exception cref="TimeZoneNotFoundException">The id is unknown to this machine's time-zone database.</exception>
    public DeadlineCalculator DeadlinesIn(string? timeZoneId) =>
        timeZoneId is null || timeZoneId == deadlines.TimeZone.Id
            ? deadlines
            : _byTimeZone.GetOrAdd(timeZoneId, id => new DeadlineCalculator(deadlines.Calendar, TimeZoneInfo.FindSystemTimeZoneById(id)));

    public Decision Decide(ProcedureDefinition definition, InstanceState? current, WorkflowCommand command, Actor actor, DateTimeOffset now)
    {
        // The journal and both databases keep milliseconds; deciding on the stored precision keeps hashes stable.
        now = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());

        if (command is WorkflowCommand.Start start)
        {
            if (current is not null)
            {
                return Decision.Refuse(EngineTexts.Catalog.Conflict("instance-exists"));
            }
            if (JurisdictionProblem(definition, start.Jurisdiction) is { } problem)
            {
                return Decision.Refuse(problem);
            }
            return new InstanceRun(definition, NewInstance(definition, start, now), actor, now, DeadlinesIn(start.Jurisdiction?.TimeZone), JournalAlgorithm).Start(start);
        }
        if (current is null)
        {
            return Decision.Refuse(EngineTexts.Catalog.NotFound("instance-not-found"));
        }
        if (current.DefinitionId != definition.Id || current.DefinitionVersion != definition.Version)
        {
            throw new InvalidOperationException(
                $"Instance {current.Id} is pinned to {current.DefinitionId} v{current.DefinitionVersion}, not {definition.Id} v{definition.Version}.");
        }
        var run = new InstanceRun(definition, InstanceStateJson.Copy(current), actor, now, DeadlinesIn(current.Jurisdiction?.TimeZone), JournalAlgorithm);
        return command switch
        {
            WorkflowCommand.CompleteTask complete => run.CompleteTask(complete),
            WorkflowCommand.Cancel cancel => run.Cancel(cancel.Reason, cancel.Text),
            WorkflowCommand.Suspend suspend => run.Suspend(suspend.Reason),
            WorkflowCommand.Resume resume => run.Resume(resume.Reason),
            WorkflowCommand.FireTimer fire => run.FireTimer(fire.TimerId),
            WorkflowCommand.RecountDeadlines => run.RecountDeadlines(),
            WorkflowCommand.Record record => run.Record(record),
            WorkflowCommand.ChangeAttributes change => run.ChangeAttributes(change),
            WorkflowCommand.Signal signal => run.Signal(signal),
            WorkflowCommand.AddParty add => run.AddParty(add),
            WorkflowCommand.RemoveParty remove => run.RemoveParty(remove),
            WorkflowCommand.AssignScope assign => run.AssignScope(assign),
            WorkflowCommand.ChildEnded ended => run.ChildEnded(ended),
            WorkflowCommand.Migrate migrate => run.Migrate(migrate),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
        };
    }

    /// <summary>
    /// Checks a date asked of <paramref name="stepId"/> (a requested opinion date, a consultation's closing moment)
    /// against the step's <c>minimum</c> with <c>"restricts": "requests"</c>: counted from its <c>from</c> step (the step
    /// being done now when that one is active) or else from <paramref name="start"/>, binding while its <c>when</c>
    /// holds, and when waived requiring a reason for a shorter date if <c>reasonIfShorter</c>. Pure: nothing is written.
    /// </summary>
    /// <param name="requestedEnd">The moment asked for (the end of the requested day, or the closing moment); null to learn the minimum only.</param>
    /// <param name="allowProvisional">
    /// When the minimum ends in a year without a holiday calendar: true gives a provisional minimum (its earliest
    /// possible end, <see cref="Calendar.Deadline.IsProvisional"/>) and refuses only a date certainly too early; false
    /// refuses with <c>calendar-missing</c>. A caller that passes true must keep the period open until the year's
    /// calendar makes the minimum final.
    /// </param>
    public RequestedDateCheck CheckRequestedDate(ProcedureDefinition definition, InstanceState state, string stepId, DateTimeOffset now,
        DateTimeOffset start, DateTimeOffset? requestedEnd, string? reason, bool allowProvisional = false)
    {
        var run = new InstanceRun(definition, state, Actor.System, now, DeadlinesIn(state.Jurisdiction?.TimeZone), JournalAlgorithm);
        return run.CheckRequestedDate(definition.Step(stepId), start, requestedEnd, reason, allowProvisional);
    }

    /// <summary>The dry run of <see cref="WorkflowCommand.Migrate"/>: what would change, and every reason it would be refused.</summary>
    public static Migration.MigrationPlan PlanMigration(ProcedureDefinition from, ProcedureDefinition to, InstanceState state, IReadOnlyDictionary<string, string> mapping) =>
        Migration.InstanceMigration.Plan(from, to, state, mapping);

    /// <summary>A start must bring every setting the definition's periods name, in a time zone this machine knows.</summary>
    private Refusal? JurisdictionProblem(ProcedureDefinition definition, JurisdictionSnapshot? jurisdiction)
    {
        var missing = definition.PeriodSettings().Where(name => jurisdiction?.Periods.ContainsKey(name) != true).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return jurisdiction is null
                ? EngineTexts.Catalog.Invalid("jurisdiction-setting-missing.none", null, ("procedure", EngineTexts.Title(definition)), ("settings", missing))
                : EngineTexts.Catalog.Invalid("jurisdiction-setting-missing", null, ("procedure", EngineTexts.Title(definition)), ("settings", missing),
                    ("jurisdiction", jurisdiction.Id), ("jurisdictionName", jurisdiction.Name));
        }
        if (jurisdiction is not null)
        {
            try
            {
                DeadlinesIn(jurisdiction.TimeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                return EngineTexts.Catalog.Invalid("unknown-time-zone", null,
                    ("timeZone", jurisdiction.TimeZone), ("jurisdiction", jurisdiction.Id), ("jurisdictionName", jurisdiction.Name));
            }
        }
        return null;
    }

    private static InstanceState NewInstance(ProcedureDefinition definition, WorkflowCommand.Start start, DateTimeOffset now) => new()
    {
        Id = start.InstanceId,
        MatterId = start.MatterId,
        DefinitionId = definition.Id,
        DefinitionVersion = definition.Version,
        Status = InstanceStatus.Running,
        StartedAt = now,
        Attributes = new Dictionary<string, bool>(start.Attributes),
        Assignments = new Dictionary<string, string>(start.Assignments),
        Jurisdiction = start.Jurisdiction,
        Parent = start.Parent,
    };
}
