using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// Meetings of the decision organ, the agenda and the record of the collective decision (第二十五条、第二十九条、
/// 第三十条) as an application service. The rules are the domain's (<see cref="Agenda"/>, <see cref="CollectiveDecision"/>);
/// this loads the facts, asks them and writes through <see cref="ModuleWriter"/>. The API's handlers
/// (<see cref="MeetingEndpoints"/>) and the meeting pages both call it.
/// </summary>
public sealed partial class MeetingService(
    ModuleWriter records, ComplianceReportService compliance, CurrentActor current, TimeProvider clock,
    OpinionSignatures signatures)
{
    private static MeetingTexts T => MeetingTexts.Catalog;

    private WorkflowDbContext Db => records.Db;

    public async Task<ModuleOutcome<MeetingView>> CreateAsync(CreateMeetingRequest request, string? clientKey, CancellationToken ct)
    {
        var db = Db;
        var actor = await current.GetAsync(ct);
        // With an Idempotency-Key (the page sends its form's), a double click or a retry answers the first meeting.
        var key = string.IsNullOrWhiteSpace(clientKey) ? null : IdempotencyKey.For(actor.Id, clientKey, "", "POST /api/meetings", request);
        if (key is not null && await CommandReplay.FindAsync(db, key, ct) is { } seen)
        {
            return Stored(seen);
        }
        if (CollectiveDecision.Kind(request.Kind) is { } badKind)
        {
            return badKind;
        }
        var offices = await SecretaryOfficesAsync(db, actor, ct);
        // Without an organ: the first the secretary arranges meetings for whose kind fits (a department's secretary
        // asking for an office meeting gets her department).
        var organ = request.DecisionOrganId
            ?? offices.Where(o => o.OrganIsDepartment == MeetingKinds.HeldByDepartment(request.Kind)).Select(o => o.Organ).FirstOrDefault()
            ?? offices.Select(o => o.Organ).FirstOrDefault();
        var office = offices.FirstOrDefault(o => o.Organ == organ);
        if (Agenda.MayArrange(organ is not null && office.Organ is not null) is { } forbidden)
        {
            return forbidden;
        }
        if (CollectiveDecision.KindOfOrgan(request.Kind, office.OrganIsDepartment) is { } wrongKind)
        {
            return wrongKind;
        }
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), DecisionOrganId = organ!, Kind = request.Kind, Date = request.Date,
            Title = string.IsNullOrWhiteSpace(request.Title) ? $"{request.Date:yyyy-MM-dd} {MeetingKinds.Name(request.Kind)}" : request.Title.Trim(),
            CreatedBy = actor.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(meeting);
        if (key is null)
        {
            await db.SaveChangesAsync(ct);
            return ModuleOutcome<MeetingView>.Created(await ViewAsync(db, meeting, ct));
        }
        var view = await ViewAsync(db, meeting, ct);
        db.ProcessedCommands.Add(new ProcessedCommand
        {
            Key = key.Key, RequestHash = key.RequestHash, StatusCode = StatusCodes.Status201Created, ResponseJson = ApiJson.Serialize(view), CreatedAt = meeting.CreatedAt,
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
                return Stored(twin);
            }
            throw;
        }
        return ModuleOutcome<MeetingView>.Created(view);
    }

    private static ModuleOutcome<MeetingView> Stored(CommandResult seen) =>
        seen.Refusals.Count > 0
            ? ModuleOutcome<MeetingView>.Refused(seen.Refusals)
            : new ModuleOutcome<MeetingView>(JsonSerializer.Deserialize<MeetingView>(seen.ResponseJson!, ApiJson.Options), [], seen.StatusCode) { Replayed = seen.Replayed };

    /// <summary>The meetings of the organs the actor belongs to, the latest first.</summary>
    public async Task<ModuleOutcome<List<MeetingView>>> ListAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var organs = await OrgansOfAsync(Db, actor, ct);
        var meetings = await Db.Set<Meeting>().AsNoTracking().Where(m => organs.Contains(m.DecisionOrganId)).ToListAsync(ct);
        return ModuleOutcome<List<MeetingView>>.Ok(await ViewsAsync(Db, [.. meetings.OrderByDescending(m => m.Date)], ct));
    }

    public async Task<ModuleOutcome<MeetingView>> GetAsync(Guid id, CancellationToken ct)
    {
        var (meeting, notFound) = await FindAsync(id, ct);
        if (notFound is not null)
        {
            return notFound;
        }
        return ModuleOutcome<MeetingView>.Ok(await ViewAsync(Db, meeting!, ct));
    }

    public async Task<ModuleOutcome<List<Participant>>> ParticipantsAsync(Guid id, CancellationToken ct)
    {
        var (meeting, notFound) = await FindAsync(id, ct);
        if (notFound is not null)
        {
            return notFound;
        }
        return ModuleOutcome<List<Participant>>.Ok(await ParticipantsAsync(Db, meeting!.DecisionOrganId, ct));
    }

    public async Task<ModuleOutcome<MeetingView>> RecordAttendanceAsync(Guid id, AttendanceRequest request, CancellationToken ct)
    {
        var (meeting, notFound) = await FindAsync(id, ct, track: true);
        if (notFound is not null)
        {
            return notFound;
        }
        var actor = await current.GetAsync(ct);
        if (Agenda.MayRecordAttendance((await SecretaryOfficesAsync(Db, actor, ct)).Any(o => o.Organ == meeting!.DecisionOrganId)) is { } forbidden)
        {
            return forbidden;
        }
        var participants = await ParticipantsAsync(Db, meeting!.DecisionOrganId, ct);
        var itemIds = await Db.Set<AgendaItem>().Where(a => a.MeetingId == id).Select(a => a.Id).ToListAsync(ct);
        var spoken = await Db.Set<MeetingStatement>().AnyAsync(s => itemIds.Contains(s.AgendaItemId), ct);
        if (CollectiveDecision.Attendance(request.Present, participants, spoken, meeting.Kind) is { } refused)
        {
            return refused;
        }
        meeting.AttendanceJson = JsonSerializer.Serialize(request.Present.Distinct().ToList());
        await Db.SaveChangesAsync(ct);
        // The members present become the parties of each matter on the agenda (第三十条: every member speaks).
        foreach (var matterId in await Db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == id && a.Status == "scheduled").Select(a => a.MatterId).ToListAsync(ct))
        {
            if (await SyncPartiesAsync(meeting, matterId, actor, ct) is { } notSynced)
            {
                return notSynced;
            }
        }
        return ModuleOutcome<MeetingView>.Ok(await ViewAsync(Db, meeting, ct));
    }

    /// <summary>Puts a matter on the agenda: refused with every unmet gate (<c>unmet</c>); completes meeting-scheduling.</summary>
    public async Task<ModuleOutcome<AgendaItemView>> PlaceAsync(Guid id, PlaceOnAgendaRequest request, string? clientKey, CancellationToken ct)
    {
        var db = Db;
        var (meeting, notFound) = await FindAsync(id, ct);
        if (notFound is not null)
        {
            return notFound;
        }
        var actor = await current.GetAsync(ct);
        var loaded = await records.LoadAsync(request.MatterId, ct);
        if (loaded is null || !MatterAccess.CanSee(loaded.Matter, actor))
        {
            return T.NotFound("not-found.matter");
        }
        if (Agenda.SameOrgan(loaded.Matter.DecisionOrganId, meeting!.DecisionOrganId, meeting.Kind, loaded.Definition) is { } otherOrgan)
        {
            return otherOrgan;
        }
        var task = loaded.OpenTask(MeetingSteps.Scheduling);
        if (task is null && (await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == id && a.MatterId == request.MatterId).ToListAsync(ct))
                .OrderByDescending(a => a.CreatedAt).FirstOrDefault() is { } placed
            && placed.SchedulingTaskId == loaded.LatestTask(MeetingSteps.Scheduling)?.Id)
        {
            // A retry of a placement that succeeded: the same item, nothing done again.
            return ModuleOutcome<AgendaItemView>.Ok(await ItemViewAsync(db, placed, ct));
        }
        if (task is not null && Agenda.MaySchedule(actor, task, meeting.Kind, loaded.Definition) is { } forbidden)
        {
            return forbidden;
        }
        var unmet = await AgendaGatesAsync(meeting, loaded, withCompliance: true, ct);
        if (unmet.Count > 0)
        {
            return ModuleOutcome<AgendaItemView>.Refused([Agenda.GatesUnmet(unmet.Select(u => $"{u.Title}（{u.Article}）"), Agenda.GateArticlesFor(meeting.Kind, loaded.Definition))],
                new Dictionary<string, object?> { ["unmet"] = unmet });
        }

        var materials = await MeetingMaterials.AssembleAsync(records, loaded, ct);
        var key = IdempotencyKey.For(actor.Id, clientKey, $"agenda:{task!.Id}", $"POST /api/meetings/{id}/agenda", request);
        var itemId = ModuleWrites.RowId(key, "agenda");
        var result = await records.CompleteAsync(key, loaded, task, SchedulingOutcomes.Scheduled,
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
            return ModuleOutcome<AgendaItemView>.Refused(result.Refusals);
        }
        // Attendance already on record: its members are the parties of the decision now open.
        if (await SyncPartiesAsync(meeting, loaded.Matter.Id, actor, ct) is { } refused)
        {
            return refused;
        }
        var item = await db.Set<AgendaItem>().AsNoTracking().SingleAsync(a => a.Id == itemId, ct);
        return ModuleOutcome<AgendaItemView>.Created(await ItemViewAsync(db, item, ct));
    }

    /// <summary>
    /// Every unmet gate for putting <paramref name="loaded"/> on <paramref name="meeting"/>'s agenda (<see cref="Agenda"/>):
    /// awaiting scheduling, the meeting date not passed and — <paramref name="withCompliance"/> — every compliance item
    /// required before the collective decision. Empty: the matter may be placed.
    /// </summary>
    internal async Task<List<UnmetGate>> AgendaGatesAsync(Meeting meeting, MatterProcedure loaded, bool withCompliance, CancellationToken ct)
    {
        var culture = ReaderLanguage.Culture;
        var unmet = new List<UnmetGate>();
        if (Agenda.AwaitingScheduling(loaded.OpenTask(MeetingSteps.Scheduling) is not null, loaded.State.OpenTasks().Select(t => t.StepId).ToList(),
                loaded.State.Status.ToString(), culture, Agenda.GateArticlesFor(meeting.Kind, loaded.Definition)) is { } scheduling)
        {
            unmet.Add(Gate(scheduling));
        }
        if (withCompliance)
        {
            unmet.AddRange((await compliance.UnmetBeforeAsync(loaded.Matter, MeetingSteps.CollectiveDecision, ct))
                .Select(i => new UnmetGate(i.Code, i.Title, i.Article, i.Detail, i.Status)));
        }
        if (Agenda.NotPassed(meeting.Date, records.Calendar(loaded.State).LocalDay(clock.GetUtcNow()), culture, meeting.Kind, loaded.Definition) is { } passed)
        {
            unmet.Add(Gate(passed));
        }
        return unmet;
    }

    private static UnmetGate Gate(AgendaGate gate) =>
        new(gate.Code, gate.Title, gate.Article, gate.Detail, gate.Pending ? ComplianceStatus.Pending : ComplianceStatus.Unmet);

    public async Task<ModuleOutcome<AgendaItemView>> RecordOpinionAsync(Guid id, Guid itemId, OpinionRequest request, string? clientKey, CancellationToken ct)
    {
        var db = Db;
        var (meeting, item, loaded, refusal) = await ItemAsync(id, itemId, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var actor = await current.GetAsync(ct);
        var memberId = request.MemberId ?? actor.Id;
        // The secretary of the meeting's organ (the general office's, or the department's own for its office meeting).
        var isSecretary = (await SecretaryOfficesAsync(db, actor, ct)).Any(o => o.Organ == meeting!.DecisionOrganId);
        if (Agenda.MayRecordOpinion(actor.Id, memberId, isSecretary, meeting!.Kind, loaded!.Definition) is { } forbidden)
        {
            return forbidden;
        }
        var today = records.Calendar(loaded!.State).LocalDay(clock.GetUtcNow());
        var member = (await ParticipantsAsync(db, meeting!.DecisionOrganId, ct)).FirstOrDefault(p => p.UserId == memberId);
        var recorded = await db.Set<MeetingStatement>().AnyAsync(s => s.AgendaItemId == itemId && s.UserId == memberId, ct);
        if (CollectiveDecision.Opinion(request.Position, request.Text, member, SittingOf(meeting, loaded), today, recorded) is { } refused)
        {
            return refused;
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"opinion:{itemId}:{memberId}", $"POST /api/meetings/{id}/agenda/{itemId}/opinions", request);
        var rowId = ModuleWrites.RowId(key, "statement");
        var dissent = request.Position == Positions.Disagree;
        // The opinion is signed with the member's own key (one signing path, OpinionSignatures), over its exact text and
        // metadata, who recorded it included: a secretary recording for the member seals the member's words under the
        // member's key, and the signature says so (第三十条; issue 20).
        var opinion = new MeetingStatement
        {
            Id = rowId, AgendaItemId = itemId, Sequence = 0, UserId = memberId, UserName = member!.Name, Capacity = "member",
            Position = request.Position, Text = request.Text, RecordedBy = actor.Id, RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        var signed = await signatures.SignAsync(memberId, OpinionMessage(opinion, meeting.Id, loaded.Matter.Id), ct);
        (opinion.Signature, opinion.SignatureAlgorithm, opinion.SignerKeyId) = (signed.Signature, signed.Algorithm, signed.KeyId);
        var data = new
        {
            meetingId = id, agendaItemId = itemId, memberId, memberName = member.Name, position = request.Position, dissent, recordedBy = actor.Id,
            statementId = rowId, text = request.Text, signature = opinion.Signature, signedAt = opinion.RecordedAt,
            signatureAlgorithm = signed.Algorithm, signerKeyId = signed.KeyId, publicKey = signed.PublicKey, certificate = signed.Certificate,
        };
        async Task Statement(Decision _, CancellationToken c)
        {
            opinion.Sequence = await db.Set<MeetingStatement>().CountAsync(s => s.AgendaItemId == itemId, c) + 1;
            db.Add(opinion);
        }
        CommandResult result;
        if (HasParties(loaded))
        {
            // Version 5: the member's opinion completes her party task of the decision (the engine then lets the head
            // decide only after every present member, 第三十条); the verbatim words stay the module's statement.
            if (await SyncPartiesAsync(meeting, loaded.Matter.Id, actor, ct) is { } notAdded)
            {
                return notAdded;
            }
            loaded = await records.LoadAsync(loaded.Matter.Id, ct);
            var party = loaded!.PartyTask(MeetingSteps.CollectiveDecision, memberId)!;
            result = await records.CompleteAsync(key, loaded, party, request.Position, request.Text, data, actor, Statement, ct, by: MeetingCommands.Record);
        }
        else
        {
            // An instance pinned to version 4 (no parties): the opinion is a journaled record of the step.
            result = await records.RecordAsync(key, loaded, OpinionRecorded, MeetingSteps.CollectiveDecision, request.Text, data, actor, Statement, ct);
        }
        return result.Refusals.Count > 0
            ? ModuleOutcome<AgendaItemView>.Refused(result.Refusals)
            : ModuleOutcome<AgendaItemView>.Created(await ItemViewAsync(db, item!, ct));
    }

    public async Task<ModuleOutcome<AgendaItemView>> DecideAsync(Guid id, Guid itemId, HeadDecisionRequest request, string? clientKey, CancellationToken ct)
    {
        var db = Db;
        var actor = await current.GetAsync(ct);
        var (meeting, _, loaded, refusal) = await ItemAsync(id, itemId, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var task = loaded!.OpenTask(MeetingSteps.CollectiveDecision)!;
        if (Agenda.MayDecide(actor, task, meeting!.Kind, loaded.Definition) is { } forbidden)
        {
            return forbidden;
        }
        var participants = await ParticipantsAsync(db, meeting!.DecisionOrganId, ct);
        var statements = await db.Set<MeetingStatement>().AsNoTracking().Where(s => s.AgendaItemId == itemId).ToListAsync(ct);
        var opinions = statements.Select(s => new OpinionOnRecord(s.UserId, s.Position)).ToList();
        var sitting = SittingOf(meeting, loaded);
        var ruling = CollectiveDecision.Decide(actor.Id, request.Outcome, request.Text, request.Reason, sitting, Today(loaded), participants, opinions);
        if (ruling.Refusal is { } refused)
        {
            return ModuleOutcome<AgendaItemView>.Refused([refused], refused.Code == "head-speaks-last"
                ? new Dictionary<string, object?> { ["notYetHeard"] = CollectiveDecision.NotYetHeard(participants, sitting, opinions) }
                : null);
        }
        if (HasParties(loaded) && await SyncPartiesAsync(meeting, loaded.Matter.Id, actor, ct) is { } notAdded)
        {
            return notAdded;
        }
        var present = sitting.Present!;
        var (inFavour, against, majority, againstMajority) = ruling.Value!;
        var comment = againstMajority ? $"{request.Text}（与多数人意见不一致的理由：{request.Reason}）" : request.Text;
        var key = IdempotencyKey.For(actor.Id, clientKey, $"decision:{itemId}", $"POST /api/meetings/{id}/agenda/{itemId}/decision", request);
        var rowId = ModuleWrites.RowId(key, "statement");
        // The head signs the decision with their own key, over its exact text and metadata (第三十条; issue 20).
        var decision = new MeetingStatement
        {
            Id = rowId, AgendaItemId = itemId, Sequence = statements.Count + 1, UserId = actor.Id, UserName = actor.DisplayName, Capacity = "head",
            Position = request.Outcome, Text = request.Text, Reason = request.Reason, RecordedBy = actor.Id, RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        var signed = await signatures.SignAsync(actor.Id, DecisionMessage(decision, meeting.Id, loaded.Matter.Id), ct);
        (decision.Signature, decision.SignatureAlgorithm, decision.SignerKeyId) = (signed.Signature, signed.Algorithm, signed.KeyId);
        var result = await records.CompleteAsync(key, loaded, task, request.Outcome, comment,
            new
            {
                meetingId = id, agendaItemId = itemId, meetingKind = meeting.Kind, meetingDate = meeting.Date, present,
                membersInFavour = inFavour, membersAgainst = against, majority, againstMajority, reason = request.Reason,
                dissent = statements.Where(s => s.Position == Positions.Disagree).Select(s => new { s.UserId, s.UserName, s.Text }),
                statementId = rowId, text = request.Text, signature = decision.Signature, signedAt = decision.RecordedAt,
                signatureAlgorithm = signed.Algorithm, signerKeyId = signed.KeyId, publicKey = signed.PublicKey, certificate = signed.Certificate,
            },
            actor, async (_, c) =>
            {
                db.Add(decision);
                var tracked = await db.Set<AgendaItem>().SingleAsync(a => a.Id == itemId, c);
                tracked.Status = request.Outcome == HeadOutcomes.Deferred ? "deferred" : "decided";
                tracked.Outcome = request.Outcome;
                tracked.DecidedAt = clock.GetUtcNow();
            }, ct, by: MeetingCommands.Record);
        if (result.Refusals.Count > 0)
        {
            return ModuleOutcome<AgendaItemView>.Refused(result.Refusals);
        }
        var saved = await db.Set<AgendaItem>().AsNoTracking().SingleAsync(a => a.Id == itemId, ct);
        return ModuleOutcome<AgendaItemView>.Created(await ItemViewAsync(db, saved, ct));
    }

    /// <summary>
    /// What the head's signature on a decision covers: the meeting and agenda item as subject, the outcome, the head's
    /// words and the reason against the majority (<see cref="SignedStatements.DecisionText"/>).
    /// </summary>
    public static byte[] DecisionMessage(MeetingStatement head, Guid meetingId, Guid matterId) =>
        OpinionSignatures.Message(SignedStatements.HeadDecision, head.Id, matterId, $"{meetingId:D}/{head.AgendaItemId:D}", head.UserId, head.RecordedAt,
            SignedStatements.DecisionText(head.Position, head.Text, head.Reason));

    /// <summary>The journal entry of a member's opinion on an instance pinned to version 4 (no parties: no task of her own to complete).</summary>
    public const string OpinionRecorded = "MeetingOpinionRecorded";

    /// <summary>
    /// What a member's signature on her opinion covers: the meeting and agenda item as subject, the member as signer,
    /// the position, her words and who recorded them (<see cref="SignedStatements.MemberOpinionText"/>).
    /// </summary>
    public static byte[] OpinionMessage(MeetingStatement member, Guid meetingId, Guid matterId) =>
        OpinionSignatures.Message(SignedStatements.MemberOpinion, member.Id, matterId, $"{meetingId:D}/{member.AgendaItemId:D}", member.UserId, member.RecordedAt,
            SignedStatements.MemberOpinionText(member.Position, member.Text, member.RecordedBy));

    /// <summary>
    /// The journal entry type that recorded a member's opinion: the completion of her party task (version 5 on,
    /// <c>PartyTaskCompleted</c>, the opinion's data embedded as <c>data</c>), or <see cref="OpinionRecorded"/> on an
    /// instance pinned to version 4. Found from the journal itself (the entry naming the statement), so a migrated
    /// instance answers per opinion.
    /// </summary>
    internal static async Task<string> OpinionJournalTypeAsync(WorkflowDbContext db, Guid instanceId, Guid statementId, CancellationToken ct)
    {
        var id = statementId.ToString("D");
        return await db.Journal.AsNoTracking().AnyAsync(j => j.InstanceId == instanceId && j.Type == OpinionRecorded && j.DataJson.Contains(id), ct)
            ? OpinionRecorded
            : JournalEntryTypes.PartyTaskCompleted;
    }

    /// <summary>
    /// Checks a member's signature on her opinion (visible to the organ's members, like the minutes); an opinion recorded
    /// before members' opinions were signed is answered as unsigned.
    /// </summary>
    public async Task<ModuleOutcome<SignatureCheck>> VerifyOpinionAsync(Guid id, Guid itemId, Guid opinionId, CancellationToken ct)
    {
        var (meeting, notFound) = await FindAsync(id, ct);
        if (notFound is not null)
        {
            return notFound;
        }
        var item = await Db.Set<AgendaItem>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == itemId && a.MeetingId == id, ct);
        var opinion = item is null ? null
            : await Db.Set<MeetingStatement>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == opinionId && s.AgendaItemId == itemId && s.Capacity == "member", ct);
        var instanceId = item is null ? (Guid?)null
            : await Db.Instances.AsNoTracking().Where(i => i.MatterId == item.MatterId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
        if (opinion is null || instanceId is null)
        {
            return T.NotFound("not-found.opinion");
        }
        return ModuleOutcome<SignatureCheck>.Ok(await signatures.VerifyStatementAsync(opinion.SignatureAlgorithm, opinion.SignerKeyId, opinion.Signature,
            opinion.UserId, instanceId.Value, await OpinionJournalTypeAsync(Db, instanceId.Value, opinion.Id, ct), opinion.Id,
            OpinionMessage(opinion, meeting!.Id, item!.MatterId), ct));
    }

    /// <summary>
    /// Checks the head's signature on an agenda item's decision (visible to the organ's members, like the minutes); a
    /// decision recorded before signatures is answered as unsigned.
    /// </summary>
    public async Task<ModuleOutcome<SignatureCheck>> VerifyDecisionAsync(Guid id, Guid itemId, CancellationToken ct)
    {
        var (meeting, notFound) = await FindAsync(id, ct);
        if (notFound is not null)
        {
            return notFound;
        }
        var item = await Db.Set<AgendaItem>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == itemId && a.MeetingId == id, ct);
        var head = item is null ? null
            : await Db.Set<MeetingStatement>().AsNoTracking().SingleOrDefaultAsync(s => s.AgendaItemId == itemId && s.Capacity == "head", ct);
        var instanceId = item is null ? (Guid?)null
            : await Db.Instances.AsNoTracking().Where(i => i.MatterId == item.MatterId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
        if (head is null || instanceId is null)
        {
            return T.NotFound("not-found.decision");
        }
        return ModuleOutcome<SignatureCheck>.Ok(await signatures.VerifyStatementAsync(head.SignatureAlgorithm, head.SignerKeyId, head.Signature, head.UserId,
            instanceId.Value, JournalEntryTypes.TaskCompleted, head.Id, DecisionMessage(head, meeting!.Id, item!.MatterId), ct));
    }

    /// <summary>
    /// The signature check of every statement in the meeting's minutes, by statement id (the meeting page's badges): each
    /// member's opinion and each decision, checked as their verify endpoints check them; empty when the meeting is not the actor's.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, SignatureCheck>> VerifyMinutesAsync(Guid id, CancellationToken ct)
    {
        var checks = new Dictionary<Guid, SignatureCheck>();
        var (meeting, notFound) = await FindAsync(id, ct);
        if (notFound is not null)
        {
            return checks;
        }
        var items = await Db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == id).ToListAsync(ct);
        var itemIds = items.Select(a => a.Id).ToList();
        var matterIds = items.Select(a => a.MatterId).Distinct().ToList();
        var instances = await Db.Instances.AsNoTracking().Where(i => matterIds.Contains(i.MatterId)).Select(i => new { i.MatterId, i.Id }).ToListAsync(ct);
        var instanceOf = instances.ToDictionary(i => i.MatterId, i => i.Id);
        foreach (var statement in await Db.Set<MeetingStatement>().AsNoTracking().Where(s => itemIds.Contains(s.AgendaItemId)).ToListAsync(ct))
        {
            var item = items.Single(a => a.Id == statement.AgendaItemId);
            if (!instanceOf.TryGetValue(item.MatterId, out var instanceId))
            {
                continue;
            }
            var (journalType, message) = statement.Capacity == "head"
                ? (JournalEntryTypes.TaskCompleted, DecisionMessage(statement, meeting!.Id, item.MatterId))
                : (await OpinionJournalTypeAsync(Db, instanceId, statement.Id, ct), OpinionMessage(statement, meeting!.Id, item.MatterId));
            checks[statement.Id] = await signatures.VerifyStatementAsync(statement.SignatureAlgorithm, statement.SignerKeyId, statement.Signature,
                statement.UserId, instanceId, journalType, statement.Id, message, ct);
        }
        return checks;
    }

    /// <summary>The meeting, the item on it, its matter; the item must still await the decision.</summary>
    private async Task<(Meeting?, AgendaItem?, MatterProcedure?, Refusal?)> ItemAsync(Guid id, Guid itemId, CancellationToken ct)
    {
        var (meeting, notFound) = await FindAsync(id, ct);
        if (notFound is not null)
        {
            return (null, null, null, notFound);
        }
        var item = await Db.Set<AgendaItem>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == itemId && a.MeetingId == id, ct);
        var loaded = item is null ? null : await records.LoadAsync(item.MatterId, ct);
        if (item is null || loaded is null)
        {
            return (null, null, null, T.NotFound("not-found.item"));
        }
        return Agenda.StillOpen(item.Status, item.Outcome, loaded.OpenTask(MeetingSteps.CollectiveDecision) is not null, meeting!.Kind, loaded.Definition) is { } closed
            ? (null, null, null, closed)
            : (meeting, item, loaded, null);
    }

    /// <summary>The meeting as the art. 30 rules see it for an item of <paramref name="loaded"/> (whose procedure gives the rule its refusals cite).</summary>
    internal static Sitting SittingOf(Meeting meeting, MatterProcedure loaded) =>
        new(meeting.Date, meeting.AttendanceJson is null ? null : Present(meeting), meeting.Kind, CollectiveDecision.ArticleFor(meeting.Kind, loaded.Definition));

    /// <summary>
    /// The rule each agenda item's record rests on (<see cref="CollectiveDecision.ArticleFor(string, RuleOfLaw.Workflow.Engine.Definitions.ProcedureDefinition?)"/>
    /// of its matter's procedure), by item id: the meeting page's hints on each item, which cite what its refusals cite.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> ItemArticlesAsync(MeetingView meeting, CancellationToken ct)
    {
        var articles = new Dictionary<Guid, string>();
        foreach (var item in meeting.Agenda)
        {
            articles[item.Id] = CollectiveDecision.ArticleFor(meeting.Kind, (await records.LoadAsync(item.MatterId, ct))?.Definition);
        }
        return articles;
    }

    /// <summary>Today in the matter's jurisdiction (the meeting date is a local day).</summary>
    private DateOnly Today(MatterProcedure loaded) => records.Calendar(loaded.State).LocalDay(clock.GetUtcNow());

    internal static IReadOnlyList<string> Present(Meeting meeting) =>
        meeting.AttendanceJson is null ? [] : JsonSerializer.Deserialize<List<string>>(meeting.AttendanceJson) ?? [];

    /// <summary>The meeting, when it is of an organ the actor belongs to; else <c>not-found</c>.</summary>
    internal async Task<(Meeting?, Refusal?)> FindAsync(Guid id, CancellationToken ct, bool track = false)
    {
        var query = track ? Db.Set<Meeting>() : Db.Set<Meeting>().AsNoTracking();
        var meeting = await query.SingleOrDefaultAsync(m => m.Id == id, ct);
        var actor = await current.GetAsync(ct);
        if (meeting is null || !(await OrgansOfAsync(Db, actor, ct)).Contains(meeting.DecisionOrganId))
        {
            return (null, T.NotFound("not-found.meeting"));
        }
        return (meeting, null);
    }

    /// <summary>
    /// The organs whose meetings the actor sees: memberships in the government itself or in an office under it (the
    /// government's meetings), and a department's own members its office meetings.
    /// </summary>
    private static async Task<HashSet<string>> OrgansOfAsync(WorkflowDbContext db, Actor actor, CancellationToken ct)
    {
        var ids = actor.Memberships.Select(m => m.OrganizationId).Distinct().ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        return organizations.Select(o => o.Kind == OrganizationKinds.Government ? o.Id : o.ParentId)
            .Concat(organizations.Where(o => o.Kind == OrganizationKinds.Department).Select(o => o.Id))
            .OfType<string>().ToHashSet();
    }

    /// <summary>
    /// Where the actor is a meeting secretary, and whose meetings that makes her arrange: a secretary of an office under a
    /// government (its general office) arranges the government's standing and plenary meetings; a secretary of a
    /// department itself (its office's staff: a department's internal office is no organization of its own) arranges
    /// that department's office meetings (部门办公会议).
    /// </summary>
    internal static async Task<List<(string Office, string Organ, bool OrganIsDepartment)>> SecretaryOfficesAsync(WorkflowDbContext db, Actor actor, CancellationToken ct)
    {
        var ids = actor.Memberships.Where(m => m.Role == Roles.MeetingSecretary).Select(m => m.OrganizationId).ToList();
        var offices = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id) && o.ParentId != null).ToListAsync(ct);
        return offices.Select(o => o.Kind == OrganizationKinds.Department ? (o.Id, o.Id, true) : (o.Id, o.ParentId!, false)).ToList();
    }

    /// <summary>Whether the actor is a meeting secretary of any organ (the meetings page offers the new-meeting form).</summary>
    public async Task<bool> IsSecretaryAsync(string? organ, CancellationToken ct)
    {
        var offices = await SecretaryOfficesAsync(Db, await current.GetAsync(ct), ct);
        return organ is null ? offices.Count > 0 : offices.Any(o => o.Organ == organ);
    }

    /// <summary>
    /// The kinds of meeting the actor arranges (the meetings page's choice): standing and plenary for a government's
    /// secretary, the office meeting for a department's.
    /// </summary>
    public async Task<IReadOnlyList<string>> KindsAsync(CancellationToken ct)
    {
        var offices = await SecretaryOfficesAsync(Db, await current.GetAsync(ct), ct);
        return [.. offices.Any(o => !o.OrganIsDepartment) ? [MeetingKinds.Standing, MeetingKinds.Plenary] : Array.Empty<string>(),
            .. offices.Any(o => o.OrganIsDepartment) ? [MeetingKinds.Office] : Array.Empty<string>()];
    }

    internal static async Task<List<Participant>> ParticipantsAsync(WorkflowDbContext db, string organ, CancellationToken ct)
    {
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organ && (m.Role == Roles.MeetingMember || m.Role == Roles.ChiefExecutive))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, m.Role })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Role == Roles.ChiefExecutive ? 1 : 0).ThenBy(r => r.DisplayName)
            .Select(r => new Participant(r.Id, r.DisplayName, r.Role == Roles.ChiefExecutive ? Participant.Head : Participant.Member)).ToList();
    }

    private static async Task<MeetingView> ViewAsync(WorkflowDbContext db, Meeting meeting, CancellationToken ct) =>
        (await ViewsAsync(db, [meeting], ct))[0];

    /// <summary>
    /// The views of <paramref name="meetings"/> (in that order) with their agendas: three queries (the items, their
    /// matters, their statements) whatever the number of meetings and items.
    /// </summary>
    private static async Task<List<MeetingView>> ViewsAsync(WorkflowDbContext db, IReadOnlyList<Meeting> meetings, CancellationToken ct)
    {
        if (meetings.Count == 0)
        {
            return [];
        }
        var ids = meetings.Select(m => m.Id).ToList();
        var items = await db.Set<AgendaItem>().AsNoTracking().Where(a => ids.Contains(a.MeetingId)).ToListAsync(ct);
        var views = await ItemViewsAsync(db, items, ct);
        return [.. meetings.Select(meeting => new MeetingView(meeting.Id, meeting.DecisionOrganId, meeting.Kind, MeetingKinds.Name(meeting.Kind), meeting.Date,
            meeting.Title, meeting.AttendanceJson is null ? null : Present(meeting),
            [.. items.Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.Position).Select(i => views[i.Id])]))];
    }

    internal static async Task<AgendaItemView> ItemViewAsync(WorkflowDbContext db, AgendaItem item, CancellationToken ct) =>
        (await ItemViewsAsync(db, [item], ct))[item.Id];

    private static async Task<Dictionary<Guid, AgendaItemView>> ItemViewsAsync(WorkflowDbContext db, IReadOnlyList<AgendaItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return [];
        }
        var matterIds = items.Select(i => i.MatterId).Distinct().ToList();
        var itemIds = items.Select(i => i.Id).ToList();
        var matters = await db.Matters.AsNoTracking().Where(m => matterIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var statements = (await db.Set<MeetingStatement>().AsNoTracking().Where(s => itemIds.Contains(s.AgendaItemId)).ToListAsync(ct))
            .ToLookup(s => s.AgendaItemId);
        return items.ToDictionary(item => item.Id, item =>
        {
            var matter = matters[item.MatterId];
            return new AgendaItemView(item.Id, item.MatterId, matter.Number, matter.Title, item.Position, item.Status, item.Outcome,
                JsonSerializer.Deserialize<List<MeetingMaterial>>(item.MaterialsJson, ApiJson.Options) ?? [],
                statements[item.Id].OrderBy(s => s.Sequence).Select(s => new StatementView(s.Id, s.Sequence, s.UserId, s.UserName, s.Capacity, s.Position,
                    s.Text, s.Reason, s.Capacity == "member" && s.Position == Positions.Disagree, s.RecordedBy, s.RecordedAt)).ToList(),
                item.DecidedAt, MeetingMaterialLists.ArticleFor(matter.DefinitionId));
        });
    }
}
