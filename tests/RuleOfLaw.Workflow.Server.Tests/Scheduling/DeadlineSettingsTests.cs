using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>The <c>deadlines</c> object of a jurisdiction settings file: read, defaulted, and refused when malformed.</summary>
public sealed class DeadlineSettingsTests
{
    private const string Base = """
        {
          "id": "x", "name": "测试", "timeZone": "Asia/Shanghai",
          "periods": {
            "consultationMinimum": { "days": 30, "counting": "calendar", "article": "第十五条" },
            "hearingMaterialsLeadTime": { "days": 7, "counting": "calendar", "article": "第十七条" },
            "legalityReviewMinimum": { "days": 7, "counting": "workingDays", "article": "第二十六条" },
            "publicationDeadline": { "days": 20, "counting": "workingDays", "article": "第三十二条" },
            "archivingDeadline": { "days": 30, "counting": "calendar", "article": "第三十三条" }
          },
          "filing": [ { "id": "higher-government", "recipient": "上一级人民政府", "deadline": { "days": 15, "counting": "calendar", "article": "备案" } } ],
          "expertPanel": { "minimumSize": null, "oddNumber": false, "maxGovernmentEmployedShare": null },
          "evaluationsPerOrganPerYear": 2 DEADLINES
        }
        """;

    [Fact]
    public void Without_deadlines_the_defaults_apply()
    {
        var settings = JurisdictionLoader.Parse(Base.Replace("DEADLINES", ""), "x.json");
        Assert.Equal(DeadlineNotificationSettings.Default, settings.Deadlines);
    }

    [Fact]
    public void Deadlines_are_read()
    {
        var settings = JurisdictionLoader.Parse(Base.Replace("DEADLINES", """
            , "deadlines": { "reminderHoursBeforeDue": [48], "escalationHoursAfterDue": [24],
              "escalationTargets": [ { "organization": "rule-of-law-office", "role": "legality-reviewer", "name": "法治工作机构" } ] }
            """), "x.json");
        Assert.Equal([48], settings.Deadlines.ReminderHoursBeforeDue);
        Assert.Equal([24], settings.Deadlines.EscalationHoursAfterDue);
        Assert.Equal(new EscalationTarget("rule-of-law-office", "legality-reviewer", "法治工作机构"), Assert.Single(settings.Deadlines.EscalationTargets));
    }

    [Theory]
    [InlineData("""{ "reminderHoursBeforeDue": [0], "escalationHoursAfterDue": [0], "escalationTargets": [ { "organization": "task", "role": "drafting-head", "name": "负责人" } ] }""", "$.deadlines.reminderHoursBeforeDue")]
    [InlineData("""{ "reminderHoursBeforeDue": [24, 24], "escalationHoursAfterDue": [0], "escalationTargets": [ { "organization": "task", "role": "drafting-head", "name": "负责人" } ] }""", "$.deadlines.reminderHoursBeforeDue")]
    [InlineData("""{ "reminderHoursBeforeDue": [24], "escalationHoursAfterDue": [0], "escalationTargets": [] }""", "$.deadlines.escalationTargets")]
    [InlineData("""{ "reminderHoursBeforeDue": [24], "escalationHoursAfterDue": [0], "escalationTargets": [ { "organization": "Task Office", "role": "drafting-head", "name": "负责人" } ] }""", "$.deadlines.escalationTargets[0].organization")]
    [InlineData("""{ "reminderHoursBeforeDue": [24], "escalationHoursAfterDue": [0], "escalationTargets": [ { "organization": "task", "role": "drafting-head", "name": "负责人" } ], "remindDaily": true }""", "$.deadlines.remindDaily")]
    public void Malformed_deadlines_are_refused_with_their_path(string deadlines, string path)
    {
        var e = Assert.Throws<JurisdictionValidationException>(() => JurisdictionLoader.Parse(Base.Replace("DEADLINES", ", \"deadlines\": " + deadlines), "x.json"));
        Assert.Contains(e.Errors, error => error.Path == path);
    }
}
