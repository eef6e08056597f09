using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using RuleOfLaw.Workflow.Server.Integrity;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>
/// What <see cref="Server.Instances.InstanceCommandService"/> needs from the server's integrity module to seal the
/// journal rows it writes (the keyed chain, docs/security.md), wired as <c>IntegrityRegistration.AddIntegrity</c>
/// does with the default settings, without its checkpoint worker. The key ring file is created in the run's own
/// temporary folder (the content root), never in the repository.
/// </summary>
internal static class BenchIntegrity
{
    public static void Add(IServiceCollection services, string contentRoot)
    {
        services.AddOptions<CryptoOptions>();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = contentRoot, EnvironmentName = Environments.Production, ApplicationName = "RuleOfLaw.Workflow.Bench" });
        services.AddSingleton<KeyRing>();
        services.AddSingleton<JournalSeal>();
    }
}
