using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Experts;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Experts;

/// <summary>
/// Expert argumentation's acts for the API and the pages (第十九条至第二十一条): the pool, a matter's panel with its
/// opinions and the panel rules it breaks, choosing an expert, the expert's signed opinion and its check, how an
/// opinion was used. The rules are <see cref="ExpertRules"/>'s; this loads the facts and writes through the module write path.
/// </summary>
public sealed partial class ExpertService(
    CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, JurisdictionRegistry jurisdictions,
    OpinionSignatures signatures, TimeProvider clock)
{
    public async Task<List<ExpertView>> PoolAsync(CancellationToken ct) =>
        [.. (await db.Set<Expert>().AsNoTracking().ToListAsync(ct)).OrderBy(e => e.Name, StringComparer.Ordinal).Select(ExpertView.From)];

    /// <summary>Adds an expert to the pool (第二十一条).</summary>
    public async Task<ModuleOutcome<ExpertView>> CreateExpertAsync(CreateExpertRequest request, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        if (ExpertRules.ForbiddenPool(MayKeepThePool(actor)) is { } forbidden)
        {
            return forbidden;
        }
        if (ExpertRules.InvalidExpert(request.Name, request.Field, request.Employer) is { } invalid)
        {
            return invalid;
        }
        if (request.EmployerOrganizationId is { } org && !await db.Organizations.AnyAsync(o => o.Id == org, ct))
        {
            return ExpertRules.UnknownOrganization(org);
        }
        string? userId = null;
        if (request.UserName is { } userName)
        {
            userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleOrDefaultAsync(ct);
            if (userId is null)
            {
                return ExpertRules.UnknownUser(userName);
            }
        }
        var expert = new Expert
        {
            Id = Guid.NewGuid(), Name = request.Name!.Trim(), Field = request.Field!.Trim(), Employer = request.Employer!.Trim(),
            EmployerOrganizationId = request.EmployerOrganizationId, GovernmentEmployed = request.GovernmentEmployed, UserId = userId,
            CreatedBy = actor.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(expert);
        await db.SaveChangesAsync(ct);
        return ModuleOutcome<ExpertView>.Created(ExpertView.From(expert));
    }

    /// <summary>Who keeps the pool (第二十一条): the legality review office, or an administrator.</summary>
    public static bool MayKeepThePool(Actor actor) => MatterAccess.IsAdministrator(actor) || actor.Memberships.Any(m => m.Role == Roles.LegalityReviewer);

    public async Task<ModuleOutcome<PanelView>> PanelAsync(Guid matterId, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var panel = await PanelState.LoadAsync(db, matterId, Removed(procedure.State), ct);
        var settings = jurisdictions.Get(procedure.Matter.JurisdictionId)!;
        return ModuleOutcome<PanelView>.Ok(new PanelView(
            [.. panel.Members.Select(Entry)],
            [.. panel.RuleProblems(settings.ExpertPanel, settings.Name).Select(ReaderLanguage.Text)])
        {
            Removed = [.. panel.RemovedMembers.Select(r => new RemovedPanelEntryView(Entry(r.Entry), r.Reason))],
        });

        static PanelEntryView Entry((ExpertPanelMember Member, Expert Expert, ExpertOpinion? Opinion, ExpertOpinionAdoption? Adoption) m) =>
            new(PanelMemberView.From(m.Member), ExpertView.From(m.Expert),
                m.Opinion is null ? null : ExpertOpinionView.From(m.Opinion), m.Adoption is null ? null : AdoptionView.From(m.Adoption));
    }

    /// <summary>The drafting unit chooses an expert with the expert's declaration of interests (第十九条、第二十条).</summary>
    public async Task<ModuleOutcome<PanelMemberView>> AddMemberAsync(Guid matterId, AddPanelMemberRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        if ((ExpertRules.InvalidDeclaration(request.InterestStatement) ?? ExpertRules.ForbiddenChoice(MatterAccess.CanDraft(procedure.Matter, actor))) is { } refused)
        {
            return refused;
        }
        var task = procedure.OpenTask(ExpertRules.Step);
        if (task is null)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, ExpertRules.Step);
        }
        var expert = await db.Set<Expert>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.ExpertId, ct);
        if (expert is null)
        {
            return ExpertRules.NoSuchExpert();
        }
        var onPanel = await db.Set<ExpertPanelMember>().AnyAsync(m => m.MatterId == matterId && m.ExpertId == expert.Id, ct);
        var parties = HasParties(procedure.Definition);
        if (parties && expert.UserId is { } userId && Removed(procedure.State).TryGetValue(userId, out var removedReason))
        {
            return ExpertRules.RemovedBefore(expert.Name, removedReason);
        }
        if ((ExpertRules.MayJoin(new ExpertCandidate(expert.Name, expert.EmployerOrganizationId), request.DirectInterest, procedure.Matter.DraftingUnitId, onPanel)
            ?? (parties ? ExpertRules.NeedsAccount(expert.Name, expert.UserId is not null) : null)) is { } notNeutral)
        {
            return notNeutral;
        }
        var key = ModuleWrites.Key(actor, clientKey, $"expert-panel:{matterId}:{expert.Id}", $"POST /api/matters/{matterId}/experts/panel", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new ExpertPanelMember
        {
            Id = rowId, MatterId = matterId, InstanceId = procedure.Record.Id, ExpertId = expert.Id, InterestStatement = request.InterestStatement!,
            AddedBy = actor.Id, AddedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        var chosen = await ModuleActs.RecordRowAsync(commands, db, key, procedure, actor, "ExpertChosen", ExpertRules.Step, null,
            new
            {
                memberId = rowId, expertId = expert.Id, expert.Name, expert.Field, expert.Employer, expert.GovernmentEmployed, directInterest = false,
                request.InterestStatement,
            },
            row, rowId, PanelMemberView.From, ct);
        // Version 6: the chosen expert gets her own task (PartyAdded), in a command of its own right after the choice;
        // a failure here is repaired by the next panel write or opinion, which add every panel expert who is not a party.
        if (chosen.Refusals.Count == 0 && parties && await SyncPartiesAsync(matterId, actor, ct) is { } notAdded)
        {
            return notAdded;
        }
        return chosen;
    }

    /// <summary>A panel expert's written opinion, signed with their own account (第十九条), declaring no direct interest (第二十条).</summary>
    public async Task<ModuleOutcome<ExpertOpinionView>> OpinionAsync(Guid matterId, ExpertOpinionRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        if (ExpertRules.InvalidOpinion(request.Text) is { } invalid)
        {
            return invalid;
        }
        var member = await (from m in db.Set<ExpertPanelMember>().AsNoTracking()
                            join e in db.Set<Expert>().AsNoTracking() on m.ExpertId equals e.Id
                            where m.MatterId == matterId && e.UserId == actor.Id
                            select e).FirstOrDefaultAsync(ct);
        if (ExpertRules.MaySign(member is not null, request.DeclaresNoDirectInterest) is { } refused)
        {
            return refused;
        }
        var task = procedure.OpenTask(ExpertRules.Step);
        if (task is null)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, ExpertRules.Step);
        }
        var parties = HasParties(procedure.Definition);
        if (parties)
        {
            // Version 6: the opinion completes her party task; the module refuses first, in its own words, one removed
            // from the panel (第二十条) or one who has signed in this pass already (第十九条).
            var signedThisPass = PartyTask(procedure, actor.Id)?.Status == WorkTaskStatus.Completed;
            if (ExpertRules.MaySignAgain(member!.Name, signedThisPass, Removed(procedure.State).GetValueOrDefault(actor.Id)) is { } notAgain)
            {
                return notAgain;
            }
        }
        var key = ModuleWrites.Key(actor, clientKey, $"expert-opinion:{matterId}", $"POST /api/matters/{matterId}/experts/opinions", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var at = ModuleWrites.Millis(clock.GetUtcNow());
        var signed = await signatures.SignAsync(actor.Id,
            OpinionSignatures.Message("expert-opinion", rowId, matterId, member!.Id.ToString("D"), actor.Id, at, request.Text!), ct);
        var row = new ExpertOpinion
        {
            Id = rowId, MatterId = matterId, InstanceId = procedure.Record.Id, ExpertId = member.Id, Text = request.Text!,
            Signature = signed.Signature, SignatureAlgorithm = signed.Algorithm, SignerKeyId = signed.KeyId, SignedBy = actor.Id, SignedAt = at,
        };
        var data = new
        {
            opinionId = rowId, expertId = member.Id, textSha256 = ModuleWrites.Sha256(request.Text!), signature = row.Signature, signedAt = at,
            signedBy = actor.Id, signatureAlgorithm = signed.Algorithm, signerKeyId = signed.KeyId, publicKey = signed.PublicKey, certificate = signed.Certificate,
        };
        if (!parties)
        {
            // An instance pinned to a version without parties: the opinion is a journaled record of the step.
            return await ModuleActs.RecordRowAsync(commands, db, key, procedure, actor, OpinionSigned, ExpertRules.Step, null, data, row, rowId, ExpertOpinionView.From, ct);
        }
        if (await SyncPartiesAsync(matterId, actor, ct) is { } notAdded)
        {
            return notAdded;
        }
        procedure = (await ModuleWrites.LoadAsync(db, registry, matterId, ct))!;
        if (PartyTask(procedure, actor.Id) is not { } party)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, ExpertRules.Step);
        }
        return await CompletePartyAsync(key, procedure, party, row, data, actor, ct);
    }

    /// <summary>Recomputes an opinion's signature.</summary>
    public async Task<ModuleOutcome<SignatureCheck>> VerifyAsync(Guid matterId, Guid opinionId, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var opinion = await db.Set<ExpertOpinion>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == opinionId && o.MatterId == matterId, ct);
        if (opinion is null)
        {
            return ExpertRules.NoSuchOpinion();
        }
        return ModuleOutcome<SignatureCheck>.Ok(await signatures.VerifyAsync(opinion.SignatureAlgorithm, opinion.SignerKeyId, opinion.Signature, opinion.SignedBy,
            opinion.InstanceId, await OpinionJournalTypeAsync(db, opinion.InstanceId, opinion.Id, ct), opinion.Id,
            OpinionSignatures.Message("expert-opinion", opinion.Id, opinion.MatterId, opinion.ExpertId.ToString("D"), opinion.SignedBy, opinion.SignedAt, opinion.Text),
            () => ModuleWrites.Sign(opinion.Text, opinion.SignedAt, opinion.SignedBy), ct));
    }

    /// <summary>The drafting unit records how an opinion was used: adopted, partly adopted or not adopted with the reason (第二十九条).</summary>
    public async Task<ModuleOutcome<AdoptionView>> AdoptAsync(Guid matterId, Guid opinionId, AdoptionRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        if ((ExpertRules.InvalidAdoption(request.Adoption, request.Reason) ?? ExpertRules.ForbiddenAdoption(MatterAccess.CanDraft(procedure.Matter, actor))) is { } refused)
        {
            return refused;
        }
        if (!await db.Set<ExpertOpinion>().AnyAsync(o => o.Id == opinionId && o.MatterId == matterId, ct))
        {
            return ExpertRules.NoSuchOpinion();
        }
        var key = ModuleWrites.Key(actor, clientKey, $"expert-adoption:{opinionId}", $"POST /api/matters/{matterId}/experts/opinions/{opinionId}/adoption", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new ExpertOpinionAdoption
        {
            Id = rowId, MatterId = matterId, OpinionId = opinionId, Adoption = request.Adoption!, Reason = request.Reason, RecordedBy = actor.Id,
            RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleActs.RecordRowAsync(commands, db, key, procedure, actor, "ExpertOpinionAdoption", ExpertRules.Step, null,
            new { adoptionId = rowId, opinionId, request.Adoption, request.Reason }, row, rowId, AdoptionView.From, ct);
    }
}
