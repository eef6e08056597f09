using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Auth;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// <c>/api/admin</c>: organizations, users, their roles, lockout and passwords, for administrators only
/// (<see cref="AdministratorPolicy"/>), each within their <see cref="RuleOfLaw.Workflow.Organizations.AdministrationScope"/>, and moving running instances to a newer definition version; plus the first administrator of a new deployment (<see cref="BootstrapAdministrator"/>).
/// </summary>
public static class AdministrationEndpoints
{
    public static IServiceCollection AddAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthorizationBuilder().AddPolicy(AdministratorPolicy.Name, AdministratorPolicy.Build()).AddPolicy(OperatorPolicy.Name, OperatorPolicy.Build());
        services.AddScoped<AdministrationScopes>();
        services.AddScoped<IAuthorizationHandler, AdministratorHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AdministratorForbiddenResultHandler>();
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddScoped<BootstrapAdministrator>();
        return services;
    }

    public static void MapAdministrationEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(AdministratorPolicy.Name);
        OrganizationAdministration.Map(admin);
        UserAdministration.Map(admin);
        MembershipAdministration.Map(admin);
        UserLockout.Map(admin);
        InstanceMigrationAdministration.Map(admin);
        app.MapDeadlineEndpoints();
    }
}
