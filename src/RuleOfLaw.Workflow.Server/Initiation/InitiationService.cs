using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Initiation;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Initiation;

/// <summary>
/// The initiation's acts for the API and the step page (第三条、第十条至第十五条): the latest initiation record, recording
/// one, and changing the matter's attributes with a reason. The rules are <see cref="InitiationRules"/>'s; this loads
/// the procedure and writes through the module write path.
/// </summary>
public sealed class InitiationService(
    CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock)
{
    public async Task<ModuleOutcome<InitiationView>> GetAsync(Guid matterId, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return refusal!;
        }
        return await InitiationModule.Latest(db, matterId, ct) is { } latest ? ModuleOutcome<InitiationView>.Ok(InitiationView.From(latest)) : InitiationRules.NoRecord();
    }

    public async Task<ModuleOutcome<InitiationView>> RecordAsync(Guid matterId, InitiationRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var invalid = InitiationRules.Invalid(new InitiationForm(request.ProposalSource, request.ProposalDetail, request.InCatalogue, request.CatalogueYear,
            request.CatalogueItem, request.NotDisclosableGround, request.UrgentReason), procedure.State.Attributes);
        if (invalid.Count > 0)
        {
            return ModuleOutcome<InitiationView>.Refused(invalid);
        }
        if (InitiationRules.Forbidden(MatterAccess.CanDraft(procedure.Matter, actor)) is { } forbidden)
        {
            return forbidden;
        }
        var key = ModuleWrites.Key(actor, clientKey, $"initiation:{matterId}", $"POST /api/matters/{matterId}/initiation", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new MatterInitiation
        {
            Id = rowId, MatterId = matterId, InstanceId = procedure.Record.Id, ProposalSource = request.ProposalSource!, ProposalDetail = request.ProposalDetail,
            InCatalogue = request.InCatalogue, CatalogueYear = request.InCatalogue ? request.CatalogueYear : null,
            CatalogueItem = request.InCatalogue ? request.CatalogueItem : null, NotDisclosableGround = request.NotDisclosableGround,
            UrgentReason = request.UrgentReason, RecordedBy = actor.Id, RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleActs.RecordRowAsync(commands, db, key, procedure, actor, "InitiationRecorded", InitiationRules.Step, null, request, row, rowId,
            InitiationView.From, ct);
    }

    /// <summary>Changes the attributes of the matter and its procedure in one transaction (the engine journals the change and re-evaluates the gates).</summary>
    public async Task<ModuleOutcome<CommandResult>> ChangeAttributesAsync(Guid matterId, ChangeAttributesRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        if (InitiationRules.InvalidAttributeChange(request.Attributes, request.Reason) is { } invalid)
        {
            return invalid;
        }
        if (InitiationRules.Forbidden(MatterAccess.CanDraft(procedure.Matter, actor), attributes: true) is { } forbidden)
        {
            return forbidden;
        }
        var key = ModuleWrites.Key(actor, clientKey, $"attributes:{matterId}", $"POST /api/matters/{matterId}/attributes", request);
        var result = await commands.ExecuteAsync(key, procedure.Record.Id, new WorkflowCommand.ChangeAttributes(request.Attributes!, request.Reason!), actor,
            StatusCodes.Status200OK, ct, async (decision, token) =>
            {
                // The matter shows the same attributes as its procedure (same transaction).
                var matter = await db.Matters.SingleAsync(m => m.Id == matterId, token);
                matter.AttributesJson = JsonSerializer.Serialize(decision.State!.Attributes);
            });
        return result.Refusals.Count > 0 ? ModuleOutcome<CommandResult>.Refused(result.Refusals) : ModuleOutcome<CommandResult>.Ok(result);
    }
}
