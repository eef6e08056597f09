using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Cluster;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Health;
using RuleOfLaw.Workflow.Server.Input;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Organizations;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Record;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Startup;
using RuleOfLaw.Workflow.Server.Swagger;
using RuleOfLaw.Workflow.Server.Tasks;
using RuleOfLaw.Workflow.Server.Pages;
using RuleOfLaw.Workflow.Server.Web;
using RuleOfLaw.Workflow.Server.Calendars;

// `verify-dossier <zip>…` checks exported dossiers offline and exits before anything of the server is built.
if (args is [RuleOfLaw.Workflow.Server.Record.VerifyDossierCommand.Name, .. var dossiers])
{
    return RuleOfLaw.Workflow.Server.Record.VerifyDossierCommand.Run(dossiers, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;

// Runs first, so the server never listens with an unmigrated database or an invalid definition.
services.AddHostedService<StartupInitializer>();

services.AddSingleton(TimeProvider.System);
// The reverse proxies whose forwarded headers are believed (nothing by default): docs/security.md, "Behind a reverse proxy".
services.AddReverseProxy(builder.Configuration);
// Content-Security-Policy and the other response headers, HSTS, who reads /swagger (docs/security.md).
services.AddSecurityHeaders(builder.Configuration, builder.Environment);
services.AddWorkflowDatabase(builder.Configuration, builder.Environment.ContentRootPath);
services.AddOptions<WorkflowsOptions>().Bind(builder.Configuration.GetSection(WorkflowsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
services.AddSingleton<DefinitionRegistry>();
services.AddSingleton<JurisdictionRegistry>();
services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<WorkflowsOptions>>().Value;
    var directory = WorkflowsOptions.Resolve(options.Directory, builder.Environment.ContentRootPath);
    return new DeadlineCalculator(HolidayCalendar.LoadDirectory(Path.Combine(directory, "calendars")), TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
});
// The key ring outside the database, the keyed journal chain and its signed checkpoints (docs/security.md).
services.AddIntegrity(builder.Configuration);
// Several nodes behind a balancer: the shared data-protection key ring (cookies, form tokens), /health/ready and
// /health/live, a graceful stop (docs/operations.md, "Several servers behind a reverse proxy").
services.AddCluster(builder.Configuration);
// New journal entries are hashed with the configured algorithm; stored entries keep theirs (docs/security.md).
services.AddSingleton(sp => new WorkflowEngine(sp.GetRequiredService<DeadlineCalculator>())
{
    JournalAlgorithm = sp.GetRequiredService<IOptions<CryptoOptions>>().Value.HashAlgorithm,
});
services.AddScoped<InstanceCommandService>();
services.AddScoped<ProcedureControl>();
services.AddScoped<ProcedureStart>();
services.AddScoped<TaskCompletion>();
services.AddScoped<ScopeAssignmentService>();
services.AddScoped<PinnedInstanceUpgrade>();
services.AddScoped<AssignmentResolver>();
services.AddScoped<CurrentActor>();
services.AddScoped<ComplianceReportService>();
services.AddRecord();
services.AddDocuments();
services.AddHttpContextAccessor();

services.AddIdentityCore<AppUser>(o =>
    {
        o.Password.RequiredLength = 10;
        // Failed sign-ins never lock an account (anyone could lock the administrators out): they delay and notify
        // instead (Auth/PasswordSignIn, SignIn:*). The count of failures is kept; this limit is out of its reach.
        o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
        o.User.RequireUniqueEmail = false;
    })
    .AddEntityFrameworkStores<WorkflowDbContext>()
    .AddSignInManager();

const string CookieOrToken = "CookieOrToken";
services.AddAuthentication(o =>
    {
        o.DefaultScheme = CookieOrToken;
        o.DefaultChallengeScheme = CookieOrToken;
    })
    .AddPolicyScheme(CookieOrToken, "Session cookie or API token", o => o.ForwardDefaultSelector = context =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? ApiTokenAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme)
    .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
    .AddIdentityCookies();
services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "rolw.session";
    o.Cookie.HttpOnly = true;
    // Strict keeps the cookie off cross-site requests, which is what protects the JSON API from CSRF.
    o.Cookie.SameSite = SameSiteMode.Strict;
    // Secure whenever the request was HTTPS, including HTTPS ended at a trusted proxy (X-Forwarded-Proto, ReverseProxy:*).
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.SlidingExpiration = true;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    // The API answers 401/403 (as ProblemDetails via status-code pages); only the web pages redirect to the sign-in page.
    o.LoginPath = WebRegistration.LoginPath;
    o.Events.OnRedirectToLogin = context =>
    {
        if (WebRegistration.IsApiRequest(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    };
    o.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
});
// Session cookies are checked against the user's security stamp on every request (one lookup of the user by key),
// so locking a user or resetting their password ends their sessions at once, not after Identity's default 30 minutes.
services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
// Every endpoint requires a signed-in user unless it says AllowAnonymous.
// Sign-in: progressive delays per account and address, a throttle per address, one answer (docs/security.md, "Sign-in").
services.AddSignInProtection(builder.Configuration);
services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
// Holiday calendars loaded by administrators, provisional deadlines, the December warning (issue 16 item 6).
services.AddCalendars(builder.Configuration);
// /api/admin (administrators only) and the first administrator of a new deployment (Bootstrap:*).
services.AddAdministration(builder.Configuration);
// The procedure modules (initiation, participation, experts, risk, fair competition, legality review, meetings, after
// decision), each registered from its descriptor (Modules/ModuleRegistration): services, guards, checks, timers, pages.
services.AddProcedureModules(builder.Configuration);
// Durable timers (rows + Hangfire jobs), reminders, escalation, recurring jobs and the mail outbox (issues 4, 13).
services.AddScheduling(builder.Configuration, builder.Environment.ContentRootPath);
// The demo matters, made through the API once the server listens (development; Demo:LivingMatters).
services.AddSingleton<RuleOfLaw.Workflow.Server.Demo.LivingDemo>();
services.AddHostedService(sp => sp.GetRequiredService<RuleOfLaw.Workflow.Server.Demo.LivingDemo>());

services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
{
    // Responses made by the framework (401, 403, 404, 405 …) get a stable code like ours.
    context.ProblemDetails.Extensions.TryAdd("code", context.ProblemDetails is HttpValidationProblemDetails ? "validation-failed" : context.ProblemDetails.Status switch
    {
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        _ => "http-" + context.ProblemDetails.Status,
    });
});
services.AddExceptionHandler<ApiExceptionHandler>();
services.AddValidation();
// Control characters, lone surrogates and dates out of range refused the same way everywhere (docs/security.md, "Input rules").
services.AddInputRules();
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 2 * 1024 * 1024);
services.AddSingleton<SchemaState>();
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<CalendarHealthCheck>("calendars");
services.AddWorkflowSwagger();
// The web application (Razor Pages, zh-CN first): see docs/web.md.
services.AddWebApplication(builder.Configuration);
services.AddPageServices();

var app = builder.Build();

// A taken port is said in one line before the start-up work, not as Kestrel's stack trace after it.
if (PortCheck.FindTakenAddress(app.Configuration) is { } taken)
{
    Console.Error.WriteLine(PortCheck.Message(taken));
    return PortCheck.ExitCode;
}

app.UseReverseProxy();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseInputRules();
app.UseWorkflowSwagger();
app.UseWebApplicationBeforeAuthentication();
app.MarkRateLimited();
app.UseAuthentication();
app.UseAuthorization();
app.UseParticipation();
app.UseWebApplicationAfterAuthorization();

app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
app.MapClusterHealth();
// UnreadableValueFilter first: a query value of the wrong type is the same invalid-request whichever filter comes next.
var api = app.MapGroup("").AddEndpointFilter<UnreadableValueFilter>().AddInputRules().AddEndpointFilter<IdempotencyKeyFilter>().AddEndpointFilter<CreatedLocationFilter>();
api.MapAuthEndpoints();
api.MapIntegrityEndpoints();
api.MapOrganizationEndpoints();
api.MapDefinitionEndpoints();
api.MapJurisdictionEndpoints();
api.MapMatterEndpoints();
api.MapComplianceEndpoints();
api.MapRecord();
api.MapDocumentEndpoints();
api.MapInstanceEndpoints();
api.MapTaskEndpoints();
api.MapAdministrationEndpoints();
api.MapCalendarEndpoints();
api.MapProcedureModules();
api.MapScheduling();
// The Hangfire Dashboard, administrators only (docs/deadlines-and-mail.md).
app.MapJobsDashboard();
app.MapWebApplication();

try
{
    app.Run();
}
catch (Exception e) when (PortCheck.IsAddressInUse(e))
{
    Console.Error.WriteLine(PortCheck.Message(string.Join(' ', app.Urls)));
    return PortCheck.ExitCode;
}
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
