using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// A normative document's life as an instance of <c>workflows/normative-document.json</c> on the engine: drafting opens a
/// matter with the document's own id (so the generic task list, dossier, journal, deadlines, reminders and escalation
/// mails show it) and starts the procedure; each act of the module's services then completes its step by the step's
/// domain command (<see cref="NormativeCommands"/>), which the engine alone accepts for that step.
/// </summary>
/// <remarks>
/// <para>Order of an act: a second click of the same request is answered first (<see cref="AnsweredAsync"/>); then
/// the module's rules (their refusals keep their codes and articles), then <see cref="CheckAsync"/> asks the engine —
/// purely, nothing written — whether the step's task is open and this person may complete it with that outcome; then
/// <see cref="ActAsync"/> writes the module's rows and completes the task in one transaction (the module write path,
/// <see cref="ModuleWriter"/>). A refusal at any point writes nothing; a failure after the rows were added rolls
/// back the rows and the step together.</para>
/// <para>Documents drafted before the procedure existed have no matter and run by their status alone, as before.</para>
/// </remarks>
public sealed class DocumentProcedure(
    ModuleWriter writer, DefinitionRegistry registry, InstanceCommandService commands,
    Engine.Execution.WorkflowEngine engine, TimeProvider clock)
{
    private WorkflowDbContext Db => writer.Db;

    /// <summary>The document's procedure, or null for a document drafted before the procedure existed.</summary>
    public Task<MatterProcedure?> LoadAsync(Guid documentId, CancellationToken ct) => writer.LoadAsync(documentId, ct);

    /// <summary>
    /// The organizations the steps' scopes name: the issuer's drafting unit, the government's justice office, and the
    /// meeting that deliberates it (the steps <c>meeting-scheduling</c> and <c>collective-decision</c>, run by the
    /// meetings module): for a government document the government (its executive meeting; <c>decision-organ</c>) and its
    /// general office (the agenda; <c>general-office</c>); for a department document the department for both — its
    /// office meeting, arranged by the department's own meeting secretary and decided by its head (version 3; a
    /// document pinned to version 2 has no such steps and is deliberated by its head's record, <c>office-meeting</c>).
    /// </summary>
    public async Task<Dictionary<string, string>> AssignmentsAsync(NormativeIssuer issuer, string kind, CancellationToken ct)
    {
        var children = await Db.Organizations.AsNoTracking().Where(o => o.ParentId == issuer.GovernmentId).ToListAsync(ct);
        var assignments = new Dictionary<string, string>(StringComparer.Ordinal) { [OrganizationScopes.DraftingUnit] = issuer.OrganizationId };
        if (children.FirstOrDefault(o => o.Kind == OrganizationScopes.LegalityReviewOffice) is { } justice)
        {
            assignments[OrganizationScopes.LegalityReviewOffice] = justice.Id;
        }
        if (kind == NormativeDocumentKinds.Government)
        {
            assignments[OrganizationScopes.DecisionOrgan] = issuer.GovernmentId;
            if (children.FirstOrDefault(o => o.Kind == OrganizationScopes.GeneralOffice) is { } office)
            {
                assignments[OrganizationScopes.GeneralOffice] = office.Id;
            }
        }
        else
        {
            assignments[OrganizationScopes.DecisionOrgan] = issuer.OrganizationId;
            assignments[OrganizationScopes.GeneralOffice] = issuer.OrganizationId;
        }
        return assignments;
    }

    /// <summary>
    /// The matter of a new document (same id), added to the context for the drafting's own save. Its decision organ is the
    /// government for a government document and the issuing department for a department document.
    /// </summary>
    public async Task<Matter> AddMatterAsync(NormativeDocument document, NormativeIssuer issuer, IReadOnlyDictionary<string, bool> attributes,
        IReadOnlyDictionary<string, string> assignments, string jurisdictionId, int localYear, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var matter = new Matter
        {
            Id = document.Id,
            Number = await MatterNumbers.NextAsync(Db, localYear, ct),
            Title = document.Title,
            Summary = "行政规范性文件 / normative document",
            DefinitionId = NormativeSteps.Definition,
            DecisionOrganId = document.Kind == NormativeDocumentKinds.Government ? document.GovernmentId : issuer.OrganizationId,
            DraftingUnitId = issuer.OrganizationId,
            JurisdictionId = jurisdictionId,
            AttributesJson = JsonSerializer.Serialize(attributes),
            AssignmentsJson = JsonSerializer.Serialize(assignments),
            CreatedBy = actor.Id,
            CreatedAt = now,
        };
        Db.Matters.Add(matter);
        return matter;
    }

    /// <summary>Whether the procedure would start for a document with these attributes and assignments (asked of the engine, nothing written).</summary>
    public IReadOnlyList<Refusal> CheckStart(Guid documentId, IReadOnlyDictionary<string, bool> attributes,
        IReadOnlyDictionary<string, string> assignments, JurisdictionSnapshot snapshot, Actor actor)
    {
        // Installed: the module's descriptor names it, and the server does not start without it (ModuleStepCheck).
        var definition = registry.Latest(NormativeSteps.Definition)
            ?? throw new InvalidOperationException($"Definition {NormativeSteps.Definition} is not installed.");
        var decision = engine.Decide(definition, null, new WorkflowCommand.Start(documentId, documentId.ToString(), attributes, assignments, snapshot), actor, clock.GetUtcNow());
        return decision.Accepted ? [] : [.. decision.Refusals];
    }

    /// <summary>
    /// Starts the procedure of a new document in the transaction that writes it: <paramref name="rows"/> adds the
    /// document, its history and its matter (<see cref="AddMatterAsync"/>), and the engine's start is saved with them —
    /// all or nothing. The instance id is the document's, so a retry cannot start a second one.
    /// </summary>
    public async Task<CommandResult> StartAsync(IdempotencyKey key, Guid documentId, IReadOnlyDictionary<string, bool> attributes,
        IReadOnlyDictionary<string, string> assignments, JurisdictionSnapshot snapshot, Actor actor, Func<CancellationToken, Task> rows, CancellationToken ct)
    {
        var command = new WorkflowCommand.Start(documentId, documentId.ToString(), attributes, assignments, snapshot);
        return await commands.StartNewMatterAsync(key, NormativeSteps.Definition, command, actor, ct, (_, c) => Refusing(rows)(c));
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may complete <paramref name="stepId"/> with <paramref name="outcome"/> now, asked of
    /// the engine without writing anything. Throws the refusal (the step is not open: 409; not this person's task: 403;
    /// a required comment missing …). Does nothing for a document without a procedure.
    /// </summary>
    public async Task CheckAsync(Guid documentId, string stepId, string outcome, string? comment, string command, Actor actor, CancellationToken ct)
    {
        if (await LoadAsync(documentId, ct) is not { } procedure)
        {
            return;
        }
        if (procedure.OpenTask(stepId) is not { } task)
        {
            throw new NormativeRefusedException(ModuleWrites.StepNotOpenRefusal(procedure.Definition, stepId));
        }
        var decision = engine.Decide(procedure.Definition, procedure.State, new WorkflowCommand.CompleteTask(task.Id, outcome, comment, null, command),
            actor, clock.GetUtcNow());
        if (!decision.Accepted)
        {
            throw new NormativeRefusedException([.. decision.Refusals]);
        }
    }

    /// <summary>
    /// The act's record and its step in <b>one transaction</b>: <paramref name="write"/> adds the module's rows (it loads
    /// what it changes: it runs inside the engine command's transaction, again on each of its retries, and re-checks
    /// the stage it needs), and the step's task is completed — or the step's signal sent — by the same commit, through
    /// the module write path (<see cref="ModuleWriter"/>). A failure anywhere rolls back both. A refusal the write
    /// throws (<see cref="NormativeRefusedException"/>) writes nothing. Without <paramref name="act"/>, or for a
    /// document drafted before the procedure existed, the rows are saved alone (one commit).
    /// </summary>
    /// <remarks>
    /// The command is remembered under <see cref="Key"/> (this person, this act, the step's task, the request): a
    /// second click of the same request is answered from there by <see cref="AnsweredAsync"/>, and a concurrent one
    /// that lost the race here gets the first one's answer rather than a refusal.
    /// </remarks>
    public async Task ActAsync(Guid documentId, NormativeAct? act, Actor actor, Func<CancellationToken, Task> write, CancellationToken ct)
    {
        if (act is null || await LoadAsync(documentId, ct) is not { } procedure)
        {
            await write(ct);
            await Db.SaveChangesAsync(ct);
            return;
        }
        IdempotencyKey key;
        CommandResult result;
        if (act.Signal)
        {
            key = Key(actor, act.Command, act.Outcome, documentId, act.Request);
            result = await commands.ExecuteAsync(key, documentId, new WorkflowCommand.Signal(act.Command, act.Comment, JsonSerializer.Serialize(act.Data, ApiJson.Options)),
                actor, StatusCodes.Status200OK, ct, (_, c) => Refusing(write)(c));
        }
        else
        {
            var task = procedure.OpenTask(act.StepId) ?? throw new NormativeRefusedException(ModuleWrites.StepNotOpenRefusal(procedure.Definition, act.StepId));
            key = Key(actor, act.Command, act.Outcome, task.Id, act.Request);
            result = await writer.CompleteAsync(key, procedure, task, act.Outcome, act.Comment, act.Data, actor, (_, c) => Refusing(write)(c), ct, by: act.Command);
        }
        if (result.Refusals.Count > 0 && await CommandReplay.FindAsync(Db, key, ct) is not { Refusals.Count: 0 })
        {
            throw new NormativeRefusedException(result.Refusals);
        }
    }

    /// <summary>
    /// Whether this person already did this act, with this request, on the step's latest pass (its task is done, or
    /// for a signal, the step's signal was sent): a second click, or a retry after a lost answer, then gets the document
    /// as it is and nothing is written again. A different request on a done step is not an answer: the act's own stage
    /// check refuses it.
    /// </summary>
    public async Task<bool> AnsweredAsync(Guid documentId, string stepId, string command, string outcome, object request, Actor actor, CancellationToken ct, bool signal = false)
    {
        if (await LoadAsync(documentId, ct) is not { } procedure)
        {
            return false;
        }
        Guid anchor;
        if (signal)
        {
            anchor = documentId;
        }
        else if (procedure.LatestTask(stepId) is { Status: not WorkTaskStatus.Open } done)
        {
            anchor = done.Id;
        }
        else
        {
            return false;
        }
        return await CommandReplay.FindAsync(Db, Key(actor, command, outcome, anchor, request), ct) is { Refusals.Count: 0 };
    }

    /// <summary>The key an act is remembered under: per person, act and task (each pass of a step has its own task), over the request.</summary>
    private static IdempotencyKey Key(Actor actor, string command, string outcome, Guid anchor, object request) =>
        IdempotencyKey.For(actor.Id, null, $"normative:{command}:{anchor}", $"normative {command}", new { anchor, outcome, request });

    /// <summary>A refusal found inside the command's transaction rolls it back (<see cref="CommandRefusedException"/>).</summary>
    private static Func<CancellationToken, Task> Refusing(Func<CancellationToken, Task> write) => async ct =>
    {
        try
        {
            await write(ct);
        }
        catch (NormativeRefusedException refused)
        {
            throw new CommandRefusedException([.. refused.Refusals]);
        }
    };

    /// <summary>
    /// The filing steps follow the filings (one per recipient): the filing task is done once every recipient has been
    /// filed with, the filing review once every recipient has accepted. The act that makes it so completes the step in
    /// its own transaction (<see cref="Filings"/>); this catch-up runs after a filing act that did not, for the one case
    /// it could not see: two recipients' acts on one document at the same moment, each seeing the other not yet done.
    /// It writes no rows, and a concurrent catch-up that got there first makes it do nothing.
    /// </summary>
    public async Task FollowFilingsAsync(Guid documentId, Actor actor, CancellationToken ct)
    {
        if (await LoadAsync(documentId, ct) is not { } procedure)
        {
            return;
        }
        var filings = await Db.Set<NormativeFiling>().AsNoTracking().Where(f => f.DocumentId == documentId).ToListAsync(ct);
        var catchUp = new { catchUp = documentId };
        NormativeAct? act = null;
        if (filings.Count > 0 && procedure.OpenTask(NormativeSteps.Filing) is not null && filings.All(f => f.FirstFiledOn is not null))
        {
            act = new NormativeAct(NormativeSteps.Filing, NormativeCommands.Filing, "filed", null,
                new { filings = filings.Select(f => new { f.Id, f.RecipientOrganizationId, f.FirstFiledOn, f.DueOn }) }, catchUp);
        }
        else if (filings.Count > 0 && procedure.State.Steps.GetValueOrDefault(NormativeSteps.FilingReview)?.Status == StepStatus.Active
            && filings.All(f => f.Status == FilingStatuses.Accepted))
        {
            act = Filings.ConcludedSignal(filings.Select(f => (f.Id, f.RecipientOrganizationId, f.Result)), catchUp);
        }
        if (act is null)
        {
            return;
        }
        try
        {
            await ActAsync(documentId, act, actor, _ => Task.CompletedTask, ct);
        }
        catch (NormativeRefusedException)
        {
            // The concurrent act's own catch-up completed the step first.
        }
    }

    /// <summary>Whether a document runs on the procedure (it has an instance).</summary>
    public Task<bool> RunsAsync(Guid documentId, CancellationToken ct) => Db.Instances.AsNoTracking().AnyAsync(i => i.MatterId == documentId, ct);
}

/// <summary>
/// The step an act completes: its task's outcome, comment and journaled data, by the step's domain command
/// (<see cref="NormativeCommands"/>); <see cref="Signal"/>: the step waits for an event, and <see cref="Command"/> is
/// the signal sent. <see cref="Request"/> is what the person asked (the act's idempotency is over it).
/// </summary>
public sealed record NormativeAct(string StepId, string Command, string Outcome, string? Comment, object Data, object Request, bool Signal = false);
