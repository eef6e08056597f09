using RuleOfLaw.Workflow.Engine.Definitions;

namespace RuleOfLaw.Workflow.Engine.Tests.Definitions;

public sealed class DefinitionLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rol-definitions-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Minimal(string id, int version, string next = "[]") => $$"""
        {
          "id": "{{id}}",
          "version": {{version}},
          "title": "最小程序",
          "legalBasis": "测试",
          "start": "draft",
          "steps": [
            { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "完成" } ], "next": {{next}} }
          ]
        }
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// Issue 16 item 4: a lone surrogate (escaped in the JSON, or a raw unpaired UTF-16 unit in the text given) is not
    /// text; the loader says so with the file and the place, as for any other broken definition, never an exception of
    /// the JSON library.
    /// </summary>
    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00 alone")]
    [InlineData(null)] // a raw unpaired unit, made here: xUnit's theory data would carry it as U+FFFD
    public void A_lone_surrogate_is_a_definition_error_naming_the_file_not_an_exception(string? title)
    {
        title ??= "标题" + (char)0xD800;
        var json = Minimal("surrogate", 1).Replace("最小程序", title, StringComparison.Ordinal);

        var errors = DefinitionLoader.Check(json, "surrogate.json", vocabulary: null);
        var error = Assert.Single(errors);
        Assert.Equal("surrogate.json", error.File);
        Assert.Contains("surrogate", error.Problem, StringComparison.OrdinalIgnoreCase);
        var thrown = Assert.Throws<DefinitionValidationException>(() => DefinitionLoader.Parse(json, "surrogate.json", vocabulary: null));
        Assert.Contains("surrogate.json", thrown.Message);
    }

    [Fact]
    public void Loads_every_valid_file_in_the_directory()
    {
        Write("b.json", Minimal("procedure-b", 1));
        Write("a.json", Minimal("procedure-a", 1));
        Write("a-v2.json", Minimal("procedure-a", 2));

        var definitions = DefinitionLoader.LoadDirectory(_directory, DefinitionAssert.Vocabulary);

        Assert.Equal(
            [("procedure-a", 2), ("procedure-a", 1), ("procedure-b", 1)],
            definitions.Select(d => (d.Id, d.Version)));
        Assert.All(definitions, d => Assert.StartsWith(_directory, d.SourceFile));
    }

    [Fact]
    public void Ignores_sub_folders_and_files_that_are_not_json()
    {
        Write("a.json", Minimal("procedure-a", 1));
        Write("README.md", "not a definition");
        Write(Path.Combine("calendars", "2026.json"), """{ "year": 2026, "daysOff": [] }""");

        var definition = Assert.Single(DefinitionLoader.LoadDirectory(_directory, DefinitionAssert.Vocabulary));

        Assert.Equal("procedure-a", definition.Id);
    }

    [Fact]
    public void Collects_the_errors_of_every_broken_file_before_failing()
    {
        var broken = Write("a-broken.json", "{ \"id\": \"procedure-a\",\n  \"version\": 1,, }");
        var dangling = Write("b-dangling.json", Minimal("procedure-b", 1, next: """["review"]"""));
        Write("c-valid.json", Minimal("procedure-c", 1));
        var vocabulary = Write("d-vocabulary.json", Minimal("procedure-d", 1).Replace("drafting-officer", "drafter"));

        var error = Assert.Throws<DefinitionValidationException>(() => DefinitionLoader.LoadDirectory(_directory, DefinitionAssert.Vocabulary));

        Assert.Equal(3, error.Errors.Count);
        Assert.Equal(broken, error.Errors[0].File);
        Assert.Equal("$", error.Errors[0].Path);
        Assert.Contains("not valid JSON (line 2", error.Errors[0].Problem);
        Assert.Equal(new DefinitionError(dangling, "$.steps[0].next[0]", "step 'review' does not exist"), error.Errors[1]);
        Assert.Equal(vocabulary, error.Errors[2].File);
        Assert.Equal("$.steps[0].role", error.Errors[2].Path);
        Assert.Contains($"{dangling}: $.steps[0].next[0]: step 'review' does not exist", error.Message);
    }

    [Fact]
    public void Two_files_with_the_same_id_and_version_are_refused_naming_both()
    {
        var first = Write("a.json", Minimal("procedure-a", 1));
        var second = Write("b.json", Minimal("procedure-a", 1, next: "[]").Replace("最小程序", "最小程序（改）"));
        Write("c.json", Minimal("procedure-a", 2));

        var error = Assert.Throws<DefinitionValidationException>(() => DefinitionLoader.LoadDirectory(_directory, DefinitionAssert.Vocabulary));

        var twin = Assert.Single(error.Errors);
        Assert.Equal(second, twin.File);
        Assert.Equal("$.version", twin.Path);
        Assert.Equal($"procedure-a version 1 is also defined in {first}", twin.Problem);
    }

    [Fact]
    public void A_duplicate_is_reported_together_with_the_errors_of_other_files()
    {
        Write("a.json", Minimal("procedure-a", 3));
        var twin = Write("b.json", Minimal("procedure-a", 3));
        var broken = Write("c.json", Minimal("procedure-c", 1).Replace("\"humanTask\"", "\"meeting\""));

        var error = Assert.Throws<DefinitionValidationException>(() => DefinitionLoader.LoadDirectory(_directory, DefinitionAssert.Vocabulary));

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.File == broken && e.Path == "$.steps[0].kind" && e.Problem.Contains("unknown step kind 'meeting'"));
        Assert.Contains(error.Errors, e => e.File == twin && e.Path == "$.version" && e.Problem.Contains("procedure-a version 3 is also defined in"));
    }

    [Fact]
    public void The_content_hash_is_the_sha256_of_the_file_text()
    {
        var text = Minimal("procedure-a", 1);
        Write("a.json", text);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

        var definition = Assert.Single(DefinitionLoader.LoadDirectory(_directory, DefinitionAssert.Vocabulary));

        Assert.Equal(expected, definition.ContentHash);
        Assert.NotEqual(definition.ContentHash, DefinitionLoader.Parse(text + " ", "x.json", null).ContentHash);
    }
}
