using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.Modules;

/// <summary>
/// Registers every procedure module from its descriptor (<see cref="ModuleDescriptors.All"/>): what a descriptor lists
/// is what runs, and adding a module touches neither <c>Program.cs</c> nor another module.
/// </summary>
public static class ModuleRegistration
{
    public static IServiceCollection AddProcedureModules(this IServiceCollection services, IConfiguration configuration)
    {
        // The one module write path (issue 12 item 2), shared by every module.
        services.AddScoped<ModuleWriter>();
        // Which page a task opens: the step page a module lists (registered below, per descriptor) or the generic form.
        services.AddSingleton<StepPages>();
        var scopes = new ComplianceCheckScopes();
        foreach (var module in ModuleDescriptors.All)
        {
            Register(services, module, configuration);
            // A module's compliance lines are about its own procedure's matters (a normative document is not a major decision).
            foreach (var check in module.ComplianceChecks)
            {
                scopes.Add(check, module.DefinitionId);
            }
        }
        services.AddSingleton(scopes);
        return services;
    }

    /// <summary>One module: its own services, then the guards, checks, timers and step pages its descriptor lists.</summary>
    public static void Register(IServiceCollection services, ModuleDescriptor module, IConfiguration configuration)
    {
        module.AddServices(services, configuration);
        Register<IStepCompletionGuard>(services, module, module.Guards, nameof(module.Guards));
        Register<IComplianceCheck>(services, module, module.ComplianceChecks, nameof(module.ComplianceChecks));
        Register<IDomainTimerHandler>(services, module, module.Timers, nameof(module.Timers));
        foreach (var (step, page) in module.StepPages)
        {
            services.AddStepPage(step, page);
        }
    }

    public static void MapProcedureModules(this IEndpointRouteBuilder api)
    {
        foreach (var module in ModuleDescriptors.All)
        {
            module.MapEndpoints(api);
        }
    }

    private static void Register<TService>(IServiceCollection services, ModuleDescriptor module, IReadOnlyList<Type> types, string list)
    {
        foreach (var type in types)
        {
            if (!typeof(TService).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new InvalidOperationException(
                    $"Module '{module.Name}' ({module.GetType().Name}) lists {type.FullName} in {list}, which is not a concrete {typeof(TService).Name}.");
            }
            services.AddScoped(typeof(TService), type);
        }
    }
}
