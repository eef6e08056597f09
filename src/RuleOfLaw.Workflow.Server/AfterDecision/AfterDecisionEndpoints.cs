using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// After the collective decision: the Party committee report, publication, filing per recipient and archiving. Thin:
/// each handler calls <see cref="AfterDecisionService"/> (the rules are in <c>RuleOfLaw.Workflow.AfterDecision</c>)
/// and sends its answer; the step's task is then completed as usual and its guard (<see cref="AfterDecisionGuard"/>)
/// checks the record exists.
/// </summary>
public static class AfterDecisionEndpoints
{
    public static void MapAfterDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}").WithTags("After the decision");
        group.MapPost("/party-committee-report", async (Guid id, PartyReportRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                AfterDecisionService service, CancellationToken ct) => (await service.ReportToPartyAsync(id, request, key, ct)).ToHttp())
            .WithSummary("Record the report to the Party committee before issuing (第三十一条)").Produces<PartyReportView>(StatusCodes.Status201Created);
        group.MapGet("/party-committee-report", async (Guid id, AfterDecisionService service, CancellationToken ct) => (await service.PartyReportsAsync(id, ct)).ToHttp())
            .WithSummary("The Party committee report(s) of the matter").Produces<List<PartyReportView>>();
        group.MapPost("/publication", async (Guid id, DecisionPublicationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                AfterDecisionService service, CancellationToken ct) => (await service.PublishAsync(id, request, key, ct)).ToHttp())
            .WithSummary("Record the publication: channels, date, use of public and expert opinions (第三十二条)").Produces<PublicationView>(StatusCodes.Status201Created);
        group.MapGet("/publication", async (Guid id, AfterDecisionService service, CancellationToken ct) => (await service.PublicationsAsync(id, ct)).ToHttp())
            .WithSummary("The publication record(s)").Produces<List<PublicationView>>();
        group.MapGet("/filings", async (Guid id, AfterDecisionService service, CancellationToken ct) => (await service.FilingsAsync(id, ct)).ToHttp())
            .WithSummary("Filing per recipient: each deadline after issuance, submitted, receipt, on time or late").Produces<List<FilingView>>();
        group.MapPost("/filings", async (Guid id, FilingRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                AfterDecisionService service, CancellationToken ct) => (await service.FileAsync(id, request, key, ct)).ToHttp())
            .WithSummary("Record the filing with one recipient (submitted date, optional receipt)").Produces<FilingView>(StatusCodes.Status201Created);
        group.MapPost("/filings/{recipientId}/receipt", async (Guid id, string recipientId, ReceiptRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? key, AfterDecisionService service, CancellationToken ct) =>
                (await service.RecordReceiptAsync(id, recipientId, request, key, ct)).ToHttp())
            .WithSummary("Record the recipient's receipt (number, date)").Produces<FilingView>();
        group.MapGet("/archive/checklist", async (Guid id, AfterDecisionService service, CancellationToken ct) => (await service.ChecklistAsync(id, ct)).ToHttp())
            .WithSummary("The dossier's completeness check (第三十三条)").Produces<List<ChecklistItem>>();
        group.MapPost("/archive", async (Guid id, ArchiveRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                AfterDecisionService service, CancellationToken ct) => (await service.ArchiveAsync(id, request, key, ct)).ToHttp())
            .WithSummary("Archive the dossier: refused while required records are missing (第三十三条)").Produces<ArchiveView>(StatusCodes.Status201Created);
        group.MapGet("/archive", async (Guid id, AfterDecisionService service, CancellationToken ct) => (await service.ArchivesAsync(id, ct)).ToHttp())
            .WithSummary("The archiving record(s)").Produces<List<ArchiveView>>();
    }
}
