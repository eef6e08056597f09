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
/// <para>Order of an act: the module's rules first (their refusals keep their codes and articles), then
/// <see cref="CheckAsync"/> asks the engine — purely, nothing written — whether the step's task is open and this person
/// may complete it with that outcome, then the module writes its record, then <see cref="CompleteAsync"/> completes the
/// task. A refusal at either check writes nothing. The record and the step are two commits: the engine command is the
/// one the check just accepted, so only a concurrent act on the same document can make it fail; that is logged as a
/// warning naming the document and the step, whose task then stays open (the record is the authority on the
/// document's stage).</para>
/// <para>Documents drafted before the procedure existed have no matter and run by their status alone, as before.</para>
/// </remarks>
public sealed partial class DocumentProcedure(
    ModuleWriter writer, DefinitionRegistry registry, InstanceCommandService commands,
    Engine.Execution.WorkflowEngine engine, TimeProvider clock, ILogger<DocumentProcedure> logger)
{
    private WorkflowDbContext Db => writer.Db;

    /// <summary>The document's procedure, or null for a document drafted before the procedure existed.</summary>
    public Task<MatterProcedure?> LoadAsync(Guid documentId, CancellationToken ct) => writer.LoadAsync(documentId, ct);

    /// <summary>
    /// The organizations the steps' scopes name: the issuer's drafting unit, the government's justice office, and for a
    /// government document the government (executive meeting) and its general office (agenda); a department document's
    /// office meeting is its own head's.
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
            Number = await MatterCreation.NextNumberAsync(Db, localYear, ct),
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

    /// <summary>Starts the procedure of a saved matter: the instance id is the matter's, so a retry cannot start a second one.</summary>
    public async Task<IReadOnlyList<Refusal>> StartAsync(Matter matter, JurisdictionSnapshot snapshot, Actor actor, CancellationToken ct)
    {
        var attributes = JsonSerializer.Deserialize<Dictionary<string, bool>>(matter.AttributesJson) ?? [];
        var key = IdempotencyKey.For(actor.Id, null, $"normative-start:{matter.Id}", "POST /api/normative-documents", new { matter.Id });
        var command = new WorkflowCommand.Start(matter.Id, matter.Id.ToString(), attributes, MatterAccess.Assignments(matter), snapshot);
        var result = await commands.ExecuteAsync(key, matter.Id, command, actor, StatusCodes.Status201Created, ct);
        return result.Refusals;
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

    /// <summary>Completes the open task of <paramref name="stepId"/> by the module's command, after the module's record is saved.</summary>
    public async Task CompleteAsync(Guid documentId, string stepId, string outcome, string? comment, object data, string command, Actor actor, CancellationToken ct)
    {
        if (await LoadAsync(documentId, ct) is not { } procedure || procedure.OpenTask(stepId) is not { } task)
        {
            return;
        }
        var key = IdempotencyKey.For(actor.Id, null, $"normative:{command}:{task.Id}", $"normative {command}", new { task.Id, outcome });
        var result = await writer.CompleteAsync(key, procedure, task, outcome, comment, data, actor, (_, _) => Task.CompletedTask, ct, by: command);
        if (result.Refusals.Count > 0)
        {
            LogStepNotCompleted(logger, documentId, stepId, string.Join(", ", result.Refusals.Select(r => r.Code)));
        }
    }

    /// <summary>
    /// The filing steps follow the filings (one per recipient): the filing task is done once every recipient has been
    /// filed with, and the filing review once every recipient has accepted the document (有备必审).
    /// </summary>
    public async Task FollowFilingsAsync(Guid documentId, Actor actor, CancellationToken ct)
    {
        if (await LoadAsync(documentId, ct) is not { } procedure)
        {
            return;
        }
        var filings = await Db.Set<NormativeFiling>().AsNoTracking().Where(f => f.DocumentId == documentId).ToListAsync(ct);
        if (filings.Count == 0)
        {
            return;
        }
        if (procedure.OpenTask(NormativeSteps.Filing) is not null && filings.All(f => f.FirstFiledOn is not null))
        {
            await CompleteAsync(documentId, NormativeSteps.Filing, "filed", null,
                new { filings = filings.Select(f => new { f.Id, f.RecipientOrganizationId, f.FirstFiledOn, f.DueOn }) }, NormativeCommands.Filing, actor, ct);
            procedure = await LoadAsync(documentId, ct);
        }
        if (procedure!.State.Steps.GetValueOrDefault(NormativeSteps.FilingReview)?.Status == StepStatus.Active
            && filings.All(f => f.Status == FilingStatuses.Accepted))
        {
            var key = IdempotencyKey.For(actor.Id, null, $"normative-filing-review:{documentId}", "normative filing review", new { documentId });
            var result = await commands.ExecuteAsync(key, documentId, new WorkflowCommand.Signal(NormativeCommands.FilingReviewConcluded,
                "全部备案机关审查通过。Every filing recipient has accepted the document.",
                JsonSerializer.Serialize(new { filings = filings.Select(f => new { f.Id, f.RecipientOrganizationId, f.Result }) }, ApiJson.Options)),
                actor, StatusCodes.Status200OK, ct);
            if (result.Refusals.Count > 0)
            {
                LogStepNotCompleted(logger, documentId, NormativeSteps.FilingReview, string.Join(", ", result.Refusals.Select(r => r.Code)));
            }
        }
    }

    /// <summary>Whether a document runs on the procedure (it has an instance).</summary>
    public Task<bool> RunsAsync(Guid documentId, CancellationToken ct) => Db.Instances.AsNoTracking().AnyAsync(i => i.MatterId == documentId, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Normative document {DocumentId}: its record was saved but step {StepId} was not completed ({Codes})")]
    private static partial void LogStepNotCompleted(ILogger logger, Guid documentId, string stepId, string codes);
}
