using System.Globalization;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests;

/// <summary>
/// The shipped procedure takes its publication, filing and archiving periods from the jurisdiction settings: the
/// same definition run in the default jurisdiction and in example-province gives different due dates.
/// </summary>
public sealed class JurisdictionPeriodsTests
{
    [Fact]
    public void The_same_definition_in_two_jurisdictions_gives_20_and_15_working_days_for_publication()
    {
        var inDefault = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision, "default");
        var inProvince = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision, "example-province");
        foreach (var run in new[] { inDefault, inProvince })
        {
            run.StartWithAll(false);
            run.RunHappyPath(stop: task => task.StepId is "publication" or "filing" or "archiving");
        }
        var a = inDefault.OpenTask("publication");
        var b = inProvince.OpenTask("publication");
        Assert.Equal(a.CreatedAt, b.CreatedAt); // the same day, the same path

        // Opened on Monday 2026-03-09 (definition v3: the legality review has no fixed minimum to wait for). 20 working
        // days: 03-10 … 04-03 (19), Qingming 04-04..06 off, 04-07 (20). 15 working days end on 03-30.
        var calculator = RepositoryFiles.Calculator();
        Assert.Equal(new DateOnly(2026, 3, 9), calculator.LocalDay(a.CreatedAt));
        Assert.Equal("2026-04-07", LastDay(a.DueAt!.Value));
        Assert.Equal("2026-03-30", LastDay(b.DueAt!.Value));
        Assert.Equal(calculator.AfterDays(a.CreatedAt, 20, DayCounting.WorkingDays).EndsAtUtc, a.DueAt);
        Assert.Equal(calculator.AfterDays(b.CreatedAt, 15, DayCounting.WorkingDays).EndsAtUtc, b.DueAt);

        // The rule text says which setting of which jurisdiction produced the date, and its article.
        Assert.StartsWith("依辖区“默认辖区”（default）设置 publicationDeadline（20个工作日，", a.DueRule);
        Assert.StartsWith("依辖区“示范省”（example-province）设置 publicationDeadline（15个工作日，", b.DueRule);
        Assert.Contains("《政府信息公开条例》第二十六条", a.DueRule);
        Assert.Contains("第20个工作日为2026-04-07", a.DueRule);

        // Filing: the first recipient's 15 days in both; archiving 30 days.
        foreach (var run in new[] { inDefault, inProvince })
        {
            var filing = run.OpenTask("filing");
            Assert.Equal(calculator.AfterDays(filing.CreatedAt, 15, DayCounting.Calendar).EndsAtUtc, filing.DueAt);
            Assert.Contains("filingDeadline", filing.DueRule);
            var archiving = run.OpenTask("archiving");
            Assert.Equal(calculator.AfterDays(archiving.CreatedAt, 30, DayCounting.Calendar).EndsAtUtc, archiving.DueAt);
        }
    }

    [Fact]
    public void The_instance_keeps_the_snapshot_it_started_with()
    {
        var run = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision, "default");
        run.StartWithAll(false);
        Assert.Equal("default", run.Current.Jurisdiction!.Id);
        Assert.Equal(20, run.Current.Jurisdiction.Periods[JurisdictionSettings.PublicationDeadline].Days);
        var started = run.Journal[0];
        Assert.Equal("InstanceStarted", started.Type);
        Assert.Contains("\"publicationDeadline\"", started.DataJson);
        // The state round-trips through its stored JSON with the snapshot.
        var copy = InstanceStateJson.Deserialize(InstanceStateJson.Serialize(run.Current));
        Assert.Equal(DayCounting.WorkingDays, copy.Jurisdiction!.Periods[JurisdictionSettings.PublicationDeadline].Counting);
    }

    [Fact]
    public void Starting_the_shipped_procedure_without_a_jurisdiction_is_refused()
    {
        var run = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision);
        var decision = run.Decide(
            new WorkflowCommand.Start(ProcedureDriver.InstanceId, "m", new Dictionary<string, bool>(), run.Assignments),
            run.Person("drafting-officer", "drafting-unit"));
        var refusal = Assert.Single(decision.Refusals);
        Assert.Equal("jurisdiction-setting-missing", refusal.Code);
        // Version 4 names the consultation and legality-review minimums too (arts. 15, 26).
        Assert.Contains("archivingDeadline, consultationMinimum, filingDeadline, legalityReviewMinimum, publicationDeadline", refusal.TextIn(TextCatalog.English));
    }

    private static string LastDay(DateTimeOffset endsAt) =>
        RepositoryFiles.Calculator().LocalDay(endsAt.AddTicks(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
