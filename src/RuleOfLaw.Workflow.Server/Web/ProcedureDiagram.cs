using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>How a step is drawn: one of five states a reader must tell apart at a glance (and not by colour alone).</summary>
public enum DiagramState { Done, Current, Skipped, Blocked, Upcoming, Cancelled }

public sealed record DiagramNode(string StepId, string Title, string? Article, DiagramState State, string? Why, int Layer, int Position, double X, double Y);

public sealed record DiagramEdge(string From, string To, bool Back);

/// <summary>
/// The procedure as a layered graph drawn by the server (SVG, no script): layers from the longest path over the step
/// graph without its send-back loops, nodes in a layer ordered by their predecessors (fewer crossings), loops drawn
/// dashed at the side. Every node carries its state as a class, a text label and a tooltip saying why.
/// </summary>
public sealed class ProcedureDiagram
{
    /// <summary>Escapes markup but leaves Chinese as text (the default encoder would turn it into entities).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public const double NodeWidth = 200, NodeHeight = 52, GapX = 28, GapY = 44, Margin = 20;

    private ProcedureDiagram(IReadOnlyList<DiagramNode> nodes, IReadOnlyList<DiagramEdge> edges, double width, double height)
    {
        Nodes = nodes;
        Edges = edges;
        Width = width;
        Height = height;
    }

    public IReadOnlyList<DiagramNode> Nodes { get; }
    public IReadOnlyList<DiagramEdge> Edges { get; }
    public double Width { get; }
    public double Height { get; }

    public static ProcedureDiagram Build(ProcedureDefinition definition, InstanceState? state, IReadOnlyDictionary<string, string> blocked)
    {
        var order = definition.Steps.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var successors = definition.Steps.ToDictionary(s => s.Id, s => s.AllSuccessors().Where(order.ContainsKey).ToList());
        var back = BackEdges(definition, successors);
        var edges = successors.SelectMany(p => p.Value.Select(to => new DiagramEdge(p.Key, to, back.Contains((p.Key, to))))).ToList();

        // Longest path from the start over forward edges (Kahn's order), so every step sits below all its predecessors.
        var layer = definition.Steps.ToDictionary(s => s.Id, _ => 0);
        var indegree = definition.Steps.ToDictionary(s => s.Id, _ => 0);
        foreach (var e in edges.Where(e => !e.Back))
        {
            indegree[e.To]++;
        }
        var ready = new Queue<string>(definition.Steps.Where(s => indegree[s.Id] == 0).Select(s => s.Id));
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            foreach (var e in edges.Where(e => !e.Back && e.From == id))
            {
                layer[e.To] = Math.Max(layer[e.To], layer[id] + 1);
                if (--indegree[e.To] == 0)
                {
                    ready.Enqueue(e.To);
                }
            }
        }

        // Within a layer: by the mean position of the predecessors already placed (one downward pass), then definition order.
        var position = new Dictionary<string, double>();
        var layers = layer.GroupBy(p => p.Value).OrderBy(g => g.Key).ToList();
        var placed = new List<(string Id, int Layer, int Position)>();
        foreach (var group in layers)
        {
            var ids = group.Select(p => p.Key).OrderBy(id =>
                {
                    var preds = edges.Where(e => !e.Back && e.To == id && position.ContainsKey(e.From)).Select(e => position[e.From]).ToList();
                    return preds.Count == 0 ? double.MaxValue : preds.Average();
                }).ThenBy(id => order[id]).ToList();
            for (var i = 0; i < ids.Count; i++)
            {
                // Centred coordinates, so a lone step sits under the middle of the row above.
                position[ids[i]] = i - (ids.Count - 1) / 2.0;
                placed.Add((ids[i], group.Key, i));
            }
        }

        var widest = layers.Max(g => g.Count());
        var width = widest * NodeWidth + (widest - 1) * GapX + 2 * Margin + 60; // room at the right for the loops
        var height = layers.Count * NodeHeight + (layers.Count - 1) * GapY + 2 * Margin;
        var centre = Margin + (widest * NodeWidth + (widest - 1) * GapX) / 2;
        var nodes = placed.Select(p =>
        {
            var step = definition.Step(p.Id);
            var (drawn, why) = StateOf(step, state, blocked);
            var x = centre + position[p.Id] * (NodeWidth + GapX) - NodeWidth / 2;
            var y = Margin + p.Layer * (NodeHeight + GapY);
            return new DiagramNode(step.Id, Ui.Pick(step.Title, step.TitleEn), step.Article, drawn, why, p.Layer, p.Position, x, y);
        }).OrderBy(n => n.Layer).ThenBy(n => n.Position).ToList();
        return new ProcedureDiagram(nodes, edges, width, height);
    }

    /// <summary>Edges that close a loop (a send-back): found by a depth-first search from the start in definition order.</summary>
    private static HashSet<(string, string)> BackEdges(ProcedureDefinition definition, Dictionary<string, List<string>> successors)
    {
        var back = new HashSet<(string, string)>();
        var visited = new HashSet<string>();
        var onPath = new HashSet<string>();
        void Visit(string id)
        {
            visited.Add(id);
            onPath.Add(id);
            foreach (var next in successors[id])
            {
                if (onPath.Contains(next))
                {
                    back.Add((id, next));
                }
                else if (!visited.Contains(next))
                {
                    Visit(next);
                }
            }
            onPath.Remove(id);
        }
        foreach (var id in new[] { definition.Start }.Concat(definition.Steps.Select(s => s.Id)).Where(id => !visited.Contains(id)))
        {
            Visit(id);
        }
        return back;
    }

    private static (DiagramState, string?) StateOf(StepDefinition step, InstanceState? state, IReadOnlyDictionary<string, string> blocked)
    {
        var s = state?.Steps.GetValueOrDefault(step.Id);
        if (blocked.TryGetValue(step.Id, out var why))
        {
            return (DiagramState.Blocked, why);
        }
        return s?.Status switch
        {
            StepStatus.Completed => (DiagramState.Done, s.Outcome),
            StepStatus.Active or StepStatus.Waiting => (DiagramState.Current, null),
            StepStatus.Skipped => (DiagramState.Skipped, s.SkipReasonIn(System.Globalization.CultureInfo.CurrentUICulture)),
            StepStatus.Cancelled => (DiagramState.Cancelled, null),
            _ => (DiagramState.Upcoming, step.When is { } when ? Ui.Pick($"条件：{when}", $"Condition: {when}") : null),
        };
    }

    public static string StateLabel(DiagramState state) => state switch
    {
        DiagramState.Done => Ui.Pick("✓ 已完成", "✓ done"),
        DiagramState.Current => Ui.Pick("● 办理中", "● current"),
        DiagramState.Skipped => Ui.Pick("⊘ 不适用", "⊘ skipped"),
        DiagramState.Blocked => Ui.Pick("⚠ 受阻", "⚠ blocked"),
        DiagramState.Cancelled => Ui.Pick("✕ 已终止", "✕ cancelled"),
        _ => Ui.Pick("○ 未开始", "○ upcoming"),
    };

    public static string CssClass(DiagramState state) => "step-" + state.ToString().ToLowerInvariant();

    /// <summary>The SVG markup; <paramref name="titleId"/> labels it for assistive technology (the list beside it is the text alternative).</summary>
    public string ToSvg(string titleId, string title)
    {
        var h = Encoder;
        var byId = Nodes.ToDictionary(n => n.StepId);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" viewBox=\"0 0 {F(Width)} {F(Height)}\" width=\"{F(Width)}\" role=\"img\" aria-labelledby=\"{titleId}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{titleId}\">{h.Encode(title)}</title>");
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/></marker></defs>");
        foreach (var e in Edges)
        {
            var (a, b) = (byId[e.From], byId[e.To]);
            string d;
            if (e.Back)
            {
                // A send-back: from the right side up to the right side of the earlier step, bowed out to the right.
                var bow = Width - Margin / 2;
                d = $"M{F(a.X + NodeWidth)},{F(a.Y + NodeHeight / 2)} C{F(bow)},{F(a.Y + NodeHeight / 2)} {F(bow)},{F(b.Y + NodeHeight / 2)} {F(b.X + NodeWidth)},{F(b.Y + NodeHeight / 2)}";
            }
            else
            {
                var (x1, y1, x2, y2) = (a.X + NodeWidth / 2, a.Y + NodeHeight, b.X + NodeWidth / 2, b.Y);
                var mid = (y1 + y2) / 2;
                d = $"M{F(x1)},{F(y1)} C{F(x1)},{F(mid)} {F(x2)},{F(mid)} {F(x2)},{F(y2)}";
            }
            sb.Append(CultureInfo.InvariantCulture, $"<path class=\"edge{(e.Back ? " edge-back" : "")}\" d=\"{d}\" marker-end=\"url(#arrow)\"/>");
        }
        foreach (var n in Nodes)
        {
            var label = StateLabel(n.State);
            var tip = $"{n.Title}{(n.Article is null ? "" : $"（{n.Article}）")}：{label}{(n.Why is null ? "" : $" — {n.Why}")}";
            sb.Append(CultureInfo.InvariantCulture,
                $"<g class=\"step {CssClass(n.State)}\" data-step=\"{h.Encode(n.StepId)}\" data-state=\"{n.State.ToString().ToLowerInvariant()}\">");
            sb.Append(CultureInfo.InvariantCulture, $"<title>{h.Encode(tip)}</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(n.X)}\" y=\"{F(n.Y)}\" width=\"{F(NodeWidth)}\" height=\"{F(NodeHeight)}\" rx=\"6\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"step-title\" x=\"{F(n.X + NodeWidth / 2)}\" y=\"{F(n.Y + 22)}\">{h.Encode(Shorten(n.Title))}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"step-state\" x=\"{F(n.X + NodeWidth / 2)}\" y=\"{F(n.Y + 42)}\">{h.Encode(label)}</text>");
            sb.Append("</g>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Fits a box: about 13 Chinese characters or 26 Latin ones; the full title is in the tooltip and the list.</summary>
    private static string Shorten(string title)
    {
        var weight = 0;
        for (var i = 0; i < title.Length; i++)
        {
            weight += title[i] > 0x2E80 ? 2 : 1;
            if (weight > 26)
            {
                return title[..(i - 1)] + "…";
            }
        }
        return title;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
