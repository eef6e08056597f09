using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.AfterDecision;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// After the collective decision: the Party committee report (第三十一条), publication (第三十二条), filing per recipient
/// (第四十三条) and archiving (第三十三条). Each action is journaled with its rows in one transaction; the step's task
/// is then completed as usual and its guard (<see cref="AfterDecisionGuard"/>) checks the record exists.
/// </summary>
public static class AfterDecisionEndpoints
{
    public static void MapAfterDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}").WithTags("After the decision");
        group.MapPost("/party-committee-report", PartyReport).WithSummary("Record the report to the Party committee before issuing (第三十一条)")
            .Produces<PartyReportView>(StatusCodes.Status201Created);
        group.MapGet("/party-committee-report", GetPartyReport).WithSummary("The Party committee report(s) of the matter").Produces<List<PartyReportView>>();
        group.MapPost("/publication", Publish).WithSummary("Record the publication: channels, date, use of public and expert opinions (第三十二条)")
            .Produces<PublicationView>(StatusCodes.Status201Created);
        group.MapGet("/publication", GetPublication).WithSummary("The publication record(s)").Produces<List<PublicationView>>();
        group.MapGet("/filings", Filings).WithSummary("Filing per recipient: each deadline after issuance, submitted, receipt, on time or late").Produces<List<FilingView>>();
        group.MapPost("/filings", File).WithSummary("Record the filing with one recipient (submitted date, optional receipt)").Produces<FilingView>(StatusCodes.Status201Created);
        group.MapPost("/filings/{recipientId}/receipt", Receipt).WithSummary("Record the recipient's receipt (number, date)").Produces<FilingView>();
        group.MapGet("/archive/checklist", Checklist).WithSummary("The dossier's completeness check (第三十三条)").Produces<List<ChecklistItem>>();
        group.MapPost("/archive", Archive).WithSummary("Archive the dossier: refused while required records are missing (第三十三条)")
            .Produces<ArchiveView>(StatusCodes.Status201Created);
        group.MapGet("/archive", GetArchive).WithSummary("The archiving record(s)").Produces<List<ArchiveView>>();
    }

    internal static async Task<(MatterProcedure?, Actor, IResult?)> LoadVisibleAsync(ModuleWriter records, CurrentActor current, Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var loaded = await records.LoadAsync(id, ct);
        return loaded is null || !MatterAccess.CanSee(loaded.Matter, actor)
            ? (null, actor, ApiProblem.NotFound("没有这个已启动程序的决策事项，或您无权查看。No such started matter, or you may not see it."))
            : (loaded, actor, null);
    }

    /// <summary>The open task of the step and the actor performing it, or the refusal.</summary>
    private static IResult? TaskProblem(MatterProcedure loaded, Actor actor, string stepId, string article, out WorkTask task)
    {
        task = loaded.OpenTask(stepId)!;
        if (task is null)
        {
            return ApiProblem.Conflict("step-not-open", $"该事项目前不在“{loaded.Definition.Step(stepId).Title}”环节。The matter is not at step {stepId}.", article);
        }
        return actor.Holds(task.Role, task.OrganizationId)
            ? null
            : ApiProblem.Forbidden($"只有{task.OrganizationId}的{task.Role}可以办理。Only the step's role in its organization may record this.", article);
    }

    private static IResult? DateProblem(DateOnly date, DateOnly earliest, DateOnly today, string what, string article) =>
        date > today ? ApiProblem.Invalid("date-in-future", $"{what}不能晚于今天（{today:yyyy-MM-dd}）。The date cannot be in the future.", article)
        : date < earliest ? ApiProblem.Invalid("date-too-early", $"{what}不能早于{earliest:yyyy-MM-dd}。The date is before the step began.", article)
        : null;

    internal static async Task<IResult> PartyReport(
        Guid id, PartyReportRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        const string article = "第三十一条";
        var (loaded, actor, problem) = await LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (TaskProblem(loaded!, actor, AfterDecisionSteps.PartyCommitteeReport, article, out var task) is { } refused)
        {
            return (await ReplayAsync<PartyCommitteeReport>(records, actor, clientKey, "party", "POST party-committee-report", request, ct) is { } r
                ? Results.Json(View(r), ApiJson.Options) : refused);
        }
        var calendar = records.Calendar(loaded!.State);
        if (string.IsNullOrWhiteSpace(request.Form))
        {
            return ApiProblem.Invalid("form-required", "须写明请示报告的方式。The form of the report is required.", article);
        }
        if (DateProblem(request.ReportedOn, calendar.LocalDay(task.CreatedAt), calendar.LocalDay(clock.GetUtcNow()), "请示报告日期", article) is { } bad)
        {
            return bad;
        }
        if (await records.Db.Set<PartyCommitteeReport>().AnyAsync(p => p.TaskId == task.Id, ct))
        {
            return ApiProblem.Conflict("already-recorded", "已记录向党委请示报告的情况。The report is already recorded.", article);
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, "party:" + task.Id, "POST party-committee-report", request);
        var rowId = ModuleWrites.RowId(key, "party");
        var result = await records.RecordAsync(key, loaded, "PartyCommitteeReported", AfterDecisionSteps.PartyCommitteeReport, request.ReplyNote,
            new { reportedOn = request.ReportedOn, form = request.Form, taskId = task.Id }, actor, (_, _) =>
            {
                records.Db.Add(new PartyCommitteeReport
                {
                    Id = rowId, MatterId = id, TaskId = task.Id, ReportedOn = request.ReportedOn, Form = request.Form.Trim(), ReplyNote = request.ReplyNote,
                    RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
                });
                return Task.CompletedTask;
            }, ct);
        return await RowResultAsync<PartyCommitteeReport>(records, result, rowId, View, ct);
    }

    internal static async Task<IResult> GetPartyReport(Guid id, CurrentActor current, ModuleWriter records, CancellationToken ct)
    {
        var (_, _, problem) = await LoadVisibleAsync(records, current, id, ct);
        return problem ?? Results.Json((await records.Db.Set<PartyCommitteeReport>().AsNoTracking().Where(p => p.MatterId == id).ToListAsync(ct))
            .OrderBy(p => p.RecordedAt).Select(View).ToList(), ApiJson.Options);
    }

    internal static async Task<IResult> Publish(
        Guid id, DecisionPublicationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        const string article = "第三十二条";
        var (loaded, actor, problem) = await LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (TaskProblem(loaded!, actor, AfterDecisionSteps.Publication, article, out var task) is { } refused)
        {
            return (await ReplayAsync<DecisionPublication>(records, actor, clientKey, "publication", "POST publication", request, ct) is { } r
                ? Results.Json(View(r), ApiJson.Options) : refused);
        }
        var unknown = request.Channels.Where(c => !PublicationChannels.All.ContainsKey(c)).ToList();
        if (request.Channels.Count == 0 || unknown.Count > 0)
        {
            return ApiProblem.Invalid("invalid-channels",
                $"公布途径应为：{string.Join("、", PublicationChannels.All.Keys)}（至少一项）。Channels: at least one of the listed ones.", article);
        }
        if (NeedsOpinionsUse(loaded!.State) && string.IsNullOrWhiteSpace(request.OpinionsUse))
        {
            return ApiProblem.Invalid("opinions-use-required",
                "本事项经过公众参与或专家论证，公布时应当说明公众意见、专家论证意见的采纳情况。Explain how public and expert opinions were used.", article);
        }
        var calendar = records.Calendar(loaded.State);
        if (DateProblem(request.PublishedOn, calendar.LocalDay(task.CreatedAt), calendar.LocalDay(clock.GetUtcNow()), "公布日期", article) is { } bad)
        {
            return bad;
        }
        if (await records.Db.Set<DecisionPublication>().AnyAsync(p => p.TaskId == task.Id, ct))
        {
            return ApiProblem.Conflict("already-recorded", "已记录公布情况。The publication is already recorded.", article);
        }
        DateOnly? dueOn = task.DueAt is { } due ? calendar.LocalDay(due.AddTicks(-1)) : null;
        var late = Lateness.DaysLate(dueOn, request.PublishedOn);
        var key = IdempotencyKey.For(actor.Id, clientKey, "publication:" + task.Id, "POST publication", request);
        var rowId = ModuleWrites.RowId(key, "publication");
        var result = await records.RecordAsync(key, loaded, "DecisionPublished", AfterDecisionSteps.Publication, request.OpinionsUse,
            new { channels = request.Channels, publishedOn = request.PublishedOn, dueOn, daysLate = late, taskId = task.Id }, actor, (_, _) =>
            {
                records.Db.Add(new DecisionPublication
                {
                    Id = rowId, MatterId = id, TaskId = task.Id, ChannelsJson = JsonSerializer.Serialize(request.Channels), PublishedOn = request.PublishedOn,
                    OpinionsUse = request.OpinionsUse, DueOn = dueOn, DaysLate = late, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
                });
                return Task.CompletedTask;
            }, ct);
        return await RowResultAsync<DecisionPublication>(records, result, rowId, View, ct);
    }

    /// <summary>第三十二条: explain the use of opinions when the matter went through public participation or expert argumentation.</summary>
    internal static bool NeedsOpinionsUse(InstanceState state) =>
        state.Steps.GetValueOrDefault("public-participation")?.Status == StepStatus.Completed
        || state.Steps.GetValueOrDefault("expert-argumentation")?.Status == StepStatus.Completed;

    internal static async Task<IResult> GetPublication(Guid id, CurrentActor current, ModuleWriter records, CancellationToken ct)
    {
        var (_, _, problem) = await LoadVisibleAsync(records, current, id, ct);
        return problem ?? Results.Json((await records.Db.Set<DecisionPublication>().AsNoTracking().Where(p => p.MatterId == id).ToListAsync(ct))
            .OrderBy(p => p.RecordedAt).Select(View).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> Filings(Guid id, CurrentActor current, ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        var (loaded, _, problem) = await LoadVisibleAsync(records, current, id, ct);
        return problem ?? Results.Json(await FilingPlan.ViewAsync(records, loaded!, clock.GetUtcNow(), ct), ApiJson.Options);
    }

    /// <summary>Also the filing step page's form (<c>Pages/AfterDecision/Filing</c>).</summary>
    internal static async Task<IResult> File(
        Guid id, FilingRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        const string article = "第四十三条";
        var (loaded, actor, problem) = await LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (TaskProblem(loaded!, actor, AfterDecisionSteps.Filing, article, out var task) is { } refused)
        {
            return refused;
        }
        var recipient = FilingPlan.Recipients(loaded!.State).FirstOrDefault(r => r.Id == request.RecipientId);
        if (recipient is null)
        {
            return ApiProblem.Invalid("unknown-recipient",
                $"本辖区的备案机关为：{string.Join("、", FilingPlan.Recipients(loaded.State).Select(r => $"{r.Id}（{r.Name}）"))}。Unknown filing recipient.", article);
        }
        var calendar = records.Calendar(loaded.State);
        var issued = FilingPlan.IssuedOn(task, calendar);
        if (DateProblem(request.SubmittedOn, issued, calendar.LocalDay(clock.GetUtcNow()), "报送日期", article) is { } bad)
        {
            return bad;
        }
        if (request.ReceivedOn is { } received && received < request.SubmittedOn)
        {
            return ApiProblem.Invalid("date-too-early", "接收日期不能早于报送日期。The receipt cannot precede the submission.", article);
        }
        var (due, dueProblem) = FilingPlan.Due(calendar, issued, recipient);
        if (due is null || !FilingPlan.CanJudge(due, request.SubmittedOn))
        {
            return ApiProblem.Conflict("calendar-missing", dueProblem!, recipient.Deadline.Article);
        }
        var existing = await records.Db.Set<FilingRecord>().AsNoTracking().SingleOrDefaultAsync(f => f.TaskId == task.Id && f.RecipientId == recipient.Id, ct);
        var key = IdempotencyKey.For(actor.Id, clientKey, $"filing:{task.Id}:{recipient.Id}", "POST filings", request);
        var rowId = ModuleWrites.RowId(key, "filing");
        if (existing is not null)
        {
            return existing.Id == rowId && (await CommandReplay.FindAsync(records.Db, key, ct))?.Refusals.Count == 0
                ? Results.Json(await FilingViewAsync(records, id, recipient.Id, clock, ct), ApiJson.Options)
                : ApiProblem.Conflict("already-filed", $"已记录向{recipient.Name}备案。Already filed with this recipient.", article);
        }
        var late = Lateness.DaysLate(due.LastDay, request.SubmittedOn);
        var result = await records.RecordAsync(key, loaded, "FilingSubmitted", AfterDecisionSteps.Filing, null,
            new
            {
                recipientId = recipient.Id, recipient = recipient.Name, issuedOn = issued, dueOn = due.LastDay, dueRule = due.Explanation,
                submittedOn = request.SubmittedOn, receiptNumber = request.ReceiptNumber, receivedOn = request.ReceivedOn, daysLate = late,
            }, actor, (_, _) =>
            {
                records.Db.Add(new FilingRecord
                {
                    Id = rowId, MatterId = id, TaskId = task.Id, RecipientId = recipient.Id, RecipientName = recipient.Name, IssuedOn = issued,
                    DueOn = due.LastDay, DueRule = due.Explanation, SubmittedOn = request.SubmittedOn, ReceiptNumber = request.ReceiptNumber,
                    ReceivedOn = request.ReceivedOn, DaysLate = late, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
                });
                return Task.CompletedTask;
            }, ct);
        return result.Refusals.Count > 0
            ? ApiProblem.Refused(result.Refusals)
            : Results.Json(await FilingViewAsync(records, id, recipient.Id, clock, ct), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    internal static async Task<IResult> Receipt(
        Guid id, string recipientId, ReceiptRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        const string article = "第四十三条";
        var (loaded, actor, problem) = await LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        var task = loaded!.LatestTask(AfterDecisionSteps.Filing);
        var row = task is null ? null : await records.Db.Set<FilingRecord>().AsNoTracking().SingleOrDefaultAsync(f => f.TaskId == task.Id && f.RecipientId == recipientId, ct);
        if (row is null)
        {
            return ApiProblem.Conflict("not-filed", "尚未记录向该机关报送备案。Nothing filed with this recipient yet.", article);
        }
        if (!actor.Holds(task!.Role, task.OrganizationId))
        {
            return ApiProblem.Forbidden("只有办理备案的人员可以记录回执。Only the filing officer records the receipt.", article);
        }
        if (row.ReceiptNumber is not null && row.ReceivedOn is not null)
        {
            return row.ReceiptNumber == request.ReceiptNumber && row.ReceivedOn == request.ReceivedOn
                ? Results.Json(await FilingViewAsync(records, id, recipientId, clock, ct), ApiJson.Options)
                : ApiProblem.Conflict("receipt-recorded", "回执已记录，不能更改。The receipt is already recorded.", article);
        }
        if (request.ReceivedOn < row.SubmittedOn || request.ReceivedOn > records.Calendar(loaded.State).LocalDay(clock.GetUtcNow()))
        {
            return ApiProblem.Invalid("invalid-date", "接收日期应在报送日期与今天之间。The receipt date must lie between submission and today.", article);
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"receipt:{row.Id}", "POST receipt", request);
        var result = await records.RecordAsync(key, loaded, "FilingReceiptRecorded", AfterDecisionSteps.Filing, null,
            new { recipientId, receiptNumber = request.ReceiptNumber, receivedOn = request.ReceivedOn }, actor, async (_, c) =>
            {
                var tracked = await records.Db.Set<FilingRecord>().SingleAsync(f => f.Id == row.Id, c);
                tracked.ReceiptNumber = request.ReceiptNumber;
                tracked.ReceivedOn = request.ReceivedOn;
            }, ct);
        return result.Refusals.Count > 0
            ? ApiProblem.Refused(result.Refusals)
            : Results.Json(await FilingViewAsync(records, id, recipientId, clock, ct), ApiJson.Options);
    }

    private static async Task<FilingView> FilingViewAsync(ModuleWriter records, Guid id, string recipientId, TimeProvider clock, CancellationToken ct) =>
        (await FilingPlan.ViewAsync(records, (await records.LoadAsync(id, ct))!, clock.GetUtcNow(), ct)).Single(f => f.RecipientId == recipientId);

    private static async Task<IResult> Checklist(Guid id, CurrentActor current, ModuleWriter records, ComplianceReportService compliance, TimeProvider clock, CancellationToken ct)
    {
        var (loaded, _, problem) = await LoadVisibleAsync(records, current, id, ct);
        return problem ?? Results.Json(await ArchiveChecklist.BuildAsync(records, compliance, loaded!, clock.GetUtcNow(), ct), ApiJson.Options);
    }

    /// <summary>Also the archiving step page's form (<c>Pages/AfterDecision/Archiving</c>).</summary>
    internal static async Task<IResult> Archive(
        Guid id, ArchiveRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, ComplianceReportService compliance, TimeProvider clock, CancellationToken ct)
    {
        const string article = "第三十三条";
        var (loaded, actor, problem) = await LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (TaskProblem(loaded!, actor, AfterDecisionSteps.Archiving, article, out var task) is { } refused)
        {
            return (await ReplayAsync<ArchiveRecord>(records, actor, clientKey, "archive", "POST archive", request, ct) is { } r
                ? Results.Json(View(r), ApiJson.Options) : refused);
        }
        var calendar = records.Calendar(loaded!.State);
        if (DateProblem(request.ArchivedOn, calendar.LocalDay(task.CreatedAt), calendar.LocalDay(clock.GetUtcNow()), "归档日期", article) is { } bad)
        {
            return bad;
        }
        var checklist = await ArchiveChecklist.BuildAsync(records, compliance, loaded, clock.GetUtcNow(), ct);
        var missing = checklist.Where(c => !c.Present).ToList();
        if (missing.Count > 0)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "archive-incomplete", "案卷不完整，不得归档 / The dossier is incomplete",
                "缺少：" + string.Join("；", missing.Select(m => $"{m.Title}（{m.Article}）")) + "。Missing records are listed in 'missing'.", article,
                new Dictionary<string, object?> { ["missing"] = missing });
        }
        if (await records.Db.Set<ArchiveRecord>().AnyAsync(a => a.TaskId == task.Id, ct))
        {
            return ApiProblem.Conflict("already-recorded", "已记录归档。Already archived.", article);
        }
        DateOnly? dueOn = task.DueAt is { } due ? calendar.LocalDay(due.AddTicks(-1)) : null;
        var late = Lateness.DaysLate(dueOn, request.ArchivedOn);
        var key = IdempotencyKey.For(actor.Id, clientKey, "archive:" + task.Id, "POST archive", request);
        var rowId = ModuleWrites.RowId(key, "archive");
        var result = await records.RecordAsync(key, loaded, "DossierArchived", AfterDecisionSteps.Archiving, null,
            new { archivedOn = request.ArchivedOn, dossierNumber = request.DossierNumber, dueOn, daysLate = late, checklist = checklist.Select(c => c.Code) },
            actor, (_, _) =>
            {
                records.Db.Add(new ArchiveRecord
                {
                    Id = rowId, MatterId = id, TaskId = task.Id, ArchivedOn = request.ArchivedOn, DossierNumber = request.DossierNumber,
                    ChecklistJson = JsonSerializer.Serialize(checklist, ApiJson.Options), DueOn = dueOn, DaysLate = late, RecordedBy = actor.Id,
                    RecordedAt = clock.GetUtcNow(),
                });
                return Task.CompletedTask;
            }, ct);
        return await RowResultAsync<ArchiveRecord>(records, result, rowId, View, ct);
    }

    private static async Task<IResult> GetArchive(Guid id, CurrentActor current, ModuleWriter records, CancellationToken ct)
    {
        var (_, _, problem) = await LoadVisibleAsync(records, current, id, ct);
        return problem ?? Results.Json((await records.Db.Set<ArchiveRecord>().AsNoTracking().Where(p => p.MatterId == id).ToListAsync(ct))
            .OrderBy(p => p.RecordedAt).Select(View).ToList(), ApiJson.Options);
    }

    /// <summary>A retry (same client key) after the step moved on: the row the first request wrote.</summary>
    private static async Task<T?> ReplayAsync<T>(ModuleWriter records, Actor actor, string? clientKey, string kind, string operation, object request, CancellationToken ct)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(clientKey))
        {
            return null;
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, "", operation, request);
        return await CommandReplay.FindAsync(records.Db, key, ct) is { Refusals.Count: 0 }
            ? await records.Db.Set<T>().FindAsync([ModuleWrites.RowId(key, kind)], ct)
            : null;
    }

    internal static async Task<IResult> RowResultAsync<T>(ModuleWriter records, CommandResult result, Guid rowId, Func<T, object> view, CancellationToken ct)
        where T : class
    {
        if (result.Refusals.Count > 0)
        {
            return ApiProblem.Refused(result.Refusals);
        }
        var row = await records.Db.Set<T>().FindAsync([rowId], ct);
        return Results.Json(view(row!), ApiJson.Options, statusCode: result.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static PartyReportView View(PartyCommitteeReport r) => new(r.Id, r.TaskId, r.ReportedOn, r.Form, r.ReplyNote, r.RecordedBy, r.RecordedAt);

    private static PublicationView View(DecisionPublication p) => new(p.Id, p.TaskId, JsonSerializer.Deserialize<List<string>>(p.ChannelsJson) ?? [],
        p.PublishedOn, p.OpinionsUse, p.DueOn, p.DaysLate == 0, p.DaysLate, p.RecordedAt);

    private static ArchiveView View(ArchiveRecord a) => new(a.Id, a.TaskId, a.ArchivedOn, a.DossierNumber,
        JsonSerializer.Deserialize<List<ChecklistItem>>(a.ChecklistJson, ApiJson.Options) ?? [], a.DueOn, a.DaysLate == 0, a.DaysLate);
}
