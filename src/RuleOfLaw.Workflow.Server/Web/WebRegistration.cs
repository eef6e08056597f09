using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>
/// The web application for officials and the public: Razor Pages served by the API's server, Chinese first
/// (zh-CN by default, English by a switch kept in a cookie), no front-end build.
/// </summary>
public static class WebRegistration
{
    public const string PublicCachePolicy = "public-pages";
    public const string PublicRateLimit = "public-pages";
    /// <summary>The output-cache tag of the public pages, dropped after changes to public data (Cluster/PublicCacheSync).</summary>
    public const string PublicCacheTag = "public-pages";
    /// <summary>Seconds a public page may be kept by the server's output cache, browsers and proxies.</summary>
    public const int PublicCacheSeconds = 60;
    public const string LoginPath = "/account/login";
    public static readonly CultureInfo Chinese = new("zh-CN");
    public static readonly CultureInfo English = new("en");

    public static IServiceCollection AddWebApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicPageOptions>().Bind(configuration.GetSection(PublicPageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddLocalization();
        services.AddRazorPages(o =>
            {
                // The fallback policy requires sign-in everywhere; the public portal and the sign-in page are open.
                o.Conventions.AllowAnonymousToFolder("/Public");
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AddFolderApplicationModelConvention("/Public", model =>
                {
                    model.EndpointMetadata.Add(new OutputCacheAttribute { PolicyName = PublicCachePolicy });
                    model.EndpointMetadata.Add(new EnableRateLimitingAttribute(PublicRateLimit));
                });
            })
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // A refused form post answers with a 4xx, not 200 (issue 17): the fallback for errors a page found itself.
        services.Configure<MvcOptions>(o => o.Filters.Add(new RefusedFormStatusFilter()));
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        // Chinese text as text, not as &#x…; entities (smaller pages, readable source); the encoder still escapes markup.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = o.SupportedUICultures = [Chinese, English];
            // Only the switch decides (not the browser's Accept-Language): the application is Chinese first.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        // A public page costs one render per language per minute however many people read it (a viral consultation).
        services.AddOutputCache(o => o.AddPolicy(PublicCachePolicy, b => b
            .Expire(TimeSpan.FromSeconds(PublicCacheSeconds))
            // Dropped by tag when a node saves a change, on every node within seconds (Cluster/PublicCacheSync).
            .Tag(PublicCacheTag)
            // The key is the path (case-insensitive) and these values only. The default policy keys by the whole query
            // string, so "?x=1", "?x=2" … each made a new entry (a render, and memory until the size limit): the query
            // is dropped from the key, and the values the pages read come in normalized (issue 21).
            .SetVaryByQuery([])
            .VaryByValue(PublicQuery.All)
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))));
        // All cached pages together (the framework's default is 100 MB): beyond it pages are rendered but not kept.
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<PublicPageOptions>>((o, pages) =>
            o.SizeLimit = pages.Value.CacheSizeMegabytes * 1024L * 1024L);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address, apart from the comment limits: a reader cannot keep the server rendering for others'
            // share. Generous by default: the pages come from the output cache, and many readers share one address.
            o.AddPolicy(PublicRateLimit, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<PublicPageOptions>>().Value;
                return options.PermitLimit == 0
                    ? RateLimitPartition.GetNoLimiter("pages")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = TimeSpan.FromSeconds(options.WindowSeconds), QueueLimit = 0 });
            });
        });
        services.AddScoped<DossierReader>();
        services.AddScoped<TaskPageReader>();
        services.AddScoped<WorkbenchReader>();
        services.AddPublicPortalDefaults();
        return services;
    }

    /// <summary>Middleware before authentication: language, static files (open to all), rate limits.</summary>
    public static void UseWebApplicationBeforeAuthentication(this WebApplication app)
    {
        app.UseRequestLocalization();
        // The API's reader chooses by Accept-Language (zh-CN without it); pages keep the cookie's choice.
        app.UseApiReaderLanguage(IsApiRequest);
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseRateLimiter();
    }

    /// <summary>Middleware after authorization: the output cache (it serves anonymous GETs only).</summary>
    public static void UseWebApplicationAfterAuthorization(this WebApplication app) => app.UseOutputCache();

    public static void MapWebApplication(this WebApplication app)
    {
        app.MapRazorPages();
        // The language switch: a plain link (no form), so public pages carry no antiforgery cookie and stay cacheable.
        app.MapGet("/lang/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = culture == English.Name ? English : Chinese;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Requests answered with 401/403 instead of a redirect to the sign-in page: the JSON API and the machines' endpoints.</summary>
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/health") || request.Path.StartsWithSegments("/swagger")
        // The jobs dashboard answers 401/403 like the API: it is an administrator's tool, not a page to sign in from.
        || request.Path.StartsWithSegments(Scheduling.JobsDashboard.Path);

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
