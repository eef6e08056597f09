using System.Text.Json.Nodes;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests;

/// <summary>
/// workflows/jurisdictions/*.json: the shipped files load with the values of issue 3, and every broken file is
/// refused with its file, JSON path and problem, including the national floors a local setting may not go below.
/// </summary>
public sealed class JurisdictionLoaderTests : IDisposable
{
    private const string File = "workflows/jurisdictions/test.json";
    private readonly string _folder = Directory.CreateTempSubdirectory("rolw-jurisdictions-").FullName;

    [Fact]
    public void The_shipped_default_jurisdiction_has_the_values_of_the_issue()
    {
        var j = RepositoryFiles.Jurisdiction("default");
        Assert.Equal("Asia/Shanghai", j.TimeZone);
        AssertPeriod(j, JurisdictionSettings.ConsultationMinimum, 30, DayCounting.Calendar, "第十五条");
        AssertPeriod(j, JurisdictionSettings.HearingMaterialsLeadTime, 7, DayCounting.Calendar, "第十七条");
        AssertPeriod(j, JurisdictionSettings.LegalityReviewMinimum, 7, DayCounting.WorkingDays, "第二十六条");
        AssertPeriod(j, JurisdictionSettings.PublicationDeadline, 20, DayCounting.WorkingDays, "第二十六条");
        AssertPeriod(j, JurisdictionSettings.ArchivingDeadline, 30, DayCounting.Calendar, "第三十三条");
        var filing = Assert.Single(j.Filing);
        Assert.Equal(("上一级人民政府", 15, DayCounting.Calendar), (filing.Name, filing.Deadline.Days, filing.Deadline.Counting));
        Assert.Equal(new ExpertPanelRules(null, false, null), j.ExpertPanel);
        Assert.Equal(2, j.EvaluationsPerOrganPerYear);
    }

    [Fact]
    public void The_example_province_differs_where_a_province_may_differ()
    {
        var j = RepositoryFiles.Jurisdiction("example-province");
        AssertPeriod(j, JurisdictionSettings.PublicationDeadline, 15, DayCounting.WorkingDays, "示范省");
        Assert.Equal(
            [("上一级人民政府", 15), ("本级人民代表大会常务委员会", 30)],
            j.Filing.Select(f => (f.Name, f.Deadline.Days)));
        Assert.Equal(new ExpertPanelRules(5, true, new Share(1, 3)), j.ExpertPanel);
        Assert.Equal(3, j.EvaluationsPerOrganPerYear);
        Assert.True(j.Periods[JurisdictionSettings.ConsultationMinimum].Days >= JurisdictionLoader.ConsultationFloorDays);

        // The snapshot an instance receives: every period setting, filing = the first recipient's deadline.
        var snapshot = j.Snapshot();
        Assert.Equal(JurisdictionSettings.PeriodSettingNames.Order(), snapshot.Periods.Keys.Order());
        Assert.Equal(15, snapshot.Periods[JurisdictionSettings.FilingDeadline].Days);
        Assert.Equal(("example-province", "Asia/Shanghai"), (snapshot.Id, snapshot.TimeZone));
    }

    [Fact]
    public void The_valid_template_parses()
    {
        var settings = JurisdictionLoader.Parse(Template().ToJsonString(), File);
        Assert.Equal("test-province", settings.Id);
    }

    [Fact]
    public void A_consultation_minimum_below_the_national_30_days_is_refused_citing_article_15()
    {
        var json = Template();
        json["periods"]!["consultationMinimum"]!["days"] = 29;
        var error = SingleError(json, "$.periods.consultationMinimum.days", "national floor");
        Assert.Contains("第十五条", error.Problem);

        // Longer is a local rule's right.
        json["periods"]!["consultationMinimum"]!["days"] = 45;
        Assert.Equal(45, JurisdictionLoader.Parse(json.ToJsonString(), File).Periods[JurisdictionSettings.ConsultationMinimum].Days);
    }

    [Fact]
    public void A_legality_review_minimum_below_7_working_days_or_in_calendar_days_is_refused()
    {
        var json = Template();
        json["periods"]!["legalityReviewMinimum"]!["days"] = 6;
        Assert.Contains("第二十六条", SingleError(json, "$.periods.legalityReviewMinimum.days", "national floor").Problem);

        json = Template();
        json["periods"]!["legalityReviewMinimum"]!["counting"] = "calendar";
        json["periods"]!["legalityReviewMinimum"]!["days"] = 10;
        SingleError(json, "$.periods.legalityReviewMinimum.counting", "workingDays");
    }

    [Fact]
    public void Unknown_fields_are_refused_with_their_path()
    {
        var json = Template();
        json["periods"]!["publicatonDeadline"] = Period(10, "workingDays");
        SingleError(json, "$.periods.publicatonDeadline", "unknown field");

        json = Template();
        json["expertPanel"]!["maxGovermentShare"] = 1;
        SingleError(json, "$.expertPanel.maxGovermentShare", "unknown field");
    }

    [Fact]
    public void Missing_values_are_refused_with_their_path()
    {
        var json = Template();
        json.Remove("evaluationsPerOrganPerYear");
        SingleError(json, "$.evaluationsPerOrganPerYear", "required");

        json = Template();
        json["periods"]!.AsObject().Remove("archivingDeadline");
        SingleError(json, "$.periods.archivingDeadline", "required");

        json = Template();
        json["filing"]![0]!["deadline"]!.AsObject().Remove("article");
        SingleError(json, "$.filing[0].deadline.article", "required");

        json = Template();
        json["filing"] = new JsonArray();
        SingleError(json, "$.filing", "at least one");
    }

    [Theory]
    [InlineData("""{ "days": 0, "counting": "calendar", "article": "a" }""", "$.periods.archivingDeadline.days", "at least 1")]
    [InlineData("""{ "days": 30, "counting": "weeks", "article": "a" }""", "$.periods.archivingDeadline.counting", "unknown counting 'weeks'")]
    [InlineData("""{ "days": "30", "counting": "calendar", "article": "a" }""", "$.periods.archivingDeadline.days", "whole number")]
    [InlineData("""30""", "$.periods.archivingDeadline", "must be an object")]
    public void Malformed_periods_are_refused_with_their_path(string period, string path, string phrase)
    {
        var json = Template();
        json["periods"]!["archivingDeadline"] = JsonNode.Parse(period);
        SingleError(json, path, phrase);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var json = Template();
        json["timeZone"] = "Asia/Shangai";
        SingleError(json, "$.timeZone", "unknown time zone 'Asia/Shangai'");
    }

    [Fact]
    public void Duplicate_filing_recipients_and_an_odd_share_are_refused()
    {
        var json = Template();
        json["filing"]!.AsArray().Add(JsonNode.Parse(json["filing"]![0]!.ToJsonString()));
        SingleError(json, "$.filing[1].id", "listed twice");

        json = Template();
        json["expertPanel"]!["maxGovernmentEmployedShare"] = JsonNode.Parse("""{ "numerator": 4, "denominator": 3 }""");
        SingleError(json, "$.expertPanel.maxGovernmentEmployedShare", "cannot exceed 1");
    }

    [Fact]
    public void A_folder_with_duplicate_ids_or_without_default_is_refused_naming_the_files()
    {
        Write("a.json", Template());
        Write("b.json", Template());
        var errors = Assert.Throws<JurisdictionValidationException>(() => JurisdictionLoader.LoadDirectory(_folder)).Errors;
        var twin = Assert.Single(errors);
        Assert.EndsWith("b.json", twin.File);
        Assert.Equal("$.id", twin.Path);
        Assert.Contains("a.json", twin.Problem);

        System.IO.File.Delete(Path.Combine(_folder, "b.json"));
        var missing = Assert.Single(Assert.Throws<JurisdictionValidationException>(() => JurisdictionLoader.LoadDirectory(_folder)).Errors);
        Assert.Contains("'default'", missing.Problem);

        var named = Template();
        named["id"] = "default";
        Write("default.json", named);
        Assert.Equal(["test-province", "default"], JurisdictionLoader.LoadDirectory(_folder).Select(j => j.Id));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once_and_the_message_names_file_and_path()
    {
        var json = Template();
        json["timeZone"] = "Nowhere/City";
        json["periods"]!["consultationMinimum"]!["days"] = 15;
        json.Remove("name");
        var exception = Assert.Throws<JurisdictionValidationException>(() => JurisdictionLoader.Parse(json.ToJsonString(), File));
        Assert.Equal(["$.name", "$.periods.consultationMinimum.days", "$.timeZone"], exception.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains($"{File}: $.timeZone: unknown time zone", exception.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, JsonObject json) => System.IO.File.WriteAllText(Path.Combine(_folder, name), json.ToJsonString());

    private static JurisdictionError SingleError(JsonObject json, string path, string phrase)
    {
        var errors = JurisdictionLoader.Check(json.ToJsonString(), File, out var settings);
        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal((File, path), (error.File, error.Path));
        Assert.Contains(phrase, error.Problem);
        return error;
    }

    private static void AssertPeriod(JurisdictionSettings j, string name, int days, DayCounting counting, string article)
    {
        var period = j.Periods[name];
        Assert.Equal((days, counting), (period.Days, period.Counting));
        Assert.Contains(article, period.Article);
    }

    private static JsonObject Period(int days, string counting) => new() { ["days"] = days, ["counting"] = counting, ["article"] = "测试条款" };

    private static JsonObject Template() => new()
    {
        ["id"] = "test-province",
        ["name"] = "测试省",
        ["timeZone"] = "Asia/Shanghai",
        ["periods"] = new JsonObject
        {
            ["consultationMinimum"] = Period(30, "calendar"),
            ["hearingMaterialsLeadTime"] = Period(7, "calendar"),
            ["legalityReviewMinimum"] = Period(7, "workingDays"),
            ["publicationDeadline"] = Period(20, "workingDays"),
            ["archivingDeadline"] = Period(30, "calendar"),
        },
        ["filing"] = new JsonArray(new JsonObject { ["id"] = "higher-government", ["recipient"] = "上一级人民政府", ["deadline"] = Period(15, "calendar") }),
        ["expertPanel"] = new JsonObject { ["minimumSize"] = null, ["oddNumber"] = false, ["maxGovernmentEmployedShare"] = null },
        ["evaluationsPerOrganPerYear"] = 2,
    };
}
