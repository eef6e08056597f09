using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>Hearings (arts. 16-17): announced in advance, materials 7 days before (enforced), the record confirmed by the participants.</summary>
public sealed class HearingTests
{
    private static object Announcement(DateTimeOffset at) => new
    {
        scheduledAt = at,
        place = "示范县政府第一会议室",
        selectionMethod = "自愿报名，按利益相关方类别随机抽取。",
        participants = new[] { "张三", "李四", "某出租车公司" },
    };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Materials_must_reach_participants_seven_days_before_and_the_record_must_be_confirmed(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var url = $"/api/matters/{matter.Id}/hearings";

        // Today is Monday 2 March; a hearing on Sunday 8 March needed its materials by 1 March.
        var tooSoon = await ProblemAsync(driver, url, Announcement(new DateTimeOffset(2026, 3, 8, 1, 0, 0, TimeSpan.Zero)), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("hearing-lead-time-impossible", tooSoon.Code);
        Assert.Equal("第十七条", tooSoon.Article);
        Assert.Contains("2026-03-01", tooSoon.Detail);

        // Friday 20 March 09:00 Beijing: materials due by Friday 13 March.
        var hearing = await PostAsync<HearingView>(driver, url, Announcement(new DateTimeOffset(2026, 3, 20, 1, 0, 0, TimeSpan.Zero)), HttpStatusCode.Created);
        Assert.Equal(new DateOnly(2026, 3, 13), hearing.MaterialsDueOn);
        var notDelivered = await ProblemAsync(driver, $"/api/hearings/{hearing.Id}/record", new { summary = "笔录" }, HttpStatusCode.Conflict);
        Assert.Equal("hearing-materials-not-delivered", notDelivered.Code);
        Assert.Equal("第十七条", notDelivered.Article);

        // Saturday 14 March in Beijing: one day late, refused.
        driver.MoveClockTo(new DateTimeOffset(2026, 3, 13, 16, 0, 0, TimeSpan.Zero));
        var late = await ProblemAsync(driver, $"/api/hearings/{hearing.Id}/materials-delivered", new { }, HttpStatusCode.Conflict);
        Assert.Equal("hearing-materials-late", late.Code);
        Assert.Equal("第十七条", late.Article);

        // The guard: an announced hearing must be held (or called off).
        var task = await driver.OpenTaskAsync(matter.Id, "public-participation");
        var pending = await driver.CompleteRawAsync("drafter", task.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("hearing-not-held", pending.Code);
        var cancelled = await PostAsync<HearingView>(driver, $"/api/hearings/{hearing.Id}/cancel", new { reason = "材料未能按期送达，另行确定听证时间。" });
        Assert.NotNull(cancelled.CancelledAt);

        // A new hearing on Friday 27 March: materials due by 20 March, delivered on 16 March.
        hearing = await PostAsync<HearingView>(driver, url, Announcement(new DateTimeOffset(2026, 3, 27, 1, 0, 0, TimeSpan.Zero)), HttpStatusCode.Created);
        driver.MoveClockTo(new DateTimeOffset(2026, 3, 16, 2, 0, 0, TimeSpan.Zero));
        var delivered = await PostAsync<HearingView>(driver, $"/api/hearings/{hearing.Id}/materials-delivered", new { });
        Assert.NotNull(delivered.MaterialsDeliveredAt);
        var early = await ProblemAsync(driver, $"/api/hearings/{hearing.Id}/record", new { summary = "笔录" }, HttpStatusCode.Conflict);
        Assert.Equal("hearing-not-yet-held", early.Code);

        driver.MoveClockTo(new DateTimeOffset(2026, 3, 27, 4, 0, 0, TimeSpan.Zero));
        var held = await PostAsync<HearingView>(driver, $"/api/hearings/{hearing.Id}/record", new { summary = "听证笔录：三名参加人发言……" });
        Assert.Equal(["张三", "李四", "某出租车公司"], held.Unconfirmed);
        var unconfirmed = await driver.CompleteRawAsync("drafter", task.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("hearing-record-unconfirmed", unconfirmed.Code);
        Assert.Equal("第十七条", unconfirmed.Article);

        var stranger = await ProblemAsync(driver, $"/api/hearings/{hearing.Id}/confirmations", new { participant = "王五" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-a-participant", stranger.Code);
        await PostAsync<HearingView>(driver, $"/api/hearings/{hearing.Id}/confirmations", new { participant = "张三" });
        await PostAsync<HearingView>(driver, $"/api/hearings/{hearing.Id}/confirmations", new { participant = "李四" });
        var silentRefusal = await ProblemAsync(driver, $"/api/hearings/{hearing.Id}/confirmations", new { participant = "某出租车公司", declined = true }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", silentRefusal.Code);
        var all = await PostAsync<HearingView>(driver, $"/api/hearings/{hearing.Id}/confirmations",
            new { participant = "某出租车公司", declined = true, note = "认为笔录遗漏其发言，拒绝签字，已附其书面意见。" });
        Assert.Empty(all.Unconfirmed);

        await driver.CompleteRawAsync("drafter", task.Id, "opinions-heard").ExpectAsync(HttpStatusCode.OK, server);
        var journal = await driver.JournalAsync(matter.Id);
        Assert.Equal(2, journal.Count(e => e.Type == "HearingAnnounced"));
        Assert.Single(journal, e => e.Type == "HearingCancelled");
        Assert.Single(journal, e => e.Type == "HearingMaterialsDelivered");
        Assert.Equal(2, journal.Count(e => e.Type == "HearingRecordConfirmed"));
        Assert.Single(journal, e => e.Type == "HearingRecordDeclined");
        var report = await GetAsync<ComplianceReport>(driver, $"/api/matters/{matter.Id}/compliance");
        Assert.Equal(ComplianceStatus.Met, report.Items.Single(i => i.Code == $"participation:hearing-materials:{hearing.Id}").Status);
        Assert.Equal(ComplianceStatus.Met, report.Items.Single(i => i.Code == $"participation:hearing-record:{hearing.Id}").Status);
        Assert.DoesNotContain(report.Items, i => i.Code == $"participation:hearing-materials:{cancelled.Id}");
    }
}
