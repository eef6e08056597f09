using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Public participation (arts. 14-18): services, the per-client rate limit of public comments, endpoints.</summary>
public static class ParticipationRegistration
{
    public static IServiceCollection AddParticipation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicCommentOptions>().Bind(configuration.GetSection(PublicCommentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ParticipationActs>();
        services.AddScoped<ConsultationMail>();
        // The module's application services and queries: the API's handlers and the pages call the same ones.
        services.AddScoped<ParticipationQueries>();
        // The one read path of commenters' and objectors' contact details (issue 16 item 7).
        services.AddScoped<ContactDetails>();
        services.AddSingleton<ContactCipher>();
        services.AddScoped<ConsultationService>();
        services.AddScoped<ModerationService>();
        services.AddScoped<ActivityService>();
        services.AddScoped<HearingService>();
        services.AddScoped<CommentIntake>();
        services.AddScoped<ReceivedComments>();
        // The public portal's consultation list (Pages/Public): from the database, instead of the web application's empty default.
        services.Replace(ServiceDescriptor.Scoped<RuleOfLaw.Workflow.Server.Web.IPublicConsultations, PublicConsultationList>());
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One fixed window per client address: a campaign from many people is grouped, a flood from one is slowed.
            o.AddPolicy(PublicEndpoints.RateLimitPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<PublicCommentOptions>>().Value;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (http.RequestServices.GetService<ISharedCommentLimits>() is { Enabled: true } shared)
                {
                    // Counted in the database for all nodes, once per request (in the first limiter pass only).
                    return http.Items.ContainsKey(PerConsultationCounted)
                        ? RateLimitPartition.GetNoLimiter("counted")
                        : shared.Window("comments-client:" + client, options.PermitLimit, options.WindowSeconds);
                }
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = TimeSpan.FromSeconds(options.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            // Besides the per-address window: an optional cap per consultation (all clients together), keyed by the
            // consultation in the address of the comment endpoint and the comment page.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<PublicCommentOptions>>().Value;
                // The rate-limiting middleware is in the pipeline twice (web pages, then participation): the cap counts in the
                // first only (PerConsultationCounted marks a request that has passed it).
                return !http.Items.ContainsKey(PerConsultationCounted) && options.PerConsultationLimit > 0 && HttpMethods.IsPost(http.Request.Method) && CommentTarget(http.Request.Path) is { } consultation
                    ? http.RequestServices.GetService<ISharedCommentLimits>() is { Enabled: true } shared
                        ? shared.Window("comments-consultation:" + consultation, options.PerConsultationLimit, options.PerConsultationWindowSeconds)
                        : RateLimitPartition.GetFixedWindowLimiter("consultation:" + consultation, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PerConsultationLimit,
                        Window = TimeSpan.FromSeconds(options.PerConsultationWindowSeconds),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("none");
            });
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : (int?)null;
                if (retryAfter is { } seconds)
                {
                    context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                var wait = retryAfter ?? 60;
                if (!RuleOfLaw.Workflow.Server.Web.WebRegistration.IsApiRequest(context.HttpContext.Request))
                {
                    // A person at the portal's forms gets a page they can read (the API keeps its ProblemDetails).
                    context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                    await context.HttpContext.Response.WriteAsync(
                        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                        "<title>请求过于频繁 / Too many requests</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"main\">" +
                        $"<h1>请求过于频繁</h1><p id=\"rate-limited\" role=\"alert\">提交过于频繁，请{wait}秒后再试；您填写的内容未被提交。</p>" +
                        $"<p lang=\"en\">Too many requests from this address. Please try again in {wait} seconds; nothing was submitted.</p>" +
                        "<p><a href=\"/public\">公众参与平台 / Public portal</a></p></main></body></html>", ct);
                    return;
                }
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "请求过于频繁 / Too many requests",
                    Detail = $"提交过于频繁（本地址或本次征求意见的提交量超过上限），请{retryAfter ?? 60}秒后再试；本次提交未被接收。" +
                        $"Too many submissions from this address (or to this consultation); nothing was accepted; retry after {retryAfter ?? 60} seconds.",
                    Type = "https://rule-of-law.example/problems/rate-limited",
                };
                problem.Extensions["code"] = "rate-limited";
                await Results.Problem(problem).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>Set on a request once it has passed the first rate-limiting middleware (see <see cref="MarkRateLimited"/>).</summary>
    internal static readonly object PerConsultationCounted = new();

    /// <summary>Placed right after the first <c>UseRateLimiter</c>: later limiter passes do not count the per-consultation cap again.</summary>
    public static IApplicationBuilder MarkRateLimited(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Items[PerConsultationCounted] = true;
        return next(http);
    });

    /// <summary>The consultation a comment is posted to (<c>/api/public/consultations/{id}/comments</c> or the page), else null.</summary>
    internal static string? CommentTarget(PathString path)
    {
        var parts = (path.Value ?? "").Trim('/').Split('/');
        var offset = parts.Length == 5 && parts[0] == "api" ? 1 : 0;
        return parts.Length == 4 + offset && parts[offset] == "public" && parts[offset + 1] == "consultations" && parts[offset + 3] == "comments"
            && Guid.TryParse(parts[offset + 2], out var id) ? id.ToString("N") : null;
    }

    public static IApplicationBuilder UseParticipation(this IApplicationBuilder app) => app.UseRateLimiter();

    public static void MapParticipationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapConsultationEndpoints();
        app.MapModerationEndpoints();
        app.MapPost("/api/consultations/{id:guid}/received-comments", async (Guid id, ReceivedCommentRequest request,
                [FromHeader(Name = Instances.IdempotencyKey.Header)] string? clientKey, ReceivedComments comments, CancellationToken ct) =>
                ParticipationResults.Created(await comments.EnterAsync(id, request, clientKey, ct), _ => $"/api/consultations/{id}/comments"))
            .WithTags("Participation")
            .WithSummary("Enter a comment received by letter, fax, phone or at a hearing (drafting unit): the period rule applies to the day received (art. 15)")
            .Produces<CommentView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapActivityEndpoints();
        app.MapHearingEndpoints();
        app.MapParticipationReadEndpoints();
        app.MapPublicParticipationEndpoints();
    }
}
