using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.Tests.Architecture;

/// <summary>
/// A procedure module is registered from its descriptor (issue 12 item 3): what the descriptor lists is what runs, and
/// no guard or compliance check exists that no descriptor lists (it would never run, and nobody would notice).
/// No server: the registrations are read from the service collection.
/// </summary>
public sealed class ModuleRegistrationTests
{
    /// <summary>Checks and timers that belong to no procedure module, and where they are registered.</summary>
    private static readonly Type[] RegisteredOutsideModules =
    [
        typeof(DeadlineIncidentCheck), // Scheduling: a timer that could not be counted, for any step
        typeof(EvaluationDueHandler), // Scheduling: the evaluation timer of the record
    ];

    private static IServiceCollection Registered()
    {
        var services = new ServiceCollection();
        services.AddProcedureModules(new ConfigurationBuilder().Build());
        return services;
    }

    [Fact]
    public void The_guards_checks_timers_and_step_pages_registered_are_exactly_what_the_descriptors_list()
    {
        var services = Registered();
        Assert.Equal(Listed(m => m.Guards), Implementations<IStepCompletionGuard>(services));
        Assert.Equal(Listed(m => m.ComplianceChecks), Implementations<IComplianceCheck>(services));
        Assert.Equal(Listed(m => m.Timers), Implementations<IDomainTimerHandler>(services));
        var pages = services.Where(d => d.ServiceType == typeof(StepPage)).Select(d => (StepPage)d.ImplementationInstance!)
            .Select(p => $"{p.StepId} {p.PageName}").Order(StringComparer.Ordinal);
        Assert.Equal(ModuleDescriptors.All.SelectMany(m => m.StepPages).Select(p => $"{p.Step} {p.Page}").Order(StringComparer.Ordinal), pages);
        // Every step page is one of the module's own steps, and a step has one page.
        Assert.All(ModuleDescriptors.All, m => Assert.Empty(m.StepPages.Select(p => p.Step).Except(m.Steps)));
        Assert.Equal(pages.Count(), pages.Select(p => p.Split(' ')[0]).Distinct().Count());
        // The shared write path is there once.
        Assert.Single(services, d => d.ServiceType == typeof(ModuleWriter));
    }

    [Theory]
    [InlineData(typeof(IStepCompletionGuard))]
    [InlineData(typeof(IComplianceCheck))]
    [InlineData(typeof(IDomainTimerHandler))]
    public void Every_implementation_in_the_server_is_listed_by_a_module_or_registered_by_name_elsewhere(Type contract)
    {
        var implementations = typeof(ModuleDescriptor).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && contract.IsAssignableFrom(t)).ToList();
        var listed = ModuleDescriptors.All.SelectMany(m => m.Guards.Concat(m.ComplianceChecks).Concat(m.Timers)).Concat(RegisteredOutsideModules).ToHashSet();
        Assert.NotEmpty(implementations);
        Assert.Empty(implementations.Where(t => !listed.Contains(t)).Select(t => t.FullName));
        // Each is listed once: two descriptors listing one guard would run it twice.
        var perType = ModuleDescriptors.All.SelectMany(m => m.Guards.Concat(m.ComplianceChecks).Concat(m.Timers)).GroupBy(t => t);
        Assert.Empty(perType.Where(g => g.Count() > 1).Select(g => g.Key.FullName));
    }

    [Fact]
    public void A_descriptor_that_lists_a_type_of_the_wrong_kind_stops_the_registration_naming_the_module()
    {
        var services = new ServiceCollection();
        var failure = Assert.Throws<InvalidOperationException>(() => ModuleRegistration.Register(services, new MislistedModule(), new ConfigurationBuilder().Build()));
        Assert.Contains("Module 'mislisted' (MislistedModule) lists", failure.Message);
        Assert.Contains("in Guards, which is not a concrete IStepCompletionGuard", failure.Message);
    }

    private static List<Type> Listed(Func<ModuleDescriptor, IReadOnlyList<Type>> list) =>
        [.. ModuleDescriptors.All.SelectMany(list).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    private static List<Type> Implementations<T>(IServiceCollection services) =>
        [.. services.Where(d => d.ServiceType == typeof(T)).Select(d => d.ImplementationType!).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    private sealed class MislistedModule : ModuleDescriptor
    {
        public override string Name => "mislisted";

        public override IReadOnlyList<string> Steps => [];

        public override IReadOnlyList<Type> Guards => [typeof(ModuleWriter)];
    }
}
