using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Public participation (arts. 14-18): services, the per-client rate limit of public comments, endpoints.</summary>
public static class ParticipationRegistration
{
    public static IServiceCollection AddParticipation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicCommentOptions>().Bind(configuration.GetSection(PublicCommentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ParticipationWriter>();
        services.AddScoped<ConsultationMail>();
        services.AddScoped<CommentIntake>();
        services.AddScoped<IStepCompletionGuard, ParticipationGuard>();
        services.AddScoped<IComplianceCheck, ParticipationCompliance>();
        services.AddScoped<RuleOfLaw.Workflow.Server.Scheduling.IDomainTimerHandler, ConsultationCloseTimer>();
        // The drafting unit's step page (Pages/Participation/Task): consultation, comments, responses, activities, completion.
        services.AddStepPage(ParticipationWriter.Step, "/Participation/Task");
        services.AddStepPage(ParticipationWriter.GroupStep, "/Participation/Task");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One fixed window per client address: a campaign from many people is grouped, a flood from one is slowed.
            o.AddPolicy(PublicEndpoints.RateLimitPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<PublicCommentOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = TimeSpan.FromSeconds(options.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : (int?)null;
                if (retryAfter is { } seconds)
                {
                    context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "请求过于频繁 / Too many requests",
                    Detail = $"提交过于频繁，请{retryAfter ?? 60}秒后再试。Too many comments from this address; retry after {retryAfter ?? 60} seconds.",
                    Type = "https://rule-of-law.example/problems/rate-limited",
                };
                problem.Extensions["code"] = "rate-limited";
                await Results.Problem(problem).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    public static IApplicationBuilder UseParticipation(this IApplicationBuilder app) => app.UseRateLimiter();

    public static void MapParticipationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapConsultationEndpoints();
        app.MapModerationEndpoints();
        app.MapActivityEndpoints();
        app.MapHearingEndpoints();
        app.MapParticipationReadEndpoints();
        app.MapPublicParticipationEndpoints();
    }
}
