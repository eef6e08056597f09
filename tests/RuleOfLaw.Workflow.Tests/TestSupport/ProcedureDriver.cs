using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Tests.TestSupport;

/// <summary>
/// Runs one matter of a real procedure through the engine: every organization scope is assigned to "org-" + scope,
/// and for each (scope, role) a human task uses there is one person holding that role in that organization.
/// </summary>
internal sealed class ProcedureDriver
{
    public static readonly Guid InstanceId = Guid.Parse("6a1e3c52-7d0b-4f8e-9c21-3b5a4d6e7f80");

    /// <summary>Monday 2026-03-09 09:00 Beijing time.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly WorkflowEngine _engine = new(RepositoryFiles.Calculator());
    private readonly List<Actor> _people;

    public ProcedureDriver(ProcedureDefinition definition, string jurisdictionId = "default")
    {
        Definition = definition;
        Jurisdiction = RepositoryFiles.Jurisdiction(jurisdictionId).Snapshot();
        Assignments = ProcedureVocabulary.Instance.Scopes.ToDictionary(scope => scope, scope => "org-" + scope);
        _people = definition.Steps
            .Where(s => s.Kind == StepKind.HumanTask)
            .SelectMany(s => new[] { (Organization: Assignments[s.Organization!], Role: s.Role!) }
                .Concat(s.Parties is { } parties ? [(Assignments[parties.Organization ?? s.Organization!], parties.Role ?? s.Role!)] : []))
            .Distinct()
            .Select(p => new Actor($"u-{p.Role}@{p.Organization}", $"{p.Role} of {p.Organization}", new HashSet<Membership> { new(p.Organization, p.Role) }))
            .ToList();
    }

    public ProcedureDefinition Definition { get; }
    public Engine.Execution.JurisdictionSnapshot Jurisdiction { get; }
    public Dictionary<string, string> Assignments { get; }
    public DateTimeOffset Now { get; set; } = Monday;
    public InstanceState? State { get; private set; }
    public InstanceState Current => State ?? throw new InvalidOperationException("Not started.");
    public List<JournalEntry> Journal { get; } = [];

    /// <summary>Human-task steps in the order their tasks were completed.</summary>
    public List<string> Completed { get; } = [];

    public void Start(IReadOnlyDictionary<string, bool> attributes) =>
        Apply(_engine.Decide(Definition, State, new WorkflowCommand.Start(InstanceId, "matter-2026-001", attributes, Assignments, Jurisdiction), Person("drafting-officer", "drafting-unit"), Now));

    /// <summary>Every declared attribute set to <paramref name="value"/>.</summary>
    public void StartWithAll(bool value) => Start(Definition.Attributes.ToDictionary(a => a.Name, _ => value));

    public Actor Person(string role, string scope) => _people.Single(p => p.Holds(role, Assignments[scope]));

    /// <summary>The step's own open task (not a party's).</summary>
    public WorkTask OpenTask(string stepId) => Assert.Single(Current.OpenTasks(), t => t.StepId == stepId && t.PartyId is null);

    public IEnumerable<string> OpenSteps() => Current.OpenTasks().Select(t => t.StepId).Order();

    public Decision Decide(WorkflowCommand command, Actor actor) => _engine.Decide(Definition, State, command, actor, Now);

    /// <summary>
    /// Completes the open task of <paramref name="stepId"/> by a person holding its role, after its minimum period if it
    /// has one; a step completed only by a domain command (<c>completedBy</c>) through that command, as its module does.
    /// </summary>
    public void Complete(string stepId, string outcome, string? comment = null)
    {
        var task = OpenTask(stepId);
        if (task.NotBefore is { } notBefore && Now < notBefore)
        {
            Now = notBefore;
        }
        var step = Definition.Step(stepId);
        if (step.Parties is { Last: true } parties && !Current.Tasks.Any(t => t.StepId == stepId && t.Iteration == task.Iteration && t.PartyId is not null))
        {
            // The named last party acts after the parties (第三十条: the members before the head), as the module does it.
            // The parties may hold their role in their own scope (the experts of the pool) and have their own command.
            var party = _people.Single(p => p.Holds(parties.Role ?? step.Role!, Assignments[parties.Organization ?? step.Organization!]));
            Apply(Decide(new WorkflowCommand.AddParty(stepId, party.Id, party.DisplayName), party));
            var partyTask = Current.OpenTasks().Single(t => t.StepId == stepId && t.PartyId == party.Id);
            Apply(Decide(new WorkflowCommand.CompleteTask(partyTask.Id, step.PartyOutcomes[0].Id, "意见：测试", null, parties.CompletedBy ?? step.CompletedBy), party));
        }
        var actor = _people.Single(p => p.Holds(task.Role, task.OrganizationId));
        Apply(Decide(new WorkflowCommand.CompleteTask(task.Id, outcome, comment, null, step.CompletedBy), actor));
        Completed.Add(stepId);
        Now = Now.AddHours(1);
    }

    /// <summary>Completes the oldest open task with its step's first outcome until none is left or <paramref name="stop"/> says so.</summary>
    public void RunHappyPath(Func<WorkTask, bool>? stop = null)
    {
        for (var guard = 0; Current.Status == InstanceStatus.Running; guard++)
        {
            Assert.True(guard < 100, "the procedure did not finish within 100 tasks");
            var task = Current.OpenTasks().Where(t => t.PartyId is null).OrderBy(t => t.CreatedAt).ThenBy(t => t.StepId, StringComparer.Ordinal).First();
            if (stop?.Invoke(task) == true)
            {
                return;
            }
            var outcome = Definition.Step(task.StepId).Outcomes[0];
            Complete(task.StepId, outcome.Id, outcome.CommentRequired ? "理由：测试" : null);
        }
    }

    /// <summary>Decides <paramref name="command"/> and applies it; fails the test if it is refused.</summary>
    public void Accept(WorkflowCommand command, Actor actor) => Apply(Decide(command, actor));

    private void Apply(Decision decision)
    {
        Assert.True(decision.Accepted, "refused: " + string.Join("; ", decision.Refusals.Select(r => $"{r.Code}: {r.Message}")));
        State = decision.State;
        Journal.AddRange(decision.Journal);
    }
}
