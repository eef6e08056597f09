using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Record.Indicators;
using RuleOfLaw.Workflow.Server.Record.Report;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>The annual report draft (issue 15 item 4): both files opened and every figure checked against the API.</summary>
public sealed class AnnualReportTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_xlsx_and_docx_hold_the_figures_the_api_answers(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        await server.WithDatabaseAsync(SeededYear.WriteAsync);
        var chief = await server.SignInAsync("chief");
        const string query = "organId=demo-county&year=2026";
        var api = await chief.GetAsync($"/api/record/indicators?{query}").ExpectAsync<IndicatorReport>(HttpStatusCode.OK, server);

        // XLSX: one sheet per group; each indicator's row has the API's value, base, rate and breakers; the drill-down rows follow.
        using var xlsxResponse = await chief.GetAsync($"/api/record/report.xlsx?{query}");
        await xlsxResponse.ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal(ReportEndpoints.XlsxType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync()), false);
        var workbook = xlsx.WorkbookPart!;
        var sheetNames = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal(AnnualReportExport.GroupSheets.Values.Order(), sheetNames.Order());
        var rows = workbook.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Row>()).Select(r => r.Elements<Cell>().Select(CellText).ToList()).ToList();
        foreach (var view in api.Indicators)
        {
            var figureRow = rows.First(r => r.Count == AnnualReportExport.FigureHeader.Length && r[0] == view.Definition.Id);
            var f = view.Figure;
            Assert.Equal(
                (f.Value.ToString(), f.Of?.ToString() ?? "", f.Percent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", f.Breaking.ToString()),
                (figureRow[2], figureRow[3], figureRow[4], figureRow[7]));
            Assert.Equal(view.Definition.LegalBasis, figureRow[9]);
        }
        var legalityRows = rows.Where(r => r.Count == AnnualReportExport.RowHeader.Length && r[0] == "legality-review-rate").ToList();
        Assert.Equal(["2026-9001", "2026-9002", "2026-9003", "2026-9008"], legalityRows.Select(r => r[1]));
        Assert.Equal(["2026-9008"], legalityRows.Where(r => r[5] == "是").Select(r => r[1]));

        // DOCX: the section's sentences carry the API's figures; with breaches, no sentence claims every procedure was followed.
        using var docxResponse = await chief.GetAsync($"/api/record/report.docx?{query}");
        await docxResponse.ExpectAsync(HttpStatusCode.OK, server);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await docxResponse.Content.ReadAsByteArrayAsync()), false);
        var paragraphs = docx.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        var text = string.Join("\n", paragraphs);
        var figure = api.Indicators.ToDictionary(i => i.Definition.Id, i => i.Figure);
        Assert.Contains($"共启动重大行政决策事项{figure["matters-started"].Value}件，作出重大行政决策{figure["matters-decided"].Value}件。", text);
        Assert.Contains($"合法性审查率为75%（应履行4件，已履行3件，1件未履行）", text);
        Assert.Contains($"重大行政决策合法性审查率75%，法律顾问、公职律师参与率50%；决策公开率66.7%，立卷归档率50%。", text);
        Assert.Contains($"收到公众意见{figure["comments-received"].Value}条，已反馈{figure["comments-answered"].Value}条，采纳{figure["comments-adopted"].Value}条；举行听证会1次；专家签署论证意见2份。", text);
        Assert.Contains("开展重大行政决策后评估2件，完成1件，达到每年至少2件的要求。", text);
        Assert.Contains("报备3件次，按期报备2件次，备案及时率66.7%。", text);
        Assert.DoesNotContain("均严格履行", text);

        await (await server.SignInAsync("drafter")).GetAsync($"/api/record/report.docx?{query}").ReadProblemAsync(HttpStatusCode.Forbidden);

        string CellText(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
    }
}
