using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RuleOfLaw.Workflow.Server.Tests.Conventions;

/// <summary>
/// Reads the repository's C# with Roslyn (so comments, XML docs and disabled code never count) to find the refusal
/// codes <c>src/</c> can answer and the ones <c>tests/</c> assert.
/// </summary>
/// <remarks>
/// <para>A code is <b>defined</b> where a constant string (a literal, or a <c>const</c> naming one) is passed as the
/// argument of a parameter named <c>code</c> to a method, constructor or record declared in <c>src/</c>
/// (<c>new Refusal(code, …)</c>, <c>ApiProblem.Validation(code, …)</c>, <c>ApiProblem.Conflict(code, …)</c>,
/// <c>Catalog.Conflict(code, …)</c> …; a catalog key <c>code.variant</c> defines the code before the dot), including both branches of a conditional or the arms of a switch
/// expression in that argument. A new factory with a <c>code</c> parameter is found without changing this scanner.</para>
/// <para>A code is <b>asserted</b> where the constant appears inside the arguments of an <c>Assert.*</c> call, is passed
/// to a test helper's parameter named <c>code</c>/<c>expectedCode</c>/<c>codes</c> (which asserts it), or is the
/// <c>[InlineData]</c> value of a theory parameter so named. A string that only appears in a request body, a comment
/// or a message does not count.</para>
/// </remarks>
public static partial class RefusalCodeScanner
{
    private static readonly string[] CodeParameterNames = ["code", "expectedCode", "codes", "expectedCodes"];

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)+$")]
    private static partial Regex CodeShape();

    public static string RepositoryRoot { get; } = FindRoot();

    public static IReadOnlyList<SyntaxTree> Parse(string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: Path.GetRelativePath(RepositoryRoot, f)))];

    /// <summary>Every refusal code <paramref name="sources"/> can answer, with where it is defined.</summary>
    public static IReadOnlyDictionary<string, List<string>> DefinedCodes(IReadOnlyList<SyntaxTree> sources)
    {
        var constants = Constants(sources);
        // Which argument position is "code" for each method/constructor/record name declared in src/.
        var positions = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        void Declare(string name, ParameterListSyntax? parameters)
        {
            if (parameters is null)
            {
                return;
            }
            for (var i = 0; i < parameters.Parameters.Count; i++)
            {
                var parameter = parameters.Parameters[i];
                if (string.Equals(parameter.Identifier.Text, "code", StringComparison.OrdinalIgnoreCase)
                    && parameter.Type is PredefinedTypeSyntax { Keyword.Text: "string" } or NullableTypeSyntax { ElementType: PredefinedTypeSyntax { Keyword.Text: "string" } })
                {
                    (positions.TryGetValue(name, out var set) ? set : positions[name] = []).Add(i);
                }
            }
        }
        foreach (var root in sources.Select(s => s.GetRoot()))
        {
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                Declare(method.Identifier.Text, method.ParameterList);
            }
            foreach (var constructor in root.DescendantNodes().OfType<ConstructorDeclarationSyntax>())
            {
                Declare(constructor.Identifier.Text, constructor.ParameterList);
            }
            foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                Declare(type.Identifier.Text, type.ParameterList);
            }
            foreach (var local in root.DescendantNodes().OfType<LocalFunctionStatementSyntax>())
            {
                Declare(local.Identifier.Text, local.ParameterList);
            }
        }

        var defined = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tree in sources)
        {
            foreach (var call in tree.GetRoot().DescendantNodes().Where(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax))
            {
                var (name, arguments) = call switch
                {
                    InvocationExpressionSyntax i => (CalledName(i.Expression), i.ArgumentList),
                    ObjectCreationExpressionSyntax o => (TypeName(o.Type), o.ArgumentList),
                    _ => (null, null),
                };
                if (name is null || arguments is null || !positions.TryGetValue(name, out var codeAt))
                {
                    continue;
                }
                for (var i = 0; i < arguments.Arguments.Count; i++)
                {
                    var argument = arguments.Arguments[i];
                    var isCode = argument.NameColon is { } named
                        ? string.Equals(named.Name.Identifier.Text, "code", StringComparison.OrdinalIgnoreCase)
                        : codeAt.Contains(i);
                    if (!isCode)
                    {
                        continue;
                    }
                    // A catalog key "code.variant" (one code, several wordings) answers the code before the dot.
                    foreach (var code in ConstantValues(argument.Expression, constants).Select(c => c.Split('.')[0]).Where(c => CodeShape().IsMatch(c)))
                    {
                        var line = argument.GetLocation().GetLineSpan();
                        (defined.TryGetValue(code, out var list) ? list : defined[code] = []).Add($"{line.Path}:{line.StartLinePosition.Line + 1}");
                    }
                }
            }
        }
        return defined;
    }

    /// <summary>Every code-shaped constant that <paramref name="tests"/> assert (see the remarks on the class).</summary>
    public static IReadOnlySet<string> AssertedCodes(IReadOnlyList<SyntaxTree> tests)
    {
        var constants = Constants(tests);
        // Test helpers (methods and local functions) and the argument positions of their code parameters.
        var helpers = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var root in tests.Select(t => t.GetRoot()))
        {
            foreach (var (name, parameters) in root.DescendantNodes().Select(n => n switch
                     {
                         MethodDeclarationSyntax m => ((string?)m.Identifier.Text, (ParameterListSyntax?)m.ParameterList),
                         LocalFunctionStatementSyntax l => (l.Identifier.Text, l.ParameterList),
                         _ => (null, null),
                     }).Where(x => x.Item1 is not null))
            {
                // An extension method is called without its 'this' argument: its positions shift by one.
                var shift = parameters!.Parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true ? 1 : 0;
                for (var i = 0; i < parameters.Parameters.Count; i++)
                {
                    if (CodeParameterNames.Contains(parameters.Parameters[i].Identifier.Text))
                    {
                        var set = helpers.TryGetValue(name!, out var known) ? known : helpers[name!] = [];
                        set.Add(i);
                        if (shift == 1)
                        {
                            set.Add(i - 1);
                        }
                    }
                }
            }
        }

        var asserted = new HashSet<string>(StringComparer.Ordinal);
        void Add(ExpressionSyntax expression)
        {
            foreach (var literal in expression.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)))
            {
                asserted.Add(literal.Token.ValueText);
            }
            foreach (var value in expression.DescendantNodesAndSelf().OfType<ExpressionSyntax>().SelectMany(e => ConstantValues(e, constants)))
            {
                asserted.Add(value);
            }
        }
        foreach (var root in tests.Select(t => t.GetRoot()))
        {
            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Assert" } })
                {
                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        Add(argument.Expression);
                    }
                    continue;
                }
                if (CalledName(invocation.Expression) is { } name && helpers.TryGetValue(name, out var at))
                {
                    var arguments = invocation.ArgumentList.Arguments;
                    for (var i = 0; i < arguments.Count; i++)
                    {
                        var named = arguments[i].NameColon?.Name.Identifier.Text;
                        if (named is not null ? CodeParameterNames.Contains(named) : at.Contains(i))
                        {
                            Add(arguments[i].Expression);
                        }
                    }
                }
            }
            // [InlineData("code", …)] on a theory whose parameter at that position is a code.
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var codeAt = method.ParameterList.Parameters.Select((p, i) => (p, i)).Where(x => CodeParameterNames.Contains(x.p.Identifier.Text)).Select(x => x.i).ToHashSet();
                foreach (var data in method.AttributeLists.SelectMany(l => l.Attributes).Where(a => a.Name.ToString() is "InlineData" or "InlineDataAttribute"))
                {
                    foreach (var (argument, i) in (data.ArgumentList?.Arguments ?? default).Select((a, i) => (a, i)).Where(x => codeAt.Contains(x.i)))
                    {
                        Add(argument.Expression);
                    }
                }
            }
        }
        asserted.RemoveWhere(c => !CodeShape().IsMatch(c));
        return asserted;
    }

    private static string? CalledName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax i => i.Identifier.Text,
        GenericNameSyntax g => g.Identifier.Text,
        MemberAccessExpressionSyntax m => m.Name.Identifier.Text,
        MemberBindingExpressionSyntax b => b.Name.Identifier.Text,
        _ => null,
    };

    private static string? TypeName(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax i => i.Identifier.Text,
        GenericNameSyntax g => g.Identifier.Text,
        QualifiedNameSyntax q => TypeName(q.Right),
        _ => null,
    };

    /// <summary>The <c>const string</c> fields and locals by name (a name used twice keeps every value).</summary>
    private static Dictionary<string, HashSet<string>> Constants(IReadOnlyList<SyntaxTree> trees)
    {
        var constants = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var root in trees.Select(t => t.GetRoot()))
        {
            var declarations = root.DescendantNodes().OfType<FieldDeclarationSyntax>().Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword)).Select(f => f.Declaration)
                .Concat(root.DescendantNodes().OfType<LocalDeclarationStatementSyntax>().Where(l => l.IsConst).Select(l => l.Declaration));
            foreach (var variable in declarations.SelectMany(d => d.Variables))
            {
                if (variable.Initializer?.Value is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    (constants.TryGetValue(variable.Identifier.Text, out var set) ? set : constants[variable.Identifier.Text] = []).Add(literal.Token.ValueText);
                }
            }
        }
        return constants;
    }

    /// <summary>The constant strings an argument can evaluate to: a literal, a const, either branch of <c>?:</c>, a switch expression's arms.</summary>
    private static IEnumerable<string> ConstantValues(ExpressionSyntax expression, Dictionary<string, HashSet<string>> constants) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => [literal.Token.ValueText],
        IdentifierNameSyntax name when constants.TryGetValue(name.Identifier.Text, out var values) => values,
        MemberAccessExpressionSyntax member when constants.TryGetValue(member.Name.Identifier.Text, out var values) => values,
        ParenthesizedExpressionSyntax parenthesized => ConstantValues(parenthesized.Expression, constants),
        ConditionalExpressionSyntax conditional => ConstantValues(conditional.WhenTrue, constants).Concat(ConstantValues(conditional.WhenFalse, constants)),
        SwitchExpressionSyntax switched => switched.Arms.SelectMany(a => ConstantValues(a.Expression, constants)),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => ConstantValues(coalesce.Left, constants).Concat(ConstantValues(coalesce.Right, constants)),
        _ => [],
    };

    private static string FindRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "RuleOfLaw.Workflow.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("RuleOfLaw.Workflow.sln not found above the test binaries");
        }
        return directory;
    }
}
