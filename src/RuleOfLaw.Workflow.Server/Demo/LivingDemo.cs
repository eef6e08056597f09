using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Demo;

/// <summary>
/// Demo matters, so that every page shows something on the first run: an open consultation with public comments, a
/// matter waiting at the legality review, one on the next meeting's agenda, and one decided, published and filed.
/// They are made through the server's own HTTP API as the demo users (sign-in, creates, step completions, public
/// comments), so they pass every rule and gate real data passes, and are dated by the server's clock (today).
/// </summary>
/// <remarks>
/// Runs once the server listens, in the background: start-up does not wait for it. Idempotent across restarts: the
/// matter decided last marks a finished demo (one query on later starts); a demo interrupted half-way resumes, its
/// matters found again by their Idempotency-Keys and the steps already done answered <c>no-open-task</c>.
/// On an in-memory test server (no address) it does nothing.
/// </remarks>
public sealed partial class LivingDemo(
    IServer server, IHostApplicationLifetime lifetime, IServiceProvider services, IOptions<DemoOptions> options, IHostEnvironment environment,
    DeadlineCalculator deadlines, TimeProvider clock, ILogger<LivingDemo> logger) : BackgroundService
{
    public const string ConsultationTitle = "示范县城区停车收费标准调整方案";
    public const string ReviewTitle = "示范县农村生活垃圾收费管理办法";
    public const string AgendaTitle = "示范县中小学课后服务实施方案";
    public const string DecidedTitle = "示范县城区公共交通票价调整决定";

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the demo matters exist (or the demo is off or not possible here); faults if making them failed.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!(options.Value.LivingMatters ?? options.Value.Seed ?? environment.IsDevelopment()) || !(options.Value.Seed ?? environment.IsDevelopment()))
            {
                _ready.TrySetResult();
                return;
            }
            await WhenStartedAsync(stoppingToken);
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null)
            {
                _ready.TrySetResult();
                return;
            }
            using var api = new DemoApi(new Uri(address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal)
                .Replace("[::]", "localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)));
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                // Also on a database whose demo matters were made before normative documents were in the demo.
                if (!await db.Set<NormativeIssuer>().AnyAsync(i => i.GovernmentId == "demo-county" && i.OrganizationId == "demo-county-drc", stoppingToken))
                {
                    await ListIssuerAsync(api, stoppingToken);
                }
                if (!await db.Set<NormativeIssuer>().AnyAsync(i => i.GovernmentId == "demo-county" && i.OrganizationId == "demo-county", stoppingToken))
                {
                    await ListGovernmentAsync(api, stoppingToken);
                }
                // Before any matter names the county: moving it under its higher government is refused once one does.
                if (!await db.Organizations.AnyAsync(o => o.Id == "demo-county" && o.ParentId == HigherGovernmentId, stoppingToken)
                    || !await db.Users.AnyAsync(u => u.UserName == GovernmentDrafter, stoppingToken))
                {
                    await FilingRecipientsAsync(api, stoppingToken);
                }
                if (await db.Matters.AnyAsync(m => m.Title == DecidedTitle, stoppingToken))
                {
                    _ready.TrySetResult();
                    return;
                }
            }
            var started = clock.GetTimestamp();
            await MakeAsync(api, stoppingToken);
            LogMade(logger, (long)clock.GetElapsedTime(started).TotalMilliseconds);
            _ready.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            // The server keeps running without the demo matters; the log says why.
            LogFailed(logger, e);
            _ready.TrySetException(e);
        }
    }

    private Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        ct.Register(() => started.TrySetCanceled(ct));
        return started.Task;
    }

    private async Task MakeAsync(DemoApi api, CancellationToken ct)
    {
        var today = deadlines.LocalDay(clock.GetUtcNow());

        // 1. An open consultation (art. 15's 30 days from today) with three public comments.
        var consultationMatter = await api.MatterAsync("drafter", "consultation", ConsultationTitle, "调整城区公共停车场收费标准，缓解停车供需矛盾。", ct);
        await api.StartAndCompleteAsync(consultationMatter, "initiation", "draft-prepared", ct);
        var consultation = await api.PostAsync<ConsultationView>("drafter", $"/api/matters/{consultationMatter}/consultations", new
        {
            title = "关于调整城区停车收费标准的公告（征求意见稿）",
            draftText = "一、城区一类区域白天首小时收费调整为5元，其后每小时2元。\n二、夜间（20:00至次日8:00）路内停车免费。",
            explanation = "起草说明：现行标准制定于2015年，城区停车资源供需矛盾突出，拟通过价格杠杆引导错峰停车。",
        }, "demo:consultation", ct);
        if (consultation is not null)
        {
            foreach (var (n, type, name, text) in new[]
            {
                (1, "individual", "王某", "建议保留夜间免费停车，方便老城区居民。"),
                (2, "anonymous", (string?)null, "首小时5元偏高，建议分区域逐步调整。"),
                (3, "organization", "城区个体工商户协会", "商业街周边应设置15分钟免费临时停车。"),
            })
            {
                await api.PublicCommentAsync(consultation.Id, type, name, text, $"demo:comment:{n}", ct);
            }
        }

        // 2. Waiting at the legality review (arts. 25-28): participation, consolidation, submission, intake, counsel.
        var reviewMatter = await api.MatterAsync("drafter", "review", ReviewTitle, "规范农村生活垃圾收费标准和减免办法。", ct);
        await ToLegalityReviewAsync(api, reviewMatter, today, ct);

        // 3. Reviewed lawful and placed on the next standing meeting's agenda (a week from today).
        var agendaMatter = await api.MatterAsync("drafter", "agenda", AgendaTitle, "明确课后服务时长、收费和教师补助。", ct);
        await ToLegalityReviewAsync(api, agendaMatter, today, ct);
        await ReviewLawfulAsync(api, agendaMatter, ct);
        var next = await api.PostAsync<MeetingView>("secretary", "/api/meetings",
            new { kind = MeetingKinds.Standing, date = today.AddDays(7), decisionOrganId = "demo-county" }, "demo:meeting:next", ct);
        await api.PostAsync<AgendaItemView>("secretary", $"/api/meetings/{next!.Id}/agenda", new { matterId = agendaMatter }, null, ct);

        // 4. Decided at today's meeting (art. 30), reported, published (art. 32) and filed (art. 33).
        var decided = await api.MatterAsync("drafter", "decided", DecidedTitle, "调整城区公交基础票价并完善老年人、学生优惠。", ct);
        await ToLegalityReviewAsync(api, decided, today, ct);
        await ReviewLawfulAsync(api, decided, ct);
        var meeting = await api.PostAsync<MeetingView>("secretary", "/api/meetings",
            new { kind = MeetingKinds.Standing, date = today, decisionOrganId = "demo-county" }, "demo:meeting:today", ct);
        var item = await api.PostAsync<AgendaItemView>("secretary", $"/api/meetings/{meeting!.Id}/agenda", new { matterId = decided }, null, ct);
        if (item is not null)
        {
            var participants = await api.GetAsync<List<Participant>>("secretary", $"/api/meetings/{meeting.Id}/participants", ct);
            await api.PutAsync("secretary", $"/api/meetings/{meeting.Id}/attendance", new { present = participants.Select(p => p.UserId) }, ct);
            foreach (var member in participants.Where(p => p.Capacity == "member"))
            {
                await api.PostAsync<AgendaItemView>("secretary", $"/api/meetings/{meeting.Id}/agenda/{item.Id}/opinions",
                    new { memberId = member.UserId, position = Positions.Agree, text = "同意。方案听取了公众和专家意见，合法性审查意见明确。" }, null, ct);
            }
            await api.PostAsync<AgendaItemView>("chief", $"/api/meetings/{meeting.Id}/agenda/{item.Id}/decision",
                new { outcome = "approved", text = "同意，由县发展和改革局组织实施。" }, null, ct);
        }
        await api.PostAsync<JsonElement>("secretary", $"/api/matters/{decided}/party-committee-report",
            new { reportedOn = today, form = "书面请示", replyNote = "同意印发。" }, "demo:party-report", ct);
        await api.CompleteStepAsync("secretary", decided, "party-committee-report", "reported", ct);
        await api.PostAsync<JsonElement>("secretary", $"/api/matters/{decided}/publication", new
        {
            channels = new[] { "gazette", "website" }, publishedOn = today,
            opinionsUse = "公众提出的老年人、学生优惠意见已采纳；专家关于分段计价的意见部分采纳，理由见起草说明。",
        }, "demo:publication", ct);
        await api.CompleteStepAsync("secretary", decided, "publication", "published", ct);
        foreach (var filing in (await api.GetAsync<List<FilingView>>("secretary", $"/api/matters/{decided}/filings", ct)).Where(f => f.Status != "filed"))
        {
            await api.PostAsync<JsonElement>("secretary", $"/api/matters/{decided}/filings", new { recipientId = filing.RecipientId, submittedOn = today },
                $"demo:filing:{filing.RecipientId}", ct);
        }
        await api.CompleteStepAsync("secretary", decided, "filing", "filed", ct);
    }

    /// <summary>
    /// The demo county's issuing-entity list (制定主体清单), through the administrators' API: the development and reform
    /// bureau (code <see cref="IssuerCode"/>, prefix 示发改规), so that <c>drafter</c> can draft a department normative
    /// document at once and file it, after its procedure, with the county's justice office, whose <c>reviewer</c> reviews
    /// the filing (a department document's one recipient). A code already taken (someone listed it first) is passed over.
    /// </summary>
    private static Task ListIssuerAsync(DemoApi api, CancellationToken ct) =>
        api.PostAsync<JsonElement>("admin", "/api/normative-issuers", new
        {
            governmentId = "demo-county", organizationId = "demo-county-drc", name = "示范县发展和改革局", code = IssuerCode,
            kind = IssuingEntityKinds.Department, documentNumberPrefix = "示发改规",
        }, null, ct);

    /// <summary>The demo bureau's code on the issuing-entity list.</summary>
    public const string IssuerCode = "XFG";

    /// <summary>
    /// The county government itself on its issuing-entity list (code <see cref="GovernmentIssuerCode"/>, prefix 示政规), so
    /// that a government normative document can be drafted in its name (by <see cref="GovernmentDrafter"/>) and, once
    /// published, filed with <see cref="FilingRecipientsAsync">its two recipients</see>.
    /// </summary>
    private static Task ListGovernmentAsync(DemoApi api, CancellationToken ct) =>
        api.PostAsync<JsonElement>("admin", "/api/normative-issuers", new
        {
            governmentId = "demo-county", organizationId = "demo-county", name = "示范县人民政府", code = GovernmentIssuerCode,
            kind = IssuingEntityKinds.Government, documentNumberPrefix = "示政规",
        }, null, ct);

    /// <summary>The county government's code on the issuing-entity list.</summary>
    public const string GovernmentIssuerCode = "XX";

    /// <summary>The drafting officer of the county government's own documents (政府规范性文件), in its general office's staff.</summary>
    public const string GovernmentDrafter = "govdrafter";

    /// <summary>The county's next higher government (示范州人民政府): a government document's first filing recipient.</summary>
    public const string HigherGovernmentId = "demo-prefecture";

    /// <summary>Its justice office, where <see cref="HigherReviewer"/> reviews the filings it receives.</summary>
    public const string HigherJusticeId = "demo-prefecture-justice";

    /// <summary>The county people's congress standing committee: a government document's second filing recipient.</summary>
    public const string StandingCommitteeId = "demo-county-npcsc";

    /// <summary>The reviewer of the filings at the higher government's justice office.</summary>
    public const string HigherReviewer = "prefreviewer";

    /// <summary>The reviewer of the filings at the standing committee (its legislative affairs commission).</summary>
    public const string CommitteeReviewer = "npcreviewer";

    /// <summary>
    /// The recipients a government normative document is filed with (shared/domain/normative-documents.md, procedure
    /// step 6): the next higher government — a government of its own, 示范州人民政府, with its justice office and a
    /// reviewer there, not the demo city (that would hand the city's administrator the county) — and the county people's
    /// congress standing committee with its reviewer, and the drafting officer of the county government's own documents,
    /// made through the administrators' API as an operator makes them (organizations, users with their role), then the
    /// county is placed under the higher government. That move is
    /// refused (409 <c>organization-in-use</c>) on a database whose matters already name the county (one made before
    /// this): the recipients are then there, and an administrator places the county once its matters allow it.
    /// Anything already made answers 409 and is passed over.
    /// </summary>
    private static async Task FilingRecipientsAsync(DemoApi api, CancellationToken ct)
    {
        await api.PostAsync<JsonElement>("admin", "/api/admin/organizations", new
        {
            id = HigherGovernmentId, name = "示范州人民政府", nameEn = "Demo Prefecture People's Government", kind = OrganizationKinds.Government,
        }, null, ct);
        await api.PostAsync<JsonElement>("admin", "/api/admin/organizations", new
        {
            id = HigherJusticeId, name = "示范州司法局", nameEn = "Prefecture Justice Bureau (filing review)", kind = OrganizationScopes.LegalityReviewOffice,
            parentId = HigherGovernmentId,
        }, null, ct);
        await api.PostAsync<JsonElement>("admin", "/api/admin/organizations", new
        {
            id = StandingCommitteeId, name = "示范县人民代表大会常务委员会", nameEn = "County People's Congress Standing Committee",
            kind = OrganizationScopes.PeopleCongressStandingCommittee, parentId = "demo-county",
        }, null, ct);
        foreach (var (userName, displayName, organization, role) in new[]
        {
            (HigherReviewer, "林审查（示范州司法局备案审查）", HigherJusticeId, Roles.LegalityReviewer),
            (CommitteeReviewer, "高主任（县人大常委会法工委备案审查）", StandingCommitteeId, Roles.LegalityReviewer),
            (GovernmentDrafter, "孙承办（县政府办公室，起草政府规范性文件）", "demo-county", Roles.DraftingOfficer),
        })
        {
            await api.PostAsync<JsonElement>("admin", "/api/admin/users", new
            {
                userName, displayName, email = $"{userName}@example.gov.cn", password = DemoData.Password, organizationId = organization, role,
            }, null, ct);
        }
        var county = DemoData.Organizations.Single(o => o.Id == "demo-county");
        await api.PutAsync("admin", "/api/admin/organizations/demo-county", new { name = county.Name, nameEn = county.NameEn, parentId = HigherGovernmentId }, ct,
            passOverConflict: true);
    }

    private async Task ToLegalityReviewAsync(DemoApi api, Guid matter, DateOnly today, CancellationToken ct)
    {
        await api.StartAndCompleteAsync(matter, "initiation", "draft-prepared", ct);
        await api.PostAsync<JsonElement>("drafter", $"/api/matters/{matter}/participation/activities",
            new { method = "forum", heldOn = today, summary = "召开座谈会听取群众代表、相关企业和基层组织意见。", participantCount = 15 }, $"demo:forum:{matter}", ct);
        await api.CompleteStepAsync("drafter", matter, "public-participation", "opinions-heard", ct);
        await api.CompleteStepAsync("drafter", matter, "opinion-consolidation", "draft-finalised", ct);
        await api.PostAsync<JsonElement>("drafthead", $"/api/matters/{matter}/legality/package", new
        {
            draftReference = "决策草案（送审稿）",
            legalBases = new[] { "《重大行政决策程序暂行条例》", "《中华人民共和国价格法》" },
            requestedOpinionDate = deadlines.AfterDays(clock.GetUtcNow(), 7, DayCounting.WorkingDays).LastDay.ToString("yyyy-MM-dd"),
        }, $"demo:package:{matter}", ct);
        await api.CompleteStepAsync("drafthead", matter, "legality-submission", "submitted", ct);
        await api.CompleteStepAsync("reviewer", matter, "legality-intake", "accepted", ct);
        await api.PostAsync<JsonElement>("counsel", $"/api/matters/{matter}/legality/counsel-opinions",
            new { kind = "legal-counsel", text = "经审阅，决策草案未发现违反上位法的内容，建议明确减免对象的认定程序。" }, $"demo:counsel:{matter}", ct);
        await api.CompleteStepAsync("counsel", matter, "legal-counsel-opinion", "opinion-given", ct);
    }

    private static async Task ReviewLawfulAsync(DemoApi api, Guid matter, CancellationToken ct)
    {
        await api.PostAsync<JsonElement>("reviewer", $"/api/matters/{matter}/legality/findings", new
        {
            authority = "属于本级人民政府法定权限。",
            procedure = "已履行公众参与、合法性审查等法定程序。",
            content = "内容符合有关法律法规规章和国家政策。",
        }, $"demo:findings:{matter}", ct);
        await api.CompleteStepAsync("reviewer", matter, "legality-review", "lawful", ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "演示事项已生成 / Demo matters made through the API in {Milliseconds} ms: an open consultation, a legality review, a meeting agenda, a published decision")]
    private static partial void LogMade(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo matters could not be made; the server runs without them")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    /// <summary>The API as the demo users call it: one cookie session per user, JSON in the API's form.</summary>
    private sealed class DemoApi(Uri address) : IDisposable
    {
        private readonly Dictionary<string, HttpClient> _clients = [];
        private readonly HttpClient _public = new() { BaseAddress = address };

        public async Task<Guid> MatterAsync(string user, string key, string title, string summary, CancellationToken ct)
        {
            var matter = await PostAsync<JsonElement>(user, "/api/matters", new { title, summary, category = "public-policy", attributes = new { } },
                "demo:matter:" + key, ct);
            return matter.GetProperty("id").GetGuid();
        }

        public async Task StartAndCompleteAsync(Guid matter, string step, string outcome, CancellationToken ct)
        {
            await PostAsync<JsonElement>("drafter", "/api/instances", new { matterId = matter }, null, ct);
            await CompleteStepAsync("drafter", matter, step, outcome, ct);
        }

        /// <summary>Completes the matter's step by its id; a step already done (a resumed demo) is not an error.</summary>
        public async Task CompleteStepAsync(string user, Guid matter, string step, string outcome, CancellationToken ct)
        {
            using var response = await (await ClientAsync(user, ct)).PostAsJsonAsync($"/api/matters/{matter}/steps/{step}/complete", new { outcome }, ApiJson.Options, ct);
            if (response.StatusCode == HttpStatusCode.Conflict && (await response.Content.ReadAsStringAsync(ct)).Contains("\"no-open-task\"", StringComparison.Ordinal))
            {
                return;
            }
            await EnsureAsync(response, ct);
        }

        /// <summary>A create; with a key, a resumed demo gets the first answer back. A 409 (a record already there) is passed over.</summary>
        public async Task<T?> PostAsync<T>(string user, string path, object body, string? key, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiJson.Options) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }
            using var response = await (await ClientAsync(user, ct)).SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.Conflict && key is null)
            {
                return default;
            }
            await EnsureAsync(response, ct);
            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct);
        }

        /// <summary>A change; with <paramref name="passOverConflict"/> a 409 (the change is not possible now) is passed over.</summary>
        public async Task PutAsync(string user, string path, object body, CancellationToken ct, bool passOverConflict = false)
        {
            using var response = await (await ClientAsync(user, ct)).PutAsJsonAsync(path, body, ApiJson.Options, ct);
            if (passOverConflict && response.StatusCode == HttpStatusCode.Conflict)
            {
                return;
            }
            await EnsureAsync(response, ct);
        }

        public async Task<T> GetAsync<T>(string user, string path, CancellationToken ct) =>
            (await (await ClientAsync(user, ct)).GetFromJsonAsync<T>(path, ApiJson.Options, ct))!;

        public async Task PublicCommentAsync(Guid consultation, string type, string? name, string text, string key, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/consultations/{consultation}/comments")
            {
                Content = JsonContent.Create(new { submitterType = type, name, text }, options: ApiJson.Options),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await _public.SendAsync(request, ct);
            await EnsureAsync(response, ct);
        }

        private async Task<HttpClient> ClientAsync(string user, CancellationToken ct)
        {
            if (_clients.TryGetValue(user, out var client))
            {
                return client;
            }
            client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = address };
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = DemoData.Password }, ApiJson.Options, ct);
            await EnsureAsync(response, ct);
            _clients[user] = client;
            return client;
        }

        private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        }

        public void Dispose()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }
            _public.Dispose();
        }
    }
}
