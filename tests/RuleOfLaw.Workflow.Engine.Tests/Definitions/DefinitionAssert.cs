using RuleOfLaw.Workflow.Engine.Definitions;

namespace RuleOfLaw.Workflow.Engine.Tests.Definitions;

/// <summary>Checks definition texts the way the server does at start-up, with a small test vocabulary.</summary>
internal static class DefinitionAssert
{
    public const string FileName = "workflows/sample.json";

    public static DefinitionVocabulary Vocabulary { get; } = new(
        new HashSet<string> { "drafting-officer", "legality-reviewer", "expert" },
        new HashSet<string> { "drafting-unit", "legality-review-office", "expert-pool" },
        new HashSet<string> { "publicationDeadline", "legalityReviewMinimum" });

    public static IReadOnlyList<DefinitionError> Check(string json) => DefinitionLoader.Check(json, FileName, Vocabulary);

    /// <summary>
    /// The text has exactly one problem, at <paramref name="path"/>, whose message contains <paramref name="phrase"/>,
    /// and it names the file.
    /// </summary>
    public static DefinitionError SingleError(string json, string path, string phrase)
    {
        var errors = Check(json);
        var error = Assert.Single(errors);
        Assert.Equal(FileName, error.File);
        Assert.Equal(path, error.Path);
        Assert.Contains(phrase, error.Problem);
        Assert.StartsWith($"{FileName}: {path}: ", error.ToString());
        return error;
    }

    /// <summary>Among several problems, one is at <paramref name="path"/> and says <paramref name="phrase"/>.</summary>
    public static void HasError(IReadOnlyList<DefinitionError> errors, string path, string phrase)
    {
        Assert.Contains(errors, e => e.Path == path && e.Problem.Contains(phrase, StringComparison.Ordinal));
    }
}
