namespace RuleOfLaw.Workflow.Server.Modules;

/// <summary>
/// A page that handles the tasks of one step (public consultation, expert panel, legality review …) instead of the
/// generic outcome-and-comment form. The page must take the task id as its <c>{id:guid}</c> route value and
/// complete the task through <see cref="Tasks.TaskCompletion"/> or the module's own service (which
/// calls <see cref="Instances.InstanceCommandService"/>), so guards and refusals stay the API's.
/// </summary>
public sealed record StepPage(string StepId, string PageName);

/// <summary>Which page a task of a step opens; the generic task form unless a module registered its own.</summary>
public sealed class StepPages(IEnumerable<StepPage> registered)
{
    public const string GenericTaskPage = "/Tasks/Task";

    private readonly Dictionary<string, string> _pages = registered.ToDictionary(p => p.StepId, p => p.PageName);

    public string PageFor(string stepId) => _pages.GetValueOrDefault(stepId, GenericTaskPage);
}

public static class StepPageRegistration
{
    /// <summary>A step's page. Procedure modules list theirs in their descriptor (<see cref="ModuleDescriptor.StepPages"/>), which <see cref="ModuleRegistration"/> registers.</summary>
    public static IServiceCollection AddStepPage(this IServiceCollection services, string stepId, string pageName) =>
        services.AddSingleton(new StepPage(stepId, pageName));
}
