using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Tests.Calendar;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Drives one instance through <see cref="WorkflowEngine.Decide"/> the way the server would: keeps the latest state,
/// appends each accepted decision's journal, and lets a test move the clock.
/// </summary>
internal sealed class EngineHarness
{
    public static readonly Guid InstanceId = Guid.Parse("0f5f2a0e-4b7c-4d3e-9a43-1d2f6c7b8e90");

    /// <summary>Tuesday 2026-03-10 10:00 in Beijing: an ordinary working day.</summary>
    public static readonly DateTimeOffset Tuesday = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    public static WorkflowEngine Decider { get; } = new(CalendarTestData.Calculator());

    public static Dictionary<string, string> Assignments { get; } = new()
    {
        ["drafting-unit"] = "org-drafting",
        ["legality-review-office"] = "org-legal",
        ["expert-pool"] = "org-experts",
    };

    public static Actor Drafter { get; } = Person("u-drafter", "起草人", ("org-drafting", "drafting-officer"));
    public static Actor Reviewer { get; } = Person("u-reviewer", "审查人", ("org-legal", "legality-reviewer"));
    public static Actor Expert { get; } = Person("u-expert", "专家", ("org-experts", "expert"));

    public static Actor Person(string id, string name, params (string Organization, string Role)[] memberships) =>
        new(id, name, memberships.Select(m => new Membership(m.Organization, m.Role)).ToHashSet());

    public static ProcedureDefinition Define(string json) => DefinitionLoader.Parse(json, "test.json", vocabulary: null);

    public EngineHarness(string json, DateTimeOffset? now = null)
    {
        Definition = Define(json);
        Now = now ?? Tuesday;
    }

    public ProcedureDefinition Definition { get; }
    public DateTimeOffset Now { get; set; }
    public InstanceState? State { get; private set; }
    public List<JournalEntry> Journal { get; } = [];

    public InstanceState Current => State ?? throw new InvalidOperationException("Not started.");

    public static WorkflowCommand.Start StartCommand(IReadOnlyDictionary<string, bool>? attributes = null, IReadOnlyDictionary<string, string>? assignments = null) =>
        new(InstanceId, "matter-1", attributes ?? new Dictionary<string, bool>(), assignments ?? Assignments);

    /// <summary>The engine deciding this instance's commands; a test may swap it (e.g. another journal algorithm) mid-run.</summary>
    public WorkflowEngine Engine { get; set; } = Decider;

    public Decision Decide(WorkflowCommand command, Actor actor) => Engine.Decide(Definition, State, command, actor, Now);

    public InstanceState Start(params (string Name, bool Value)[] attributes) =>
        Accept(StartCommand(attributes.ToDictionary(a => a.Name, a => a.Value)), Drafter);

    /// <summary>Decides and applies; fails the test with the refusals if the command is refused.</summary>
    public InstanceState Accept(WorkflowCommand command, Actor actor)
    {
        var decision = Decide(command, actor);
        Assert.True(decision.Accepted, "refused: " + string.Join("; ", decision.Refusals.Select(r => $"{r.Code}: {r.Message}")));
        Assert.NotNull(decision.State);
        Assert.Equal((State?.Version ?? 0) + 1, decision.State.Version);
        State = decision.State;
        Journal.AddRange(decision.Journal);
        return State;
    }

    /// <summary>
    /// The command is refused with <paramref name="code"/>: no new state, no journal, and the state the engine was
    /// given is byte-for-byte what it was before.
    /// </summary>
    public Refusal Refuse(WorkflowCommand command, Actor actor, string code)
    {
        var before = State is null ? null : InstanceStateJson.Serialize(State);
        var decision = Decide(command, actor);
        var after = State is null ? null : InstanceStateJson.Serialize(State);

        Assert.False(decision.Accepted);
        Assert.Null(decision.State);
        Assert.Empty(decision.Journal);
        Assert.Equal(before, after);
        var refusal = Assert.Single(decision.Refusals);
        Assert.Equal(code, refusal.Code);
        return refusal;
    }

    public WorkTask OpenTask(string stepId) => Assert.Single(Current.OpenTasks(), t => t.StepId == stepId);

    public InstanceState Complete(string stepId, string outcome, Actor actor, string? comment = null, string? data = null) =>
        Accept(new WorkflowCommand.CompleteTask(OpenTask(stepId).Id, outcome, comment, data), actor);

    public IEnumerable<string> OpenSteps() => Current.OpenTasks().Select(t => t.StepId).Order();

    public StepState Step(string stepId) => Current.Steps[stepId];
}
