using System.Net;
using System.Text;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>Campaign grouping, moderation that hides but keeps, the CSV export, and the limits of the public endpoint.</summary>
public sealed class CommentHandlingTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Campaign_comments_are_grouped_and_counted_and_a_hidden_comment_is_kept_and_exported(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var anonymous = server.CreateAnonymousClient();

        // The same campaign text with different spacing, punctuation, case and full-width forms.
        string[] campaign = ["坚决反对停车费上涨！Stop it.", "坚决反对停车费上涨 stop it", "  坚决反对，停车费上涨！！ＳＴＯＰ　ＩＴ", "坚决反对停车费上涨—STOP IT!"];
        foreach (var line in campaign)
        {
            await CommentAsync(server, anonymous, consultation.Id, line);
        }
        var quoted = await CommentAsync(server, anonymous, consultation.Id, "=1+1, 建议\"分时段\"收费\n夜间免费", "organization", "示范县\"停车\"协会");

        var url = $"/api/consultations/{consultation.Id}";
        var groups = await GetAsync<List<GroupView>>(driver, url + "/groups");
        Assert.Equal([4, 1], groups.Select(g => g.Count));
        Assert.Equal($"{matter.Number}-C000001", groups[0].Label);

        var comments = await GetAsync<List<CommentView>>(driver, url + "/comments");
        var target = comments.Single(c => c.ReceiptNumber == $"{matter.Number}-C000002");
        var reasonless = await ProblemAsync(driver, url + $"/comments/{target.Id}/hide", new { reason = "" }, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", reasonless.Code);
        Assert.Equal(["reason"], reasonless.Errors!.Value.EnumerateObject().Select(e => e.Name.ToLowerInvariant()));
        var hidden = await PostAsync<CommentView>(driver, url + $"/comments/{target.Id}/hide", new { reason = "含有侮辱性语言。" });
        Assert.True(hidden.Hidden);
        Assert.Equal("含有侮辱性语言。", hidden.HiddenReason);
        var again = await ProblemAsync(driver, url + $"/comments/{target.Id}/hide", new { reason = "重复" }, HttpStatusCode.Conflict);
        Assert.Equal("comment-already-hidden", again.Code);
        var hideEntry = Assert.Single(await driver.JournalAsync(matter.Id), e => e.Type == "CommentHidden");
        Assert.Equal("含有侮辱性语言。", hideEntry.Comment);

        // Kept and counted: five comments, one hidden, the group still counts four with three visible.
        var view = await GetAsync<ConsultationView>(driver, url);
        Assert.Equal((5, 2, 1), (view.Comments, view.Groups, view.Hidden));
        groups = await GetAsync<List<GroupView>>(driver, url + "/groups");
        Assert.Equal((4, 3), (groups[0].Count, groups[0].Visible));
        Assert.Equal(5, await server.WithDatabaseAsync(db => Task.FromResult(db.Set<ConsultationComment>().Count())));

        var client = await driver.As("drafter");
        using var csv = await client.GetAsync(url + "/comments.csv");
        await csv.ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.StartsWith("\"回执编号 receipt\",\"收到时间 received\"", lines[0]);
        Assert.Equal(7, lines.Length); // header, five comments, the empty string after the last CRLF
        Assert.Equal("", lines[^1]);
        var hiddenLine = Assert.Single(lines, l => l.StartsWith($"\"{matter.Number}-C000002\"", StringComparison.Ordinal));
        Assert.Contains("\"是 yes\",\"含有侮辱性语言。\"", hiddenLine);
        Assert.Contains($"\"{matter.Number}-C000001\",\"4\"", hiddenLine);
        Assert.Contains("2026-03-02 09:00:00.000 +08:00", hiddenLine);
        // Quotes doubled, the comma and line break kept inside one quoted field, a formula neutralised.
        Assert.Contains("\"'=1+1, 建议\"\"分时段\"\"收费\n夜间免费\"", text);
        Assert.Contains("\"示范县\"\"停车\"\"协会\"", text);
        Assert.Contains($"\"{quoted.ReceiptNumber}\"", text);

        // The hidden comment needs no response; the visible ones of its group are answered by the group's response.
        await PostAsync<GroupView>(driver, url + "/responses", new { groupKey = groups[0].GroupKey, decision = "not-adopted", reason = "收费调整依据成本监审结果。" });
        var last = comments.Single(c => c.ReceiptNumber == quoted.ReceiptNumber);
        await PostAsync<GroupView>(driver, url + "/responses", new { commentId = last.Id, decision = "partly-adopted", reason = "夜间收费减半。" });
        Assert.Equal(0, (await GetAsync<ConsultationView>(driver, url)).Unanswered);
        using var after = await client.GetAsync(url + "/comments.csv");
        var exported = Encoding.UTF8.GetString(await after.Content.ReadAsByteArrayAsync());
        Assert.Contains("\"不予采纳 not-adopted\",\"收费调整依据成本监审结果。\",\"group\"", exported);
        Assert.Contains("\"部分采纳 partly-adopted\",\"夜间收费减半。\",\"comment\"", exported);
    }

    [Fact]
    public async Task The_public_endpoint_checks_sizes_and_submitter_types_and_limits_each_client_with_429()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, configure: s =>
        {
            s.Settings["Participation:PublicComments:PermitLimit"] = "4";
            s.Settings["Participation:PublicComments:WindowSeconds"] = "600";
        });
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var anonymous = server.CreateAnonymousClient();

        using (var tooLong = await CommentRawAsync(anonymous, consultation.Id, new string('意', ParticipationLimits.CommentLength + 1)))
        {
            Assert.Equal("comment-too-long", (await tooLong.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Code);
        }
        using (var nameless = await CommentRawAsync(anonymous, consultation.Id, "意见", "organization"))
        {
            Assert.Equal("submitter-name-required", (await nameless.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        }
        using (var unknownType = await CommentRawAsync(anonymous, consultation.Id, "意见", "robot"))
        {
            Assert.Equal("invalid-submitter-type", (await unknownType.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        }
        // The longest allowed comment is accepted; the limit of 4 per window is now used up.
        var longest = await CommentAsync(server, anonymous, consultation.Id, new string('意', ParticipationLimits.CommentLength));
        Assert.EndsWith("-C000001", longest.ReceiptNumber);

        using var limited = await CommentRawAsync(anonymous, consultation.Id, "第五次提交");
        var problem = await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate-limited", problem.Code);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal(1, await server.WithDatabaseAsync(db => Task.FromResult(db.Set<ConsultationComment>().Count())));

        // Reading is not limited, and a nonexistent consultation is a 404.
        await anonymous.GetAsync($"/api/public/consultations/{consultation.Id}").ExpectAsync(HttpStatusCode.OK, server);
        await anonymous.GetAsync($"/api/public/consultations/{Guid.NewGuid()}").ExpectAsync(HttpStatusCode.NotFound, server);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_guard_requires_a_method_and_the_affected_groups_consultation_and_only_the_drafting_unit_may_publish(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver, new Dictionary<string, bool> { ["affectsSpecificGroup"] = true });

        var participation = await driver.OpenTaskAsync(matter.Id, "public-participation");
        var none = await driver.CompleteRawAsync("drafter", participation.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("participation-method-required", none.Code);
        Assert.Equal("第十四条", none.Article);
        var group = await driver.OpenTaskAsync(matter.Id, "specific-group-consultation");
        var notConsulted = await driver.CompleteRawAsync("drafter", group.Id, "group-consulted").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("specific-group-not-consulted", notConsulted.Code);
        Assert.Equal("第十四条", notConsulted.Article);
        var report = await GetAsync<RuleOfLaw.Workflow.Server.Procedure.ComplianceReport>(driver, $"/api/matters/{matter.Id}/compliance");
        Assert.Equal(RuleOfLaw.Workflow.Server.Procedure.ComplianceStatus.Pending, report.Items.Single(i => i.Code == "participation:specific-group").Status);

        // Others may not publish: a legality reviewer (sees the matter, is not the drafting unit), or nobody signed in.
        var forbidden = await PublishRawAsync(driver, matter.Id, Draft(), "reviewer").ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("第十四条", forbidden.Article);
        using var anonymous = server.CreateAnonymousClient();
        using (var unauthenticated = await anonymous.PostJsonAsync($"/api/matters/{matter.Id}/consultations", Draft()))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }
        // A group consultation needs the group's name.
        var unnamed = await ProblemAsync(driver, $"/api/matters/{matter.Id}/participation/activities",
            new { method = "forum", heldOn = "2026-03-02", summary = "座谈", specificGroup = true }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("group-name-required", unnamed.Code);
        var future = await ProblemAsync(driver, $"/api/matters/{matter.Id}/participation/activities",
            new { method = "forum", heldOn = "2026-03-03", summary = "座谈" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("activity-in-future", future.Code);

        await driver.CompleteAsync(matter.Id, "public-participation", "opinions-heard");
        var instance = await driver.CompleteAsync(matter.Id, "specific-group-consultation", "group-consulted");
        Assert.Equal("opinion-consolidation", Assert.Single(instance.OpenTasks).StepId);
        var overview = await GetAsync<ParticipationOverview>(driver, $"/api/matters/{matter.Id}/participation");
        Assert.Equal([false, true], overview.Activities.Select(a => a.SpecificGroup).Order());
        var journal = await driver.JournalAsync(matter.Id);
        Assert.Equal(2, journal.Count(e => e.Type == "ParticipationActivityRecorded"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_matter_not_disclosable_by_law_has_no_consultation(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await driver.CreateMatterAsync(attributes: new Dictionary<string, bool> { ["notDisclosable"] = true });
        await driver.StartAsync(matter.Id);
        await driver.CompleteAsync(matter.Id, "initiation", "draft-prepared");

        var refused = await PublishRawAsync(driver, matter.Id, Draft()).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("participation-not-applicable", refused.Code);
        Assert.Equal("第十四条", refused.Article);
        var report = await GetAsync<RuleOfLaw.Workflow.Server.Procedure.ComplianceReport>(driver, $"/api/matters/{matter.Id}/compliance");
        Assert.Equal(RuleOfLaw.Workflow.Server.Procedure.ComplianceStatus.NotApplicable, report.Items.Single(i => i.Code == "participation:method").Status);
    }
}
