using RuleOfLaw.Workflow.Engine.Definitions;

namespace RuleOfLaw.Workflow.Server.Modules;

/// <summary>
/// One procedure module declared in one place (the idea of Elsa's feature classes and OrchardCore's module
/// <c>Startup</c>): the steps of a definition it gives behaviour to, the steps of others it reads, and what it adds
/// to the server — step guards, compliance checks, domain timers, endpoints, pages, tables, mail templates.
/// </summary>
/// <remarks>
/// <para>Every concrete descriptor in the server assembly is found by reflection (<see cref="ModuleDescriptors.All"/>):
/// adding a module touches no shared list. At start-up <see cref="ModuleStepCheck"/> checks every step id of every
/// descriptor against the installed definition (the current version): an unknown id stops the server with a message
/// naming the module, the id and the definition — a step renamed in a new definition version can no longer turn a
/// legal gate off silently.</para>
/// <para>The descriptor is also the module's registration (<see cref="ModuleRegistration"/>): its guards, compliance
/// checks, timers and step pages are registered from the lists below, its own services by
/// <see cref="AddServices"/> and its API by <see cref="MapEndpoints"/>; <c>Program.cs</c> names no procedure module.
/// So a list cannot drift from what runs. A module's code names its step ids through constants the descriptor lists,
/// never through bare literals.</para>
/// </remarks>
public abstract class ModuleDescriptor
{
    /// <summary>The shipped procedure for major administrative decisions.</summary>
    public const string MajorDecision = "major-administrative-decision";

    /// <summary>The module's name, as people call it ("meetings", "after-decision" …).</summary>
    public abstract string Name { get; }

    /// <summary>The definition whose steps the module names.</summary>
    public virtual string DefinitionId => MajorDecision;

    /// <summary>The steps the module gives behaviour to (guards, pages, domain commands).</summary>
    public abstract IReadOnlyList<string> Steps { get; }

    /// <summary>Other modules' steps its rules read (a gate "before collective-decision", a report of another step).</summary>
    public virtual IReadOnlyList<string> ReadsSteps => [];

    /// <summary>
    /// The outcomes its rules read, by step (a guard on "returned", a compliance line on "lawful"): checked at start-up
    /// like the step ids, since an outcome renamed in a definition would switch such a rule off just as silently.
    /// </summary>
    public virtual IReadOnlyList<(string Step, string Outcome)> ReadsOutcomes => [];

    /// <summary>Its <c>IStepCompletionGuard</c> implementations.</summary>
    public virtual IReadOnlyList<Type> Guards => [];

    /// <summary>Its <c>IComplianceCheck</c> implementations (the lines of the compliance report).</summary>
    public virtual IReadOnlyList<Type> ComplianceChecks => [];

    /// <summary>Its <c>IDomainTimerHandler</c> implementations (durable timers of the scheduler).</summary>
    public virtual IReadOnlyList<Type> Timers => [];

    /// <summary>The route prefixes of its API.</summary>
    public virtual IReadOnlyList<string> Endpoints => [];

    /// <summary>The page that does each of its steps' tasks (step id → Razor page); registered as the step's page.</summary>
    public virtual IReadOnlyList<(string Step, string Page)> StepPages => [];

    /// <summary>Its other Razor pages (lists, forms, the portal's pages).</summary>
    public virtual IReadOnlyList<string> Pages => [];

    /// <summary>The tables it owns.</summary>
    public virtual IReadOnlyList<string> Tables => [];

    /// <summary>The mail templates (<c>MailKinds</c>) it sends.</summary>
    public virtual IReadOnlyList<string> MailTemplates => [];

    /// <summary>Its own services (application services, queries, options); the types listed above are registered for it.</summary>
    public virtual void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>Its API, under the server's common endpoint filters.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}

/// <summary>The descriptors of the server's modules, found by reflection.</summary>
public static class ModuleDescriptors
{
    public static IReadOnlyList<ModuleDescriptor> All { get; } = typeof(ModuleDescriptor).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(ModuleDescriptor)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (ModuleDescriptor)Activator.CreateInstance(t)!)
        .ToList();
}

/// <summary>
/// The start-up check: every step id a module names exists in the installed definition it names, and every outcome it
/// reads is one of that step's outcomes (or its parties' outcomes).
/// </summary>
public static class ModuleStepCheck
{
    /// <summary>The problems, one line each (empty when every id is known).</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<ModuleDescriptor> modules, Func<string, ProcedureDefinition?> latest)
    {
        var problems = new List<string>();
        foreach (var module in modules)
        {
            var definition = latest(module.DefinitionId);
            if (definition is null)
            {
                problems.Add($"module '{module.Name}' ({module.GetType().Name}) names definition '{module.DefinitionId}', which is not installed");
                continue;
            }
            var known = definition.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var step in module.Steps.Concat(module.ReadsSteps).Distinct(StringComparer.Ordinal).Where(s => !known.Contains(s)))
            {
                problems.Add($"module '{module.Name}' ({module.GetType().Name}) names step '{step}', which definition '{definition.Id}' version {definition.Version} does not have");
            }
            foreach (var (stepId, outcome) in module.ReadsOutcomes)
            {
                var step = definition.Steps.FirstOrDefault(s => s.Id == stepId);
                if (step is null)
                {
                    problems.Add($"module '{module.Name}' ({module.GetType().Name}) reads outcome '{outcome}' of step '{stepId}', which definition '{definition.Id}' version {definition.Version} does not have");
                }
                else if (step.FindOutcome(outcome) is null && step.PartyOutcomes.All(o => o.Id != outcome))
                {
                    problems.Add($"module '{module.Name}' ({module.GetType().Name}) reads outcome '{outcome}' of step '{stepId}', which has no such outcome in definition '{definition.Id}' version {definition.Version}");
                }
            }
        }
        return problems;
    }

    /// <summary>Throws when a module names a step or reads an outcome the installed definition does not have.</summary>
    public static void Verify(IEnumerable<ModuleDescriptor> modules, Func<string, ProcedureDefinition?> latest)
    {
        var problems = Problems(modules, latest);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "The server's modules name steps or read outcomes the installed procedure definitions do not have (a renamed or removed " +
                "step or outcome would silently switch a legal gate off). Keep the ids, or change the module with the definition: " +
                Environment.NewLine + string.Join(Environment.NewLine, problems) + Environment.NewLine +
                "模块引用的步骤或办理结果在已安装的流程定义中不存在，服务器拒绝启动。");
        }
    }
}
