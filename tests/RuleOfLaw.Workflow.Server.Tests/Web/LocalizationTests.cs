using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RuleOfLaw.Workflow.Server.Tests.Web;

/// <summary>Every text a page or page model asks the localizer for has its English entry (else English readers see Chinese).</summary>
public sealed partial class LocalizationTests
{
    [Fact]
    public void Every_page_text_has_an_English_translation()
    {
        var server = Path.Combine(RepositoryRoot(), "src", "RuleOfLaw.Workflow.Server");
        var english = XDocument.Load(Path.Combine(server, "Web", "SharedResource.en.resx")).Root!.Elements("data")
            .Select(d => d.Attribute("name")!.Value).ToHashSet();
        var used = new[] { "Pages", "Web" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(server, folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(u => !english.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English for:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RuleOfLaw.Workflow.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("(?<![A-Za-z_])[Tt]\\[\"([^\"]+)\"")]
    private static partial Regex LocalizerKey();
}
