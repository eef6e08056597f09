using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.RiskAssessment;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.RiskAssessment;

/// <summary>
/// The risk assessment's acts for the API and the step page (第二十二条至第二十四条): the matter's reports, and the
/// report of the open risk-assessment task. The rules are <see cref="RiskRules"/>'s; this loads the procedure and
/// writes through the module write path.
/// </summary>
public sealed class RiskAssessmentService(
    CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock)
{
    public async Task<ModuleOutcome<List<RiskReportView>>> ReportsAsync(Guid matterId, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var rows = await db.Set<RiskAssessmentReport>().AsNoTracking().Where(r => r.InstanceId == procedure.Record.Id).ToListAsync(ct);
        return ModuleOutcome<List<RiskReportView>>.Ok(rows.OrderBy(r => r.RecordedAt).Select(RiskReportView.From).ToList());
    }

    public async Task<ModuleOutcome<RiskReportView>> ReportAsync(Guid matterId, RiskReportRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var (accepted, invalid) = RiskRules.Accept(new RiskReportForm(
            request.RiskPoints, request.Measures, request.ContingencyPlan, request.Conclusion, request.Reference, request.ReferenceValidUntil));
        if (invalid is not null)
        {
            return invalid;
        }
        var task = procedure.OpenTask(RiskRules.Step);
        if (task is null)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, RiskRules.Step);
        }
        if (RiskRules.Forbidden(actor.Holds(Roles.RiskAssessor, task.OrganizationId)) is { } forbidden)
        {
            return forbidden;
        }
        var isReference = accepted!.IsReference;
        var key = ModuleWrites.Key(actor, clientKey, $"risk-report:{task.Id}", $"POST /api/matters/{matterId}/risk-assessment/reports", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new RiskAssessmentReport
        {
            Id = rowId, MatterId = matterId, InstanceId = procedure.Record.Id, TaskId = task.Id,
            RiskPointsJson = isReference ? null : JsonSerializer.Serialize(request.RiskPoints),
            Measures = isReference ? null : request.Measures, ContingencyPlan = isReference ? null : request.ContingencyPlan,
            Conclusion = isReference ? null : request.Conclusion, Reference = isReference ? request.Reference : null,
            ReferenceValidUntil = accepted.ReferenceValidUntil,
            RecordedBy = actor.Id, RecordedByName = actor.DisplayName, RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleActs.RecordRowAsync(commands, db, key, procedure, actor, "RiskReportRecorded", RiskRules.Step, null,
            new
            {
                reportId = rowId, request.RiskPoints, request.Measures, request.ContingencyPlan, request.Conclusion, request.Reference,
                referenceValidUntil = accepted.ReferenceValidUntil,
            },
            row, rowId, RiskReportView.From, ct);
    }
}
