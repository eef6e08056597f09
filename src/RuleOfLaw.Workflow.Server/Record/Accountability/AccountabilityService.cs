using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Meetings;

namespace RuleOfLaw.Workflow.Server.Record.Accountability;

/// <summary>One act in the record: the journal entry, and the role and organization of the task it completed (if any).</summary>
public sealed record AccountableAct(
    long Sequence, DateTimeOffset OccurredAt, string Type, string? StepId, string? Role, string? OrganizationId, string ActorId, string ActorName,
    string? Outcome, string? Comment);

/// <summary>A statement at the collective discussion (第三十条): a member's position — a dissent must be provable (arts. 38-41).</summary>
public sealed record AccountableStatement(DateOnly MeetingDate, string Meeting, string UserId, string Name, string Capacity, string Position, string Text, string? Reason);

/// <summary>A signed opinion: an expert's (第二十条) or a legal counsel's (第二十八条).</summary>
public sealed record AccountableOpinion(string Kind, string Name, DateTimeOffset SignedAt, string Text, string SignatureAlgorithm);

/// <summary>Everything one matter's record says about who did what, in order.</summary>
public sealed record MatterAccountability(
    Guid MatterId, string Number, string Title, IReadOnlyList<AccountableAct> Acts, IReadOnlyList<AccountableStatement> Statements,
    IReadOnlyList<AccountableOpinion> Opinions);

/// <summary>A person's or an organization's part in the organ's matters: per matter, the roles held and the acts.</summary>
public sealed record PartyAccountability(string Subject, string OrganId, IReadOnlyList<MatterAccountability> Matters);

/// <summary>
/// The accountability view (《重大行政决策程序暂行条例》第三十八条至第四十一条): from the journal and the signed records,
/// who did what, when, in which role, with what opinion — for a matter, a person or an organization. Only the bodies
/// that supervise the organ see it (<see cref="RecordAccess.MaySupervise"/>). Persons' acts only: the system's timer
/// and automatic entries are not anyone's act.
/// </summary>
public sealed class AccountabilityService(WorkflowDbContext db)
{
    public async Task<(MatterAccountability? View, Refusal? Refusal)> ForMatterAsync(Actor actor, Guid matterId, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null)
        {
            return (null, RecordTexts.Catalog.NotFound("not-found.matter"));
        }
        if (await RefuseAsync(actor, matter.DecisionOrganId, ct) is { } refused)
        {
            return (null, refused);
        }
        var views = await BuildAsync([matterId], actorId: null, organizationId: null, ct);
        return (views.Single(), null);
    }

    public async Task<(PartyAccountability? View, Refusal? Refusal)> ForPersonAsync(Actor actor, string organId, string userId, CancellationToken ct)
    {
        if (await RefuseAsync(actor, organId, ct) is { } refused)
        {
            return (null, refused);
        }
        var instanceIds = await db.Journal.AsNoTracking().Where(j => j.ActorId == userId).Select(j => j.InstanceId).Distinct().ToListAsync(ct);
        var statementMatters = await (from s in db.Set<MeetingStatement>().AsNoTracking()
                                      join a in db.Set<AgendaItem>().AsNoTracking() on s.AgendaItemId equals a.Id
                                      where s.UserId == userId
                                      select a.MatterId).Distinct().ToListAsync(ct);
        var matters = await MattersOfOrganAsync(organId, instanceIds.Concat(statementMatters).Distinct().ToList(), ct);
        return (new PartyAccountability(userId, organId, await BuildAsync(matters, userId, null, ct)), null);
    }

    public async Task<(PartyAccountability? View, Refusal? Refusal)> ForOrganizationAsync(Actor actor, string organId, string organizationId, CancellationToken ct)
    {
        if (await RefuseAsync(actor, organId, ct) is { } refused)
        {
            return (null, refused);
        }
        var instanceIds = await db.Tasks.AsNoTracking().Where(t => t.OrganizationId == organizationId).Select(t => t.InstanceId).Distinct().ToListAsync(ct);
        var matters = await MattersOfOrganAsync(organId, instanceIds, ct);
        return (new PartyAccountability(organizationId, organId, await BuildAsync(matters, null, organizationId, ct)), null);
    }

    private async Task<Refusal?> RefuseAsync(Actor actor, string organId, CancellationToken ct)
    {
        var offices = await db.Organizations.AsNoTracking()
            .Where(o => o.ParentId == organId && o.Kind == OrganizationScopes.LegalityReviewOffice).Select(o => o.Id).ToListAsync(ct);
        return RecordAccess.Supervise(actor, organId, offices);
    }

    /// <summary>The instance id is the matter id (one procedure per matter), so journal instance ids are matter ids.</summary>
    private async Task<List<Guid>> MattersOfOrganAsync(string organId, List<Guid> ids, CancellationToken ct) =>
        await db.Matters.AsNoTracking().Where(m => ids.Contains(m.Id) && m.DecisionOrganId == organId).Select(m => m.Id).ToListAsync(ct);

    private async Task<List<MatterAccountability>> BuildAsync(List<Guid> matterIds, string? actorId, string? organizationId, CancellationToken ct)
    {
        var matters = await db.Matters.AsNoTracking().Where(m => matterIds.Contains(m.Id)).ToListAsync(ct);
        var entries = await db.Journal.AsNoTracking()
            .Where(j => matterIds.Contains(j.InstanceId) && j.ActorId != Actor.System.Id && (actorId == null || j.ActorId == actorId)).ToListAsync(ct);
        var taskIds = entries.Where(e => e.TaskId != null).Select(e => e.TaskId!.Value).Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var statements = await (from s in db.Set<MeetingStatement>().AsNoTracking()
                                join a in db.Set<AgendaItem>().AsNoTracking() on s.AgendaItemId equals a.Id
                                join m in db.Set<Meeting>().AsNoTracking() on a.MeetingId equals m.Id
                                where matterIds.Contains(a.MatterId) && (actorId == null || s.UserId == actorId)
                                select new { a.MatterId, m.Date, m.Title, s }).ToListAsync(ct);
        var experts = await (from o in db.Set<ExpertOpinion>().AsNoTracking()
                             join x in db.Set<Expert>().AsNoTracking() on o.ExpertId equals x.Id
                             where matterIds.Contains(o.MatterId) && (actorId == null || o.SignedBy == actorId)
                             select new { o.MatterId, x.Name, o.SignedAt, o.Text, o.SignatureAlgorithm }).ToListAsync(ct);
        var counsel = await db.Set<CounselOpinion>().AsNoTracking()
            .Where(c => matterIds.Contains(c.MatterId) && (actorId == null || c.GivenBy == actorId)).ToListAsync(ct);
        return [.. matters.OrderBy(m => m.Number, StringComparer.Ordinal).Select(m => new MatterAccountability(
            m.Id, m.Number, m.Title,
            [.. entries.Where(e => e.InstanceId == m.Id)
                .Select(e => (e, task: e.TaskId is { } id ? tasks.GetValueOrDefault(id) : null))
                .Where(x => organizationId == null || x.task?.OrganizationId == organizationId)
                .OrderBy(x => x.e.Sequence)
                .Select(x => new AccountableAct(x.e.Sequence, x.e.OccurredAt, x.e.Type, x.e.StepId, x.task?.Role, x.task?.OrganizationId, x.e.ActorId,
                    x.e.ActorName, x.e.Outcome, x.e.Comment))],
            organizationId is not null ? [] : [.. statements.Where(s => s.MatterId == m.Id).OrderBy(s => s.Date).ThenBy(s => s.s.Sequence)
                .Select(s => new AccountableStatement(s.Date, s.Title, s.s.UserId, s.s.UserName, s.s.Capacity, s.s.Position, s.s.Text, s.s.Reason))],
            organizationId is not null ? [] : [
                .. experts.Where(o => o.MatterId == m.Id).Select(o => new AccountableOpinion("expert", o.Name, o.SignedAt, o.Text, o.SignatureAlgorithm)),
                .. counsel.Where(c => c.MatterId == m.Id).Select(c => new AccountableOpinion(c.CounselKind, c.GivenByName, c.GivenAt, c.Text, c.SignatureAlgorithm)),
            ]))];
    }
}
