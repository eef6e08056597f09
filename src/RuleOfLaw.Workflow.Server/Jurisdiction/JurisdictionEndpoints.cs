using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.Server.Jurisdiction;

public sealed record JurisdictionView(string Id, string Name, string? NameEn, string TimeZone, JurisdictionSettingsView Settings);

public sealed record JurisdictionSettingsView(
    IReadOnlyDictionary<string, SettingPeriod> Periods, IReadOnlyList<FilingRecipient> Filing, ExpertPanelRules ExpertPanel,
    int EvaluationsPerOrganPerYear);

public static class JurisdictionEndpoints
{
    public static void MapJurisdictionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jurisdictions", (JurisdictionRegistry registry) => registry.All.Select(View).ToList())
            .WithTags("Jurisdictions")
            .WithSummary("The jurisdictions and their settings (time zone, periods with their articles, filing recipients, expert-panel rules, evaluations per year)")
            .Produces<List<JurisdictionView>>();
    }

    public static JurisdictionView View(JurisdictionSettings j) => new(j.Id, j.Name, j.NameEn, j.TimeZone,
        new JurisdictionSettingsView(j.Periods, j.Filing, j.ExpertPanel, j.EvaluationsPerOrganPerYear));
}
