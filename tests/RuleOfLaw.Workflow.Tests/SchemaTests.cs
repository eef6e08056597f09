using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests;

/// <summary>
/// workflows/schema/: every shipped definition and jurisdiction file names its schema and validates against it, and
/// each schema and its reader accept the same properties on every kind of object, in both directions, so an editor
/// that completes from the schema never offers a property the engine refuses, and the engine never accepts one the
/// schema would flag.
/// </summary>
public sealed class SchemaTests
{
    private const string DefinitionSchema = "procedure-definition.schema.json";
    private const string JurisdictionSchema = "jurisdiction.schema.json";

    public static TheoryData<string> DefinitionFiles() => Files(
        Directory.EnumerateFiles(RepositoryFiles.WorkflowsDirectory, "*.json")
            .Concat(Examples()));

    /// <summary>Example procedures (e.g. a province's variant) are shipped beside the installed ones, not loaded by the server.</summary>
    private static IEnumerable<string> Examples()
    {
        var folder = Path.Combine(RepositoryFiles.WorkflowsDirectory, "examples");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json") : [];
    }

    public static TheoryData<string> JurisdictionFiles() =>
        Files(Directory.EnumerateFiles(Path.Combine(RepositoryFiles.WorkflowsDirectory, "jurisdictions"), "*.json"));

    [Theory]
    [MemberData(nameof(DefinitionFiles))]
    public void Every_shipped_definition_validates_against_the_schema_it_names(string file)
    {
        var path = Path.Combine(RepositoryFiles.WorkflowsDirectory, file);
        var text = File.ReadAllText(path);
        AssertNamesSchema(path, text, DefinitionSchema);
        AssertValid(Schema(DefinitionSchema), text, file);
        Assert.Empty(DefinitionLoader.Check(text, path, ProcedureVocabulary.Instance));
    }

    [Theory]
    [MemberData(nameof(JurisdictionFiles))]
    public void Every_shipped_jurisdiction_validates_against_the_schema_it_names(string file)
    {
        var path = Path.Combine(RepositoryFiles.WorkflowsDirectory, file);
        var text = File.ReadAllText(path);
        AssertNamesSchema(path, text, JurisdictionSchema);
        AssertValid(Schema(JurisdictionSchema), text, file);
        Assert.Empty(JurisdictionLoader.Check(text, path, out _));
    }

    [Fact]
    public void The_definition_schema_and_the_reader_accept_the_same_properties()
    {
        AssertAgree(DefinitionSchema, DefinitionProperties.ByObject);
    }

    [Fact]
    public void The_jurisdiction_schema_and_the_loader_accept_the_same_properties()
    {
        AssertAgree(JurisdictionSchema, JurisdictionProperties.ByObject);
    }

    [Fact]
    public void A_misspelt_minimum_is_refused_by_the_schema_and_by_the_reader()
    {
        var path = Path.Combine(RepositoryFiles.WorkflowsDirectory, "major-administrative-decision.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var steps = root["steps"]!.AsArray();
        var index = steps.Select((s, i) => (s, i)).First(x => (string?)x.s!["kind"] == "humanTask").i;
        steps[index]!["minimun"] = JsonNode.Parse("""{ "days": 7, "counting": "workingDays" }""");
        var text = root.ToJsonString();

        var result = Schema(DefinitionSchema).Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.False(result.IsValid);
        var error = Assert.Single(DefinitionLoader.Check(text, "typo.json", ProcedureVocabulary.Instance));
        Assert.Equal(("typo.json", $"$.steps[{index}].minimun"), (error.File, error.Path));
        Assert.Contains("unknown property 'minimun'", error.Problem);
    }

    private static void AssertAgree(string schemaFile, IReadOnlyDictionary<string, IReadOnlyList<string>> reader)
    {
        var defs = JsonNode.Parse(File.ReadAllText(SchemaPath(schemaFile)))!["$defs"]!.AsObject();
        var objects = defs.Where(d => d.Value!["properties"] is not null)
            .ToDictionary(d => d.Key, d => d.Value!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList());
        // Every object the reader knows is an object of the schema with the same properties, and the reverse.
        Assert.Equal(reader.Keys.Order(StringComparer.Ordinal), objects.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, properties) in reader)
        {
            Assert.True(properties.Order(StringComparer.Ordinal).SequenceEqual(objects[name]),
                $"{schemaFile} $defs.{name}: schema has [{string.Join(", ", objects[name])}], reader accepts [{string.Join(", ", properties.Order(StringComparer.Ordinal))}]");
            // An object the schema leaves open would let an editor accept what the reader refuses.
            Assert.False(defs[name]!["additionalProperties"]?.GetValue<bool>() ?? true, $"{schemaFile} $defs.{name} must set additionalProperties: false");
        }
    }

    private static void AssertNamesSchema(string path, string text, string schemaFile)
    {
        var named = JsonNode.Parse(text)!["$schema"]?.GetValue<string>();
        Assert.NotNull(named);
        var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, named));
        Assert.Equal(SchemaPath(schemaFile), resolved);
    }

    private static void AssertValid(JsonSchema schema, string text, string file)
    {
        var result = schema.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, $"{file} does not validate against its schema:\n{string.Join("\n", errors)}");
    }

    // Built once each: a schema is registered under its file's URI, and registering it twice is an error.
    private static readonly Dictionary<string, Lazy<JsonSchema>> Schemas = new[] { DefinitionSchema, JurisdictionSchema }
        .ToDictionary(f => f, f => new Lazy<JsonSchema>(() => JsonSchema.FromText(File.ReadAllText(SchemaPath(f)), baseUri: new Uri(SchemaPath(f)))));

    private static JsonSchema Schema(string file) => Schemas[file].Value;

    private static string SchemaPath(string file) => Path.GetFullPath(Path.Combine(RepositoryFiles.WorkflowsDirectory, "schema", file));

    private static TheoryData<string> Files(IEnumerable<string> paths)
    {
        var data = new TheoryData<string>();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryFiles.WorkflowsDirectory, path));
        }
        return data;
    }
}
