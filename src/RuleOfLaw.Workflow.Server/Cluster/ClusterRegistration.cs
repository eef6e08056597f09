using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// What makes a node one of several behind a balancer (issue 18): the shared key ring, readiness and liveness for
/// the balancer, and a graceful stop (drain, then let requests and background work finish).
/// docs/operations.md, "Several servers behind a reverse proxy".
/// </summary>
public static class ClusterRegistration
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSharedKeyRing();
        services.AddSingleton<Readiness>();
        services.AddSingleton<PublicCacheSync>();
        services.AddHostedService(sp => sp.GetRequiredService<PublicCacheSync>());
        services.AddSingleton<IInterceptor, PublicChangeInterceptor>();
        services.AddSingleton<Participation.ISharedCommentLimits, SharedCommentLimits>();
        // The failed sign-ins, counted for every node (Auth/SignInThrottle).
        services.AddScoped<Auth.ISignInFailureStore, SignInFailureStore>();
        services.AddHostedService<ReadinessWorker>();
        // Requests in flight, Hangfire's workers (their own 15 s) and the other background services get this long
        // once the server stops accepting; the host's default is 30 s.
        services.AddSingleton<IConfigureOptions<HostOptions>>(sp => new ConfigureOptions<HostOptions>(o =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ShutdownTimeoutSeconds)));
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (restart it if not). <c>/health/ready</c>: send it requests (200) or not
    /// (503: starting, draining, database unreachable or behind this node's migrations), from a cached check.
    /// Both open to anyone, like <c>/health</c>, and say nothing a visitor could use.
    /// </summary>
    public static void MapClusterHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(LivePath, () => Results.Text(ApiJson.Serialize(new { status = "Healthy" }), "application/json; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ReadyPath, (Readiness readiness, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                var reason = readiness.NotReadyReason;
                return Results.Text(ApiJson.Serialize(new { status = reason is null ? "Ready" : "NotReady", reason, checkedAt = readiness.CheckedAt }),
                    "application/json; charset=utf-8", statusCode: reason is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous().ExcludeFromDescription();
    }
}
