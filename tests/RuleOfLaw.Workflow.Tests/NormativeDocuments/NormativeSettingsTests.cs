using System.Text.Json.Nodes;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>The normativeDocuments section of a jurisdiction file: read, defaulted, and held to the floors.</summary>
public sealed class NormativeSettingsTests
{
    private static JsonObject DefaultFile() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsDirectory, "jurisdictions", "default.json")))!.AsObject();

    private static IReadOnlyList<JurisdictionError> Check(JsonObject file) => JurisdictionLoader.Check(file.ToJsonString(), "test.json", out _);

    [Fact]
    public void The_shipped_files_give_the_national_defaults()
    {
        foreach (var id in new[] { "default", "example-province" })
        {
            var settings = RepositoryFiles.Jurisdiction(id).NormativeDocuments;
            Assert.Equal(5, settings.MaximumValidityYears);
            Assert.Equal(2, settings.ProvisionalMaximumValidityYears);
            Assert.Equal(6, settings.ExpiryReminderMonths);
            Assert.Equal(15, settings.Period(NormativeDocumentSettings.FilingDeadline).Days);
            Assert.Equal("{code}GS—{year}—{seq}", settings.RegistrationNumberPattern);
        }
    }

    [Fact]
    public void A_file_without_the_section_gets_the_defaults()
    {
        var file = DefaultFile();
        file.Remove("normativeDocuments");
        Assert.Empty(JurisdictionLoader.Check(file.ToJsonString(), "test.json", out var settings));
        Assert.Same(NormativeDocumentSettings.Default, settings!.NormativeDocuments);
    }

    [Fact]
    public void A_consultation_below_seven_working_days_or_a_market_consultation_below_30_days_is_refused()
    {
        var file = DefaultFile();
        file["normativeDocuments"]!["periods"]!["consultationMinimum"]!["days"] = 5;
        file["normativeDocuments"]!["periods"]!["consultationMinimumMarketActors"]!["counting"] = "workingDays";
        var errors = Check(file);
        Assert.Contains(errors, e => e.Path == "$.normativeDocuments.periods.consultationMinimum.days" && e.Problem.Contains("7个工作日"));
        Assert.Contains(errors, e => e.Path == "$.normativeDocuments.periods.consultationMinimumMarketActors.counting");
    }

    [Fact]
    public void Review_minimum_above_maximum_provisional_above_general_and_a_pattern_without_seq_are_refused()
    {
        var file = DefaultFile();
        file["normativeDocuments"]!["periods"]!["legalityReviewMinimum"]!["days"] = 20;
        file["normativeDocuments"]!["validity"]!["provisionalMaximumYears"] = 6;
        file["normativeDocuments"]!["numbering"]!["registrationNumber"] = "{code}GS—{year}";
        file["normativeDocuments"]!["periods"]!["unknownPeriod"] = JsonNode.Parse("""{ "days": 1, "counting": "calendar", "article": "x" }""");
        var paths = Check(file).Select(e => e.Path).ToList();
        Assert.Contains("$.normativeDocuments.periods.legalityReviewMinimum.days", paths);
        Assert.Contains("$.normativeDocuments.validity.provisionalMaximumYears", paths);
        Assert.Contains("$.normativeDocuments.numbering.registrationNumber", paths);
        Assert.Contains("$.normativeDocuments.periods.unknownPeriod", paths);
    }
}
