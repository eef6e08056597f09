using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RuleOfLaw.Workflow.Server.Tests.Conventions;

namespace RuleOfLaw.Workflow.Server.Tests.Architecture;

/// <summary>
/// The server's folders (one namespace each: Meetings, AfterDecision, Procedure …) must not depend on each other in
/// a circle (issue 12): a module can then be read, tested and replaced from its dependencies upwards. Dependencies are
/// read from the syntax: <c>using RuleOfLaw.Workflow.Server.X</c>, names qualified with it, and names qualified with a
/// sibling folder (<c>Integrity.JournalIntegrity</c> inside <c>RuleOfLaw.Workflow.Server.*</c>).
/// </summary>
public sealed class ModuleCycleTests
{
    /// <summary>
    /// The cycles not broken yet: none. The list may only shrink, so from now on any cycle between the server's folders
    /// fails the test. The last one, the core ring {Instances, Matters, Modules, Procedure, Scheduling, Tasks, Web}, was
    /// broken by layering it (issue 12 item 4; docs/architecture.md, "Module dependencies"): the transition observer is
    /// Instances' interface, which Scheduling implements; the step pages' registry (StepPages) is the modules'; the
    /// matter number is Matters' (MatterNumbers) and creating a matter, which answers as a command does, is
    /// initiation's (Initiation/MatterCreation). Broken before it: Data, Auth and Definitions; Administration,
    /// Integrity, Jurisdiction and Mail; the assessment modules and the pages; Demo and Startup; Meetings and
    /// AfterDecision.
    /// </summary>
    private static readonly string[][] KnownCycles = [];

    private const string Prefix = "RuleOfLaw.Workflow.Server.";

    [Fact]
    public void No_new_dependency_cycle_between_the_servers_modules()
    {
        var graph = Dependencies(RefusalCodeScanner.Parse(Path.Combine("src", "RuleOfLaw.Workflow.Server")));
        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();
        var unexpected = cycles.Where(c => !KnownCycles.Any(k => c.All(k.Contains))).ToList();
        Assert.True(unexpected.Count == 0,
            "dependency cycles between modules (break them: move the shared piece down, or invert with an interface):" + Environment.NewLine
            + string.Join(Environment.NewLine, unexpected.Select(c => "{" + string.Join(", ", c) + "}: " + Witness(graph, c))));
        var healed = KnownCycles.Where(k => !cycles.Any(c => k.All(c.Contains))).Select(k => "{" + string.Join(", ", k) + "}").ToList();
        Assert.True(healed.Count == 0, $"these cycles are broken or smaller now; shrink {nameof(KnownCycles)} to: "
            + string.Join(" ", cycles.Select(c => "{" + string.Join(", ", c) + "}")) + " — was: " + string.Join(" ", healed));
    }

    /// <summary>
    /// The core's layers, bottom to top (docs/architecture.md, "Module dependencies"). Having no cycle does not pin
    /// this order: Matters could start naming Instances as long as Instances stopped naming Matters. Each layer may use
    /// only the layers below it.
    /// </summary>
    private static readonly string[] CoreLayers = ["Matters", "Procedure", "Instances", "Scheduling", "Modules", "Tasks", "Web"];

    /// <summary>The bottom row of the picture: named by every module, naming none of the server's other folders.</summary>
    private static readonly string[] Foundations = ["Problems", "Data", "Auth", "Definitions", "Input"];

    [Fact]
    public void The_core_layers_use_only_the_layers_below_them()
    {
        var graph = Dependencies(RefusalCodeScanner.Parse(Path.Combine("src", "RuleOfLaw.Workflow.Server")));
        Assert.All(CoreLayers, layer => Assert.True(graph.ContainsKey(layer), $"no folder {layer}: update {nameof(CoreLayers)} and docs/architecture.md"));
        var upwards = CoreLayers.SelectMany((lower, i) => CoreLayers.Skip(i + 1).Where(graph[lower].Contains).Select(higher => $"{lower}→{higher}")).ToList();
        Assert.True(upwards.Count == 0, "a core layer uses a layer above it (move the piece down, or invert with an interface the lower layer owns): "
            + string.Join("; ", upwards));
    }

    [Fact]
    public void The_foundations_name_no_other_folder_of_the_server()
    {
        var graph = Dependencies(RefusalCodeScanner.Parse(Path.Combine("src", "RuleOfLaw.Workflow.Server")));
        Assert.All(Foundations, folder => Assert.True(graph.ContainsKey(folder), $"no folder {folder}: update {nameof(Foundations)} and docs/architecture.md"));
        var named = Foundations
            .SelectMany(f => graph[f].Where(to => !Foundations.Contains(to)).Select(to => $"{f}→{to}")).ToList();
        Assert.True(named.Count == 0, "a foundation folder names a module above it: " + string.Join("; ", named));
    }

    [Fact]
    public void The_reader_sees_usings_qualified_names_and_sibling_qualified_names()
    {
        var a = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""
            using RuleOfLaw.Workflow.Server.B;
            namespace RuleOfLaw.Workflow.Server.A;
            class X { C.Thing t; RuleOfLaw.Workflow.Server.D.Other o; void M() { var local = new E(); local.F(); } }
            """, path: Path.Combine("src", "RuleOfLaw.Workflow.Server", "A", "X.cs"));
        var b = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace RuleOfLaw.Workflow.Server.B; class Y { A.X x; }",
            path: Path.Combine("src", "RuleOfLaw.Workflow.Server", "B", "Y.cs"));
        var c = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace RuleOfLaw.Workflow.Server.C; class Thing { }",
            path: Path.Combine("src", "RuleOfLaw.Workflow.Server", "C", "Thing.cs"));
        var d = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace RuleOfLaw.Workflow.Server.D; class Other { }",
            path: Path.Combine("src", "RuleOfLaw.Workflow.Server", "D", "Other.cs"));
        var graph = Dependencies([a, b, c, d]);
        Assert.Equal(["B", "C", "D"], graph["A"].Order(StringComparer.Ordinal));
        Assert.Equal([["A", "B"]], StronglyConnected(graph).Where(s => s.Count > 1).Select(s => s.Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>Module (top folder under the server) → the modules its files refer to.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(IReadOnlyList<SyntaxTree> sources)
    {
        static string? ModuleOf(SyntaxTree tree)
        {
            var parts = tree.FilePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return parts.Length > 3 ? parts[2] : null; // src/RuleOfLaw.Workflow.Server/<Module>/…; Program.cs composes all
        }
        var modules = sources.Select(ModuleOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var graph = modules.ToDictionary(m => m, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var tree in sources)
        {
            if (ModuleOf(tree) is not { } from)
            {
                continue;
            }
            var root = tree.GetRoot();
            void Refer(string name)
            {
                var first = name.Split('.')[0];
                if (first != from && modules.Contains(first))
                {
                    graph[from].Add(first);
                }
            }
            foreach (var name in root.DescendantNodes().OfType<NameSyntax>().Where(n => n.Parent is not NameSyntax && n.Parent is not NamespaceDeclarationSyntax and not FileScopedNamespaceDeclarationSyntax))
            {
                var text = name.ToString();
                if (text.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    Refer(text[Prefix.Length..]);
                }
                else if (name is QualifiedNameSyntax)
                {
                    Refer(text);
                }
            }
            // Member access such as Integrity.KeyRing.X or Scheduling.JobsDashboard.Path (names in expressions).
            foreach (var access in root.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Where(m => m.Parent is not MemberAccessExpressionSyntax))
            {
                var text = access.ToString();
                if (text.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    Refer(text[Prefix.Length..]);
                }
                else if (access.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax)
                {
                    var leftmost = access.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().First().Identifier.Text;
                    // A sibling folder qualifies only a type: Leftmost.Type.Member (at least three parts).
                    if (text.Count(ch => ch == '.') >= 2)
                    {
                        Refer(leftmost);
                    }
                }
            }
        }
        return graph;
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        var counter = 0;
        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add([.. component.Order(StringComparer.Ordinal)]);
            }
        }
        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }
        return result;
    }

    /// <summary>The edges inside a cycle, so the failure says what to cut.</summary>
    private static string Witness(Dictionary<string, HashSet<string>> graph, List<string> cycle) =>
        string.Join("; ", cycle.SelectMany(a => graph[a].Where(cycle.Contains).Select(b => $"{a}→{b}")));
}
