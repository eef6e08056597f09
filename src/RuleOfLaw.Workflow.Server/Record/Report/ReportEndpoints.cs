using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Record.Indicators;

namespace RuleOfLaw.Workflow.Server.Record.Report;

public static class ReportEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/record").WithTags("Record");
        group.MapGet("/report.xlsx", (string organId, int year, string? departmentId, CurrentActor current, IndicatorService service, AnnualReportExport export, CancellationToken ct) =>
                WriteAsync(organId, year, departmentId, current, service, XlsxType, "xlsx", (report, scope, stream) => export.WriteXlsxAsync(report, scope, stream, ct), ct))
            .WithSummary("The year's figures as an XLSX workbook: one sheet per indicator group with the drill-down rows; supervisors only")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType);
        group.MapGet("/report.docx", (string organId, int year, string? departmentId, CurrentActor current, IndicatorService service, CancellationToken ct) =>
                WriteAsync(organId, year, departmentId, current, service, DocxType, "docx", (report, _, stream) =>
                {
                    AnnualReportExport.WriteDocx(report, stream);
                    return Task.CompletedTask;
                }, ct))
            .WithSummary("A DOCX draft of the annual report's section on major decisions, every figure from the record; supervisors only")
            .Produces(StatusCodes.Status200OK, contentType: DocxType);
    }

    private static async Task<IResult> WriteAsync(
        string organId, int year, string? departmentId, CurrentActor current, IndicatorService service, string contentType, string extension,
        Func<IndicatorReport, IndicatorScope, Stream, Task> write, CancellationToken ct)
    {
        var (scope, organName, departmentName, refusal) = await service.ScopeAsync(await current.GetAsync(ct), organId, year, departmentId, ct);
        if (scope is null)
        {
            return RecordProblems.ToHttp(refusal!);
        }
        var report = await service.ComputeAsync(scope, organName, departmentName, ct);
        var buffer = new MemoryStream();
        await write(report, scope, buffer);
        buffer.Position = 0;
        return Results.File(buffer, contentType, $"report-{organId}-{year}{(string.IsNullOrEmpty(departmentId) ? "" : "-" + departmentId)}.{extension}");
    }
}
