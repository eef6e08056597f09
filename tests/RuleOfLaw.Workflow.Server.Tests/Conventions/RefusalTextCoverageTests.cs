using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Tests.Conventions;

/// <summary>
/// Refusals as data (issue 12): every text key a module uses through its catalog (<c>XTexts.Catalog.Conflict("code", …)</c>,
/// or an alias <c>T => XTexts.Catalog</c>) has a text in zh-CN (<c>XTexts.resx</c>) and in English (<c>XTexts.en.resx</c>);
/// both files of a catalog hold the same keys with the same <c>{placeholders}</c>; and a module that moved to its catalog
/// does not build refusals from "中文。English." literals again. Read from the syntax, like <see cref="RefusalCodeScanner"/>.
/// </summary>
public sealed partial class RefusalTextCoverageTests
{
    /// <summary>
    /// The server folders whose refusals all come from their catalogs. A module's owner adds its folder when its
    /// literals are converted; from then on a legacy factory call in it fails this test.
    /// </summary>
    private static readonly string[] Converted = ["AfterDecision", "Meetings", "NormativeDocuments", "Record", "FairCompetition", "RiskAssessment", "Initiation", "LegalityReview", "Experts", "Matters", "Tasks", "Participation",
        "Documents", "Definitions", "Procedure", "Instances", "Mail", "Scheduling", "Auth", "Integrity", "Startup", "Administration"];

    /// <summary>The factories of the texts written before the catalogs (a bilingual message argument).</summary>
    private static readonly string[] LegacyFactories =
        ["ApiProblem.Create", "ApiProblem.Validation", "ApiProblem.NotFound", "ApiProblem.Forbidden", "ModuleWriter.Invalid", "ModuleWriter.Conflict"];

    private static readonly string[] CatalogMethods = ["Invalid", "Conflict", "Forbidden", "NotFound", "Text", "Find", "Line"];

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void Every_key_a_module_uses_has_a_text_in_both_languages()
    {
        var catalogs = Catalogs();
        var missing = new List<string>();
        foreach (var (catalog, key, where) in UsedKeys(RefusalCodeScanner.Parse("src")))
        {
            if (!catalogs.TryGetValue(catalog, out var texts))
            {
                missing.Add($"{where}: {catalog} has no {catalog}.resx / {catalog}.en.resx");
                continue;
            }
            foreach (var (language, entries) in new[] { ("zh-CN", texts.Chinese), ("en", texts.English) })
            {
                if (!entries.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
                {
                    missing.Add($"{where}: '{key}' has no {language} text in {catalog}");
                }
            }
        }
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Both_languages_of_a_catalog_have_the_same_keys_and_placeholders()
    {
        var catalogs = Catalogs();
        Assert.Contains("MeetingTexts", catalogs.Keys);
        var problems = new List<string>();
        foreach (var (name, texts) in catalogs)
        {
            foreach (var key in texts.Chinese.Keys.Union(texts.English.Keys))
            {
                var zh = texts.Chinese.GetValueOrDefault(key);
                var en = texts.English.GetValueOrDefault(key);
                if (string.IsNullOrWhiteSpace(zh) || string.IsNullOrWhiteSpace(en))
                {
                    problems.Add($"{name}: '{key}' lacks {(string.IsNullOrWhiteSpace(zh) ? "zh-CN" : "en")}");
                    continue;
                }
                var zhNames = Placeholder().Matches(zh).Select(m => m.Groups[1].Value).Order().ToList();
                var enNames = Placeholder().Matches(en).Select(m => m.Groups[1].Value).Order().ToList();
                if (!zhNames.SequenceEqual(enNames))
                {
                    problems.Add($"{name}: '{key}' names {{{string.Join(",", zhNames)}}} in zh-CN but {{{string.Join(",", enNames)}}} in en");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_converted_module_builds_no_refusal_from_a_bilingual_literal()
    {
        var server = Path.Combine("src", "RuleOfLaw.Workflow.Server");
        var offences = new List<string>();
        foreach (var tree in RefusalCodeScanner.Parse(server))
        {
            var folder = tree.FilePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[2];
            if (!Converted.Contains(folder))
            {
                continue;
            }
            foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var called = call.Expression.ToString();
                if (LegacyFactories.Contains(called))
                {
                    offences.Add($"{tree.FilePath}:{call.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {called}");
                }
            }
            offences.AddRange(tree.GetRoot().DescendantNodes().OfType<ObjectCreationExpressionSyntax>()
                .Where(o => o.Type.ToString() is "Refusal" or "Engine.Execution.Refusal")
                .Select(o => $"{tree.FilePath}:{o.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: new Refusal"));
        }
        Assert.True(offences.Count == 0, "use the module's text catalog:" + Environment.NewLine + string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void The_scanner_finds_keys_through_the_catalog_and_its_alias()
    {
        var source = CSharpSyntaxTree.ParseText("""
            static class Rules
            {
                private static MeetingTexts T => MeetingTexts.Catalog;
                private static readonly OtherTexts O = OtherTexts.Catalog;
                static void Use(string variable)
                {
                    _ = T.Conflict("by-alias", "第三十条");
                    _ = MeetingTexts.Catalog.Invalid("by-name");
                    _ = O.Text("by-field", culture);
                    row.SetNote(SchedulingTexts.Catalog.Line("note.by-line")); // a stored note (issue 12 item 5)
                    _ = T.Conflict(variable); // not a constant: not a key
                    _ = Other.Conflict("not-a-catalog");
                    // T.Conflict("in-a-comment")
                }
            }
            """, path: "x.cs");
        Assert.Equal(["MeetingTexts:by-alias", "MeetingTexts:by-name", "OtherTexts:by-field", "SchedulingTexts:note.by-line"],
            UsedKeys([source]).Select(u => $"{u.Catalog}:{u.Key}").Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A stored note or journal comment names its catalog by <see cref="TextCatalog.Module"/> (<c>catalog:key</c>,
    /// <see cref="StoredTexts"/>): every catalog is found by its name, and no two share one, so a stored code renders
    /// with the catalog that wrote it, in both languages (the keys themselves are checked above, <c>Line</c> included).
    /// </summary>
    [Fact]
    public void Every_catalog_is_found_by_the_name_stored_codes_use()
    {
        var catalogs = new[] { typeof(EngineTexts).Assembly, typeof(RuleOfLaw.Workflow.Meetings.MeetingTexts).Assembly, typeof(ModuleWriter).Assembly }
            .SelectMany(a => a.GetTypes()).Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(TextCatalog)))
            .Select(t => (TextCatalog)t.GetField("Catalog")!.GetValue(null)!).ToList();
        Assert.Contains(catalogs, c => c is RuleOfLaw.Workflow.Server.Scheduling.SchedulingTexts);
        Assert.Empty(catalogs.GroupBy(c => c.Module).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(catalogs, c => Assert.Same(c, TextCatalog.Named(c.Module)));
        Assert.Null(TextCatalog.Named("no-such-catalog"));
    }

    /// <summary>(catalog class, key, file:line) for each constant key passed to a catalog's method.</summary>
    private static IEnumerable<(string Catalog, string Key, string Where)> UsedKeys(IReadOnlyList<SyntaxTree> sources)
    {
        foreach (var tree in sources)
        {
            var root = tree.GetRoot();
            // Aliases: a property or field whose value is XTexts.Catalog.
            var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.DescendantNodes().OfType<PropertyDeclarationSyntax>())
            {
                if (CatalogOf(property.ExpressionBody?.Expression) is { } catalog)
                {
                    aliases[property.Identifier.Text] = catalog;
                }
            }
            foreach (var field in root.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (CatalogOf(field.Initializer?.Value) is { } catalog)
                {
                    aliases[field.Identifier.Text] = catalog;
                }
            }
            foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: var method } access || !CatalogMethods.Contains(method))
                {
                    continue;
                }
                var catalog = CatalogOf(access.Expression)
                    ?? (access.Expression is IdentifierNameSyntax alias && aliases.TryGetValue(alias.Identifier.Text, out var aliased) ? aliased : null);
                if (catalog is null || call.ArgumentList.Arguments.Count == 0
                    || call.ArgumentList.Arguments[0].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
                {
                    continue;
                }
                yield return (catalog, literal.Token.ValueText, $"{tree.FilePath}:{call.GetLocation().GetLineSpan().StartLinePosition.Line + 1}");
            }
        }
    }

    /// <summary>"MeetingTexts" for the expression <c>MeetingTexts.Catalog</c> (or <c>X.MeetingTexts.Catalog</c>).</summary>
    private static string? CatalogOf(ExpressionSyntax? expression) =>
        expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Catalog" } access && access.Expression.ToString().Split('.')[^1] is var name
            && name.EndsWith("Texts", StringComparison.Ordinal)
            ? name : null;

    private sealed record CatalogTexts(IReadOnlyDictionary<string, string> Chinese, IReadOnlyDictionary<string, string> English);

    /// <summary>Every <c>XTexts.resx</c> under src/ with its <c>XTexts.en.resx</c>, by class name.</summary>
    private static Dictionary<string, CatalogTexts> Catalogs()
    {
        var src = Path.Combine(RefusalCodeScanner.RepositoryRoot, "src");
        var result = new Dictionary<string, CatalogTexts>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(src, "*Texts.resx", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var english = Path.ChangeExtension(file, null) + ".en.resx";
            result[name] = new CatalogTexts(Read(file), File.Exists(english) ? Read(english) : new Dictionary<string, string>());
        }
        return result;
    }

    private static Dictionary<string, string> Read(string resx) =>
        XDocument.Load(resx).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
}
