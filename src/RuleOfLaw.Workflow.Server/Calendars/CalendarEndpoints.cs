using System.Text;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Calendars;

/// <summary>Loading a year's holiday calendar without a release (issue 16 item 6); see <see cref="CalendarYears"/>.</summary>
public static class CalendarEndpoints
{
    public static IServiceCollection AddCalendars(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CalendarYears>();
        services.AddScoped<ProvisionalPeriods>();
        services.AddScoped<Scheduling.ProvisionalDeadlines>();
        services.AddHostedService<CalendarWorker>();
        return services;
    }

    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        // The national holiday calendar counts every government's deadlines: the deployment's, so operators only.
        var admin = app.MapGroup("/api/admin/calendars").WithTags("Administration").RequireAuthorization(OperatorPolicy.Name);
        admin.MapGet("", async (CalendarYears calendars, CancellationToken ct) => Results.Ok(await calendars.StatusAsync(ct)))
            .WithSummary("The holiday calendars loaded (from a file or an upload, by whom and when), the years missing and the provisional deadlines waiting for them")
            .Produces<CalendarStatus>();
        admin.MapPut("/{year:int}", Load)
            .WithSummary("Load a year's holiday calendar (the workflows/calendars/{yyyy}.json form, checked like a file): stored with who and when, never replaced; every provisional deadline waiting for the year is made final and journaled")
            .Accepts<object>("application/json")
            .Produces<CalendarYearView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> Load(int year, HttpRequest request, CalendarYears calendars, CurrentActor current, CancellationToken ct)
    {
        // At most one character over the cap is read, so that the cap is refused rather than the text cut.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[CalendarYears.MaxJsonLength + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        return (await calendars.LoadAsync(year, new string(buffer, 0, read), await current.GetAsync(ct), ct)).ToHttp();
    }
}
