using System.Globalization;
using System.Net;
using System.Text;

namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>One bar group of a chart: a label and one value per series (null = no value, e.g. a rate with nothing to count).</summary>
public sealed record ChartRow(string Label, IReadOnlyList<decimal?> Values, bool Breaches);

/// <summary>
/// Horizontal bar charts drawn on the server as SVG text (issue 15 item 3: no chart library fetched at run time).
/// Accessible: <c>role="img"</c> with a title and a description naming every value, each bar with its own
/// <c>&lt;title&gt;</c>, the series told apart by pattern as well as colour, and the page shows the same figures in a
/// table. Values are percentages (0-100).
/// </summary>
public static class SvgBarChart
{
    private const int LabelWidth = 220;
    private const int BarArea = 420;
    private const int BarHeight = 14;
    private const int Gap = 10;

    public static string Percentages(string id, string title, IReadOnlyList<string> series, IReadOnlyList<ChartRow> rows)
    {
        var groupHeight = series.Count * BarHeight + Gap;
        var height = 30 + rows.Count * groupHeight + 20;
        var width = LabelWidth + BarArea + 70;
        var description = string.Join("；", rows.Select(r => r.Label + "：" + string.Join("，",
            series.Select((s, i) => $"{s} {Format(r.Values.ElementAtOrDefault(i))}"))));
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{E(id)}\" class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-labelledby=\"{E(id)}-title {E(id)}-desc\" width=\"100%\" style=\"max-width:{width}px\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-title\">{E(title)}</title><desc id=\"{E(id)}-desc\">{E(description)}</desc>")
            .Append("<defs><pattern id=\"").Append(E(id)).Append("-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
            .Append("<rect width=\"6\" height=\"6\" fill=\"#9db4d0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#33557a\" stroke-width=\"2\"/></pattern></defs>");
        // Legend.
        for (var i = 0; i < series.Count; i++)
        {
            var x = LabelWidth + i * 160;
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"6\" width=\"14\" height=\"12\" fill=\"{Fill(id, i)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 20}\" y=\"16\" font-size=\"12\">{E(series[i])}</text>");
        }
        // The 100 % line: a legal requirement is met only at it.
        s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth + BarArea}\" y1=\"24\" x2=\"{LabelWidth + BarArea}\" y2=\"{height - 16}\" stroke=\"#555\" stroke-dasharray=\"3 3\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + BarArea}\" y=\"{height - 4}\" font-size=\"11\" text-anchor=\"middle\">100%</text>");
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var top = 30 + r * groupHeight;
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{top + series.Count * BarHeight / 2 + 4}\" font-size=\"12\" text-anchor=\"end\"")
                .Append(row.Breaches ? " font-weight=\"bold\" fill=\"#a00000\">" : ">").Append(E(row.Label + (row.Breaches ? " ⚠" : ""))).Append("</text>");
            for (var i = 0; i < series.Count; i++)
            {
                var value = row.Values.ElementAtOrDefault(i);
                var y = top + i * BarHeight;
                var w = value is { } v ? (int)Math.Round(BarArea * Math.Clamp(v, 0, 100) / 100m) : 0;
                s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{w}\" height=\"{BarHeight - 2}\" fill=\"{Fill(id, i)}\">")
                    .Append("<title>").Append(E($"{row.Label}，{series[i]}：{Format(value)}")).Append("</title></rect>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 4}\" y=\"{y + BarHeight - 3}\" font-size=\"11\">{E(Format(value))}</text>");
            }
        }
        return s.Append("</svg>").ToString();
    }

    private static string Fill(string id, int series) => series == 0 ? "#1f4e79" : $"url(#{E(id)}-hatch)";

    public static string Format(decimal? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
