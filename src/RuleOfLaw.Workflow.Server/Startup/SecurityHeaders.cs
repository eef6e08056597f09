using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Startup;

/// <summary>
/// <c>Security:*</c> (issue 16 item 5): the response headers every answer carries, HSTS outside development, and who
/// may read the API description (docs/security.md, "Response headers" and "The API description").
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary><c>Strict-Transport-Security</c> max-age in days for HTTPS answers outside Development. Default 365; 0 sends none.</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>
    /// Swagger UI and the OpenAPI document (<c>/swagger</c>) only to signed-in users. Default: true in Production,
    /// false elsewhere (development and the tests read it anonymously).
    /// </summary>
    public bool? SwaggerRequiresSignIn { get; set; }
}

public static class SecurityHeaders
{
    /// <summary>
    /// The application's pages: scripts, styles, images, fonts and form targets from this origin only; nothing may frame
    /// them (clickjacking); no plugins; no &lt;base&gt; elsewhere. The pages have no inline script or style (a test
    /// walks them in Chromium and fails on any violation report).
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Swagger UI and the Hangfire dashboard are third-party pages with inline styles (a &lt;style&gt; element, style
    /// attributes): the same policy with inline styles allowed; scripts are still this origin's files only.
    /// </summary>
    public const string ToolPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section));
        var days = configuration.GetValue<int?>($"{SecurityOptions.Section}:{nameof(SecurityOptions.HstsMaxAgeDays)}") ?? 365;
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(Math.Max(days, 0));
            // The framework leaves localhost out; a deployment is reached by its name, and the tests ask as another host.
            o.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>Right after the forwarded headers: the scheme is then the client's (HTTPS ended at a trusted proxy counts).</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (!app.Environment.IsDevelopment() && options.HstsMaxAgeDays > 0)
        {
            // Sent on HTTPS answers only (a browser ignores it over HTTP anyway).
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            // Chosen now: the jobs dashboard moves its prefix into PathBase before the response starts.
            var path = context.Request.Path;
            var policy = path.StartsWithSegments("/swagger") || path.StartsWithSegments(Scheduling.JobsDashboard.Path) ? ToolPolicy : PagePolicy;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = policy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        if (SwaggerRequiresSignIn(options, app.Environment))
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), branch => branch.Use(async (context, next) =>
            {
                // Before the authentication middleware in the pipeline, so the session or token is checked here.
                var result = await context.AuthenticateAsync();
                if (result.Succeeded)
                {
                    context.User = result.Principal;
                    await next(context);
                    return;
                }
                await ApiProblem.Refused(ProblemTexts.Catalog.Refuse(RefusalClass.Unauthenticated, "unauthenticated.api-description", null)).ExecuteAsync(context);
            }));
        }
        return app;
    }

    public static bool SwaggerRequiresSignIn(SecurityOptions options, IHostEnvironment environment) =>
        options.SwaggerRequiresSignIn ?? environment.IsProduction();
}
