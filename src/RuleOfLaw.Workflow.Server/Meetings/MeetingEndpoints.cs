using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>Meetings of the decision organ, the agenda and the record of the collective decision (第二十九条至第三十条).</summary>
public static class MeetingEndpoints
{
    private static MeetingTexts T => MeetingTexts.Catalog;

    /// <summary>The meetings module's services (the module write path is shared: registered here once for every module).</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddScoped<ModuleWriter>();
        services.AddStepPage(MeetingSteps.Scheduling, "/Meetings/Task");
        services.AddStepPage(MeetingSteps.CollectiveDecision, "/Meetings/Task");
        return services;
    }

    public static void MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").WithTags("Meetings");
        group.MapPost("/", Create).WithSummary("Create a standing or plenary meeting of the decision organ (meeting secretary of its general office)")
            .Produces<MeetingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithSummary("Meetings of the organs I belong to").Produces<List<MeetingView>>();
        group.MapGet("/pool", Pool).WithSummary("The agenda pool: matters awaiting a meeting (open meeting-scheduling tasks of my office)").Produces<List<PoolItem>>();
        group.MapGet("/{id:guid}", Get).WithSummary("A meeting with its agenda, materials and minutes (statements in the order spoken)").Produces<MeetingView>();
        group.MapGet("/{id:guid}/participants", Participants).WithSummary("The organ's members and head who may sit in this meeting").Produces<List<Participant>>();
        group.MapPut("/{id:guid}/attendance", Attendance).WithSummary("Record who is present (meeting secretary), before any opinion is recorded").Produces<MeetingView>();
        group.MapPost("/{id:guid}/agenda", Place)
            .WithSummary("Put a matter on the agenda: refused with every unmet gate and its article; completes meeting-scheduling")
            .Produces<AgendaItemView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/agenda/{itemId:guid}/opinions", Opinion)
            .WithSummary("Record a member's opinion verbatim (the member, or the meeting secretary for them)")
            .Produces<AgendaItemView>(StatusCodes.Status201Created);
        group.MapPost("/{id:guid}/agenda/{itemId:guid}/decision", Decide)
            .WithSummary("The head's decision, last: every present member first; a reason when against the majority; completes collective-decision")
            .Produces<AgendaItemView>(StatusCodes.Status201Created);
    }

    internal static async Task<IResult> Create(
        CreateMeetingRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current, WorkflowDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        // With an Idempotency-Key (the page sends its form's), a double click or a retry answers the first meeting.
        var key = string.IsNullOrWhiteSpace(clientKey) ? null : IdempotencyKey.For(actor.Id, clientKey, "", "POST /api/meetings", request);
        if (key is not null && await CommandReplay.FindAsync(db, key, ct) is { } seen)
        {
            return seen.ToHttp(ApiProblem.Refused);
        }
        if (CollectiveDecision.Kind(request.Kind) is { } badKind)
        {
            return ApiProblem.Refused(badKind);
        }
        var offices = await SecretaryOfficesAsync(db, actor, ct);
        var organ = request.DecisionOrganId ?? offices.Select(o => o.Organ).FirstOrDefault();
        if (organ is null || offices.All(o => o.Organ != organ))
        {
            return ApiProblem.Refused(T.Forbidden("forbidden.create-meeting"));
        }
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), DecisionOrganId = organ, Kind = request.Kind, Date = request.Date,
            Title = string.IsNullOrWhiteSpace(request.Title) ? $"{request.Date:yyyy-MM-dd} {MeetingKinds.Name(request.Kind)}" : request.Title.Trim(),
            CreatedBy = actor.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(meeting);
        if (key is null)
        {
            await db.SaveChangesAsync(ct);
            return Results.Json(await ViewAsync(db, meeting, ct), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
        var view = await ViewAsync(db, meeting, ct);
        var response = ApiJson.Serialize(view);
        db.ProcessedCommands.Add(new ProcessedCommand
        {
            Key = key.Key, RequestHash = key.RequestHash, StatusCode = StatusCodes.Status201Created, ResponseJson = response, CreatedAt = meeting.CreatedAt,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent twin stored the key first (its meeting is the one): answer what it answered.
            db.ChangeTracker.Clear();
            if (await CommandReplay.FindAsync(db, key, ct) is { } twin)
            {
                return twin.ToHttp(ApiProblem.Refused);
            }
            throw;
        }
        return new CommandResult(StatusCodes.Status201Created, response, Replayed: false, []).ToHttp(ApiProblem.Refused);
    }

    internal static async Task<IResult> List(CurrentActor current, WorkflowDbContext db, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var organs = await OrgansOfAsync(db, actor, ct);
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => organs.Contains(m.DecisionOrganId)).ToListAsync(ct);
        var views = new List<MeetingView>();
        foreach (var meeting in meetings.OrderByDescending(m => m.Date))
        {
            views.Add(await ViewAsync(db, meeting, ct));
        }
        return Results.Json(views, ApiJson.Options);
    }

    internal static async Task<IResult> Pool(CurrentActor current, WorkflowDbContext db, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var offices = actor.Memberships.Where(m => m.Role == Roles.MeetingSecretary).Select(m => m.OrganizationId).ToList();
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.StepId == MeetingSteps.Scheduling && t.Status == nameof(WorkTaskStatus.Open) && offices.Contains(t.OrganizationId))
            .Join(db.Matters, t => t.MatterId, m => m.Id, (t, m) => new { t.Id, t.Iteration, t.CreatedAt, m })
            .ToListAsync(ct);
        return Results.Json(rows.OrderBy(r => r.CreatedAt).Select(r => new PoolItem(r.m.Id, r.m.Number, r.m.Title, r.Id, r.Iteration, r.CreatedAt)).ToList(), ApiJson.Options);
    }

    internal static async Task<IResult> Get(Guid id, CurrentActor current, WorkflowDbContext db, CancellationToken ct)
    {
        var (meeting, problem) = await FindAsync(db, current, id, ct);
        return problem ?? Results.Json(await ViewAsync(db, meeting!, ct), ApiJson.Options);
    }

    internal static async Task<IResult> Participants(Guid id, CurrentActor current, WorkflowDbContext db, CancellationToken ct)
    {
        var (meeting, problem) = await FindAsync(db, current, id, ct);
        return problem ?? Results.Json(await ParticipantsAsync(db, meeting!.DecisionOrganId, ct), ApiJson.Options);
    }

    internal static async Task<IResult> Attendance(Guid id, AttendanceRequest request, CurrentActor current, WorkflowDbContext db, CancellationToken ct)
    {
        var (meeting, problem) = await FindAsync(db, current, id, ct, track: true);
        if (problem is not null)
        {
            return problem;
        }
        var actor = await current.GetAsync(ct);
        if ((await SecretaryOfficesAsync(db, actor, ct)).All(o => o.Organ != meeting!.DecisionOrganId))
        {
            return ApiProblem.Refused(T.Forbidden("forbidden.attendance"));
        }
        var participants = await ParticipantsAsync(db, meeting!.DecisionOrganId, ct);
        var itemIds = await db.Set<AgendaItem>().Where(a => a.MeetingId == id).Select(a => a.Id).ToListAsync(ct);
        var spoken = await db.Set<MeetingStatement>().AnyAsync(s => itemIds.Contains(s.AgendaItemId), ct);
        if (CollectiveDecision.Attendance(request.Present, participants, spoken) is { } refused)
        {
            return ApiProblem.Refused(refused);
        }
        meeting.AttendanceJson = JsonSerializer.Serialize(request.Present.Distinct().ToList());
        await db.SaveChangesAsync(ct);
        return Results.Json(await ViewAsync(db, meeting, ct), ApiJson.Options);
    }

    internal static async Task<IResult> Place(
        Guid id, PlaceOnAgendaRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, ComplianceReportService compliance, TimeProvider clock, CancellationToken ct)
    {
        var db = records.Db;
        var (meeting, problem) = await FindAsync(db, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        var actor = await current.GetAsync(ct);
        var loaded = await records.LoadAsync(request.MatterId, ct);
        if (loaded is null || !MatterAccess.CanSee(loaded.Matter, actor))
        {
            return ApiProblem.Refused(T.NotFound("not-found.matter"));
        }
        if (loaded.Matter.DecisionOrganId != meeting!.DecisionOrganId)
        {
            return ApiProblem.Refused(T.Invalid("meeting-organ-mismatch", CollectiveDecision.Article));
        }
        var task = loaded.OpenTask(MeetingSteps.Scheduling);
        if (task is null && (await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == id && a.MatterId == request.MatterId).ToListAsync(ct))
                .OrderByDescending(a => a.CreatedAt).FirstOrDefault() is { } placed
            && placed.SchedulingTaskId == loaded.LatestTask(MeetingSteps.Scheduling)?.Id)
        {
            // A retry of a placement that succeeded: the same item, nothing done again.
            return Results.Json(await ItemViewAsync(db, placed, ct), ApiJson.Options);
        }
        if (task is not null && !actor.Holds(Roles.MeetingSecretary, task.OrganizationId))
        {
            return ApiProblem.Refused(T.Forbidden("forbidden.schedule", "第二十九条"));
        }
        var unmet = await AgendaGatesAsync(records, compliance, clock, meeting, loaded, ct);
        if (unmet.Count > 0)
        {
            var gates = T.Conflict("agenda-gates-unmet", "第二十五条、第二十九条", ("gates", unmet.Select(u => $"{u.Title}（{u.Article}）").ToList()));
            return ApiProblem.Refused([gates], new Dictionary<string, object?> { ["unmet"] = unmet });
        }

        var materials = await MeetingMaterials.AssembleAsync(records, loaded, ct);
        var key = IdempotencyKey.For(actor.Id, clientKey, $"agenda:{task!.Id}", $"POST /api/meetings/{id}/agenda", request);
        var itemId = ModuleWrites.RowId(key, "agenda");
        var result = await records.CompleteAsync(key, loaded, task, "scheduled",
            $"列入{meeting.Date:yyyy-MM-dd}{MeetingKinds.Name(meeting.Kind)}议题：{meeting.Title}",
            new { meetingId = meeting.Id, meetingDate = meeting.Date, meetingKind = meeting.Kind, agendaItemId = itemId, materials = materials.Select(m => new { m.Code, m.Status, m.JournalSequence }) },
            actor, async (_, c) =>
            {
                var position = await db.Set<AgendaItem>().CountAsync(a => a.MeetingId == id, c) + 1;
                db.Add(new AgendaItem
                {
                    Id = itemId, MeetingId = id, MatterId = loaded.Matter.Id, SchedulingTaskId = task.Id, Position = position,
                    Status = "scheduled", MaterialsJson = JsonSerializer.Serialize(materials, ApiJson.Options), CreatedBy = actor.Id,
                    CreatedAt = clock.GetUtcNow(),
                });
            }, ct, by: MeetingCommands.Agenda);
        if (result.Refusals.Count > 0)
        {
            return ApiProblem.Refused(result.Refusals);
        }
        var item = await db.Set<AgendaItem>().AsNoTracking().SingleAsync(a => a.Id == itemId, ct);
        return Results.Json(await ItemViewAsync(db, item, ct), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Every unmet gate for putting <paramref name="loaded"/> on <paramref name="meeting"/>'s agenda (第二十五条、第二十九条):
    /// awaiting scheduling, every compliance item required before the collective decision, the meeting date not passed.
    /// Empty: the matter may be placed. The agenda endpoint refuses with this list; the meeting page shows it.
    /// </summary>
    internal static async Task<List<UnmetGate>> AgendaGatesAsync(
        ModuleWriter records, ComplianceReportService compliance, TimeProvider clock, Meeting meeting, MatterProcedure loaded, CancellationToken ct)
    {
        var unmet = new List<UnmetGate>();
        if (loaded.OpenTask(MeetingSteps.Scheduling) is null)
        {
            var culture = ReaderLanguage.Culture;
            var open = loaded.State.OpenTasks().Select(t => t.StepId).ToList();
            unmet.Add(new UnmetGate("step:meeting-scheduling", T.Text("gate.scheduling.title", culture), "第二十五条、第二十九条",
                T.Text("gate.scheduling.detail", culture, new Dictionary<string, object?>
                {
                    ["open"] = open.Count == 0 ? T.Text("gate.none", culture) : (object)open, ["status"] = loaded.State.Status.ToString(),
                }),
                ComplianceStatus.Pending));
        }
        unmet.AddRange((await compliance.UnmetBeforeAsync(loaded.Matter, MeetingSteps.CollectiveDecision, ct))
            .Select(i => new UnmetGate(i.Code, i.Title, i.Article, i.Detail, i.Status)));
        var calendar = records.Calendar(loaded.State);
        if (meeting.Date < calendar.LocalDay(clock.GetUtcNow()))
        {
            var culture = ReaderLanguage.Culture;
            unmet.Add(new UnmetGate("meeting-date-passed", T.Text("gate.date-passed.title", culture), CollectiveDecision.Article,
                T.Text("gate.date-passed.detail", culture, new Dictionary<string, object?> { ["date"] = meeting.Date }), ComplianceStatus.Unmet));
        }
        return unmet;
    }

    internal static async Task<IResult> Opinion(
        Guid id, Guid itemId, OpinionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        var db = records.Db;
        var (meeting, item, loaded, problem) = await ItemAsync(records, current, id, itemId, ct);
        if (problem is not null)
        {
            return problem;
        }
        var actor = await current.GetAsync(ct);
        var memberId = request.MemberId ?? actor.Id;
        var isSecretary = actor.Holds(Roles.MeetingSecretary, loaded!.Assigned(OrganizationScopes.GeneralOffice));
        if (memberId != actor.Id && !isSecretary)
        {
            return ApiProblem.Refused(T.Forbidden("forbidden.opinion", CollectiveDecision.Article));
        }
        var member = (await ParticipantsAsync(db, meeting!.DecisionOrganId, ct)).FirstOrDefault(p => p.UserId == memberId);
        var recorded = await db.Set<MeetingStatement>().AnyAsync(s => s.AgendaItemId == itemId && s.UserId == memberId, ct);
        if (CollectiveDecision.Opinion(request.Position, request.Text, member, SittingOf(meeting), Today(records, loaded, clock), recorded) is { } refused)
        {
            return ApiProblem.Refused(refused);
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"opinion:{itemId}:{memberId}", $"POST /api/meetings/{id}/agenda/{itemId}/opinions", request);
        var rowId = ModuleWrites.RowId(key, "statement");
        var dissent = request.Position == Positions.Disagree;
        var result = await records.RecordAsync(key, loaded, "MeetingOpinionRecorded", MeetingSteps.CollectiveDecision, request.Text,
            new { meetingId = id, agendaItemId = itemId, memberId, memberName = member!.Name, position = request.Position, dissent, recordedBy = actor.Id },
            actor, async (_, c) =>
            {
                var sequence = await db.Set<MeetingStatement>().CountAsync(s => s.AgendaItemId == itemId, c) + 1;
                db.Add(new MeetingStatement
                {
                    Id = rowId, AgendaItemId = itemId, Sequence = sequence, UserId = memberId, UserName = member.Name, Capacity = "member",
                    Position = request.Position, Text = request.Text, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
                });
            }, ct);
        if (result.Refusals.Count > 0)
        {
            return ApiProblem.Refused(result.Refusals);
        }
        return Results.Json(await ItemViewAsync(db, item!, ct), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    internal static async Task<IResult> Decide(
        Guid id, Guid itemId, HeadDecisionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        var db = records.Db;
        var actor = await current.GetAsync(ct);
        var (meeting, item, loaded, problem) = await ItemAsync(records, current, id, itemId, ct);
        if (problem is not null)
        {
            return problem;
        }
        var task = loaded!.OpenTask(MeetingSteps.CollectiveDecision)!;
        if (!actor.Holds(Roles.ChiefExecutive, task.OrganizationId))
        {
            return ApiProblem.Refused(T.Forbidden("forbidden.decide", CollectiveDecision.Article));
        }
        var participants = await ParticipantsAsync(db, meeting!.DecisionOrganId, ct);
        var statements = await db.Set<MeetingStatement>().AsNoTracking().Where(s => s.AgendaItemId == itemId).ToListAsync(ct);
        var opinions = statements.Select(s => new OpinionOnRecord(s.UserId, s.Position)).ToList();
        var sitting = SittingOf(meeting);
        var ruling = CollectiveDecision.Decide(actor.Id, request.Outcome, request.Text, request.Reason, sitting, Today(records, loaded, clock), participants, opinions);
        if (ruling.Refusal is { } refusal)
        {
            return ApiProblem.Refused([refusal], refusal.Code == "head-speaks-last"
                ? new Dictionary<string, object?> { ["notYetHeard"] = CollectiveDecision.NotYetHeard(participants, sitting, opinions) }
                : null);
        }
        var present = sitting.Present!;
        var (inFavour, against, majority, againstMajority) = ruling.Value!;
        var comment = againstMajority ? $"{request.Text}（与多数人意见不一致的理由：{request.Reason}）" : request.Text;
        var key = IdempotencyKey.For(actor.Id, clientKey, $"decision:{itemId}", $"POST /api/meetings/{id}/agenda/{itemId}/decision", request);
        var rowId = ModuleWrites.RowId(key, "statement");
        var result = await records.CompleteAsync(key, loaded, task, request.Outcome, comment,
            new
            {
                meetingId = id, agendaItemId = itemId, meetingKind = meeting.Kind, meetingDate = meeting.Date, present,
                membersInFavour = inFavour, membersAgainst = against, majority, againstMajority, reason = request.Reason,
                dissent = statements.Where(s => s.Position == Positions.Disagree).Select(s => new { s.UserId, s.UserName, s.Text }),
            },
            actor, async (_, c) =>
            {
                db.Add(new MeetingStatement
                {
                    Id = rowId, AgendaItemId = itemId, Sequence = statements.Count + 1, UserId = actor.Id, UserName = actor.DisplayName, Capacity = "head",
                    Position = request.Outcome, Text = request.Text, Reason = request.Reason, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
                });
                var tracked = await db.Set<AgendaItem>().SingleAsync(a => a.Id == itemId, c);
                tracked.Status = request.Outcome == HeadOutcomes.Deferred ? "deferred" : "decided";
                tracked.Outcome = request.Outcome;
                tracked.DecidedAt = clock.GetUtcNow();
            }, ct, by: MeetingCommands.Record);
        if (result.Refusals.Count > 0)
        {
            return ApiProblem.Refused(result.Refusals);
        }
        var saved = await db.Set<AgendaItem>().AsNoTracking().SingleAsync(a => a.Id == itemId, ct);
        return Results.Json(await ItemViewAsync(db, saved, ct), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The meeting, the item on it, its matter; the item must still await the decision.</summary>
    private static async Task<(Meeting?, AgendaItem?, MatterProcedure?, IResult?)> ItemAsync(
        ModuleWriter records, CurrentActor current, Guid id, Guid itemId, CancellationToken ct)
    {
        var (meeting, problem) = await FindAsync(records.Db, current, id, ct);
        if (problem is not null)
        {
            return (null, null, null, problem);
        }
        var item = await records.Db.Set<AgendaItem>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == itemId && a.MeetingId == id, ct);
        var loaded = item is null ? null : await records.LoadAsync(item.MatterId, ct);
        if (item is null || loaded is null)
        {
            return (null, null, null, ApiProblem.Refused(T.NotFound("not-found.item")));
        }
        if (item.Status != "scheduled" || loaded.OpenTask(MeetingSteps.CollectiveDecision) is null)
        {
            return (null, null, null, ApiProblem.Refused(T.Conflict("agenda-item-closed", CollectiveDecision.Article, ("outcome", item.Outcome))));
        }
        return (meeting, item, loaded, null);
    }

    /// <summary>The meeting as the art. 30 rules see it.</summary>
    internal static Sitting SittingOf(Meeting meeting) => new(meeting.Date, meeting.AttendanceJson is null ? null : Present(meeting));

    /// <summary>Today in the matter's jurisdiction (the meeting date is a local day).</summary>
    private static DateOnly Today(ModuleWriter records, MatterProcedure loaded, TimeProvider clock) =>
        records.Calendar(loaded.State).LocalDay(clock.GetUtcNow());

    internal static IReadOnlyList<string> Present(Meeting meeting) =>
        meeting.AttendanceJson is null ? [] : JsonSerializer.Deserialize<List<string>>(meeting.AttendanceJson) ?? [];

    private static async Task<(Meeting?, IResult?)> FindAsync(WorkflowDbContext db, CurrentActor current, Guid id, CancellationToken ct, bool track = false)
    {
        var query = track ? db.Set<Meeting>() : db.Set<Meeting>().AsNoTracking();
        var meeting = await query.SingleOrDefaultAsync(m => m.Id == id, ct);
        var actor = await current.GetAsync(ct);
        if (meeting is null || !(await OrgansOfAsync(db, actor, ct)).Contains(meeting.DecisionOrganId))
        {
            return (null, ApiProblem.Refused(T.NotFound("not-found.meeting")));
        }
        return (meeting, null);
    }

    /// <summary>The decision organs the actor belongs to: memberships in the government itself or in an office under it.</summary>
    private static async Task<HashSet<string>> OrgansOfAsync(WorkflowDbContext db, Actor actor, CancellationToken ct)
    {
        var ids = actor.Memberships.Select(m => m.OrganizationId).Distinct().ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        return organizations.Select(o => o.Kind == OrganizationKinds.Government ? o.Id : o.ParentId).OfType<string>().ToHashSet();
    }

    /// <summary>The general offices where the actor is a meeting secretary, with the government each belongs to.</summary>
    internal static async Task<List<(string Office, string Organ)>> SecretaryOfficesAsync(WorkflowDbContext db, Actor actor, CancellationToken ct)
    {
        var ids = actor.Memberships.Where(m => m.Role == Roles.MeetingSecretary).Select(m => m.OrganizationId).ToList();
        var offices = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id) && o.ParentId != null).ToListAsync(ct);
        return offices.Select(o => (o.Id, o.ParentId!)).ToList();
    }

    internal static async Task<List<Participant>> ParticipantsAsync(WorkflowDbContext db, string organ, CancellationToken ct)
    {
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organ && (m.Role == Roles.MeetingMember || m.Role == Roles.ChiefExecutive))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, m.Role })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Role == Roles.ChiefExecutive ? 1 : 0).ThenBy(r => r.DisplayName)
            .Select(r => new Participant(r.Id, r.DisplayName, r.Role == Roles.ChiefExecutive ? "head" : "member")).ToList();
    }

    private static async Task<MeetingView> ViewAsync(WorkflowDbContext db, Meeting meeting, CancellationToken ct)
    {
        var items = await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == meeting.Id).ToListAsync(ct);
        var views = new List<AgendaItemView>();
        foreach (var item in items.OrderBy(i => i.Position))
        {
            views.Add(await ItemViewAsync(db, item, ct));
        }
        return new MeetingView(meeting.Id, meeting.DecisionOrganId, meeting.Kind, MeetingKinds.Name(meeting.Kind), meeting.Date, meeting.Title,
            meeting.AttendanceJson is null ? null : Present(meeting), views);
    }

    internal static async Task<AgendaItemView> ItemViewAsync(WorkflowDbContext db, AgendaItem item, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == item.MatterId, ct);
        var statements = await db.Set<MeetingStatement>().AsNoTracking().Where(s => s.AgendaItemId == item.Id).ToListAsync(ct);
        return new AgendaItemView(item.Id, item.MatterId, matter.Number, matter.Title, item.Position, item.Status, item.Outcome,
            JsonSerializer.Deserialize<List<MeetingMaterial>>(item.MaterialsJson, ApiJson.Options) ?? [],
            statements.OrderBy(s => s.Sequence).Select(s => new StatementView(s.Sequence, s.UserId, s.UserName, s.Capacity, s.Position, s.Text, s.Reason,
                s.Capacity == "member" && s.Position == Positions.Disagree, s.RecordedBy, s.RecordedAt)).ToList(),
            item.DecidedAt);
    }
}
