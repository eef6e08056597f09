namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>The record module (issue 15): dossier export, indicators, accountability.</summary>
public static class RecordRegistration
{
    public static IServiceCollection AddRecord(this IServiceCollection services)
    {
        services.AddScoped<DossierExport>();
        services.AddScoped<Indicators.IndicatorService>();
        services.AddScoped<Catalogue.CatalogueService>();
        services.AddScoped<Accountability.AccountabilityService>();
        services.AddScoped<Report.AnnualReportExport>();
        services.AddScoped<Experts.ExpertDisclosureService>();
        // One provider per procedure; the normative-documents module registers its own (NormativeIndicatorProvider).
        services.AddScoped<Indicators.IIndicatorProvider, Indicators.MajorDecisionIndicatorProvider>();
        return services;
    }

    public static void MapRecord(this IEndpointRouteBuilder app)
    {
        app.MapDossierEndpoints();
        Indicators.IndicatorEndpoints.MapIndicatorEndpoints(app);
        Catalogue.CatalogueEndpoints.MapCatalogueEndpoints(app);
        Accountability.AccountabilityEndpoints.MapAccountabilityEndpoints(app);
        Report.ReportEndpoints.MapReportEndpoints(app);
        Experts.ExpertDisclosureEndpoints.MapExpertDisclosureEndpoints(app);
    }
}
