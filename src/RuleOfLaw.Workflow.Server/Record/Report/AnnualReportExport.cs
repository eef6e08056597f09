using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Server.Record.Indicators;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RuleOfLaw.Workflow.Server.Record.Report;

/// <summary>
/// The annual report draft (issue 15 item 4) from an <see cref="IndicatorReport"/> — the same figures the API and the
/// dashboard show: an XLSX workbook with one sheet per indicator group (the figures with their definitions and legal
/// bases, then every figure's drill-down rows) and a DOCX draft of the report's sections on major decisions
/// (<see cref="AnnualReportText"/>) and normative documents (<see cref="NormativeIndicators.ReportParagraph"/>).
/// </summary>
public sealed class AnnualReportExport(IEnumerable<IIndicatorProvider> providers)
{
    public static readonly IReadOnlyDictionary<string, string> GroupSheets = new Dictionary<string, string>
    {
        [MajorDecisionIndicators.Decisions] = "决策数量",
        [MajorDecisionIndicators.Steps] = "程序履行",
        [MajorDecisionIndicators.Participation] = "公众参与与专家论证",
        [MajorDecisionIndicators.AfterDecision] = "决策后",
        [NormativeIndicators.Group] = "行政规范性文件",
    };

    public static readonly string[] FigureHeader = ["指标编号", "指标", "数值", "基数", "比例(%)", "目标", "是否达标", "不合规件数", "定义", "法律依据"];
    public static readonly string[] RowHeader = ["指标编号", "事项编号", "事项", "承办单位", "计入", "违反100%要求", "日志序号", "说明"];

    public async Task WriteXlsxAsync(IndicatorReport report, IndicatorScope scope, Stream output, CancellationToken ct)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        foreach (var group in report.Indicators.GroupBy(i => i.Definition.Group))
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(FigureHeader.Select(Text)));
            foreach (var view in group)
            {
                var f = view.Figure;
                data.Append(Row([
                    Text(view.Definition.Id), Text(view.Definition.Name), Number(f.Value), f.Of is { } of ? Number(of) : Text(""),
                    f.Percent is { } p ? Number(p) : Text(""), f.Target is { } t ? Number(t) : Text(""), Text(f.Met switch { true => "是", false => "否", null => "" }),
                    Number(f.Breaking), Text(view.Definition.Definition), Text(view.Definition.LegalBasis),
                ]));
            }
            data.Append(Row([]));
            data.Append(Row(RowHeader.Select(Text)));
            foreach (var view in group)
            {
                foreach (var row in await DrillAsync(scope, view.Definition.Id, ct))
                {
                    data.Append(Row([
                        Text(view.Definition.Id), Text(row.Number), Text(row.Title), Text(row.DraftingUnitId), Text(row.Counted ? "是" : "否"),
                        Text(row.Breaks ? "是" : "否"), Text(string.Join(",", row.JournalSequences)), Text(row.Note ?? ""),
                    ]));
                }
            }
            part.Worksheet = new Worksheet(data);
            sheets.Append(new Sheet
            {
                Id = workbook.GetIdOfPart(part), SheetId = sheetId++,
                Name = GroupSheets.GetValueOrDefault(group.Key, group.Key),
            });
        }
        workbook.Workbook.Save();
    }

    public static void WriteDocx(IndicatorReport report, Stream output)
    {
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var figures = report.Indicators.ToDictionary(i => i.Definition.Id, i => i.Figure);
        var organ = report.OrganName + (report.DepartmentName is null ? "" : report.DepartmentName);
        var body = new W.Body(
            Paragraph($"{organ}{report.Year}年度法治政府建设情况报告（草稿）", bold: true),
            Paragraph("二、坚持科学民主依法决策，推进重大行政决策规范化", bold: true));
        foreach (var text in AnnualReportText.MajorDecisions(organ, report.Year, figures))
        {
            body.Append(Paragraph(text));
        }
        if (NormativeIndicators.ReportParagraph(figures) is { } normative)
        {
            body.Append(Paragraph("三、加强行政规范性文件监督管理", bold: true));
            body.Append(Paragraph(normative));
        }
        body.Append(Paragraph($"（本节数据由系统根据决策档案自动生成，统计口径见各指标定义；生成时间范围：{report.From:yyyy-MM-dd HH:mm}至{report.To:yyyy-MM-dd HH:mm} UTC。）"));
        main.Document = new W.Document(body);
        main.Document.Save();
    }

    private async Task<IReadOnlyList<RuleOfLaw.Workflow.Record.Indicators.IndicatorRow>> DrillAsync(IndicatorScope scope, string id, CancellationToken ct)
    {
        foreach (var provider in providers)
        {
            if (await provider.DrillDownAsync(scope, id, ct) is { } rows)
            {
                return rows;
            }
        }
        return [];
    }

    private static W.Paragraph Paragraph(string text, bool bold = false)
    {
        var run = new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold)
        {
            run.RunProperties = new W.RunProperties(new W.Bold());
        }
        return new W.Paragraph(run);
    }

    private static Row Row(IEnumerable<Cell> cells) => new(cells);

    private static Cell Text(string value) => new(new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString };

    private static Cell Number(decimal value) => new(new CellValue(value)) { DataType = CellValues.Number };
}
