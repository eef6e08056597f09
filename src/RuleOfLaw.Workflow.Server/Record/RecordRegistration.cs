namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>The record module (issue 15): dossier export, indicators, accountability.</summary>
public static class RecordRegistration
{
    public static IServiceCollection AddRecord(this IServiceCollection services)
    {
        services.AddScoped<DossierExport>();
        return services;
    }

    public static void MapRecord(this IEndpointRouteBuilder app)
    {
        app.MapDossierEndpoints();
    }
}
