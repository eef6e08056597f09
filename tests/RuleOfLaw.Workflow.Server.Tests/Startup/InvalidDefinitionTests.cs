using System.Text.Json.Nodes;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Api;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Startup;

/// <summary>
/// The server refuses to start with a definition it could not run, and says which file and where (JSON path), so
/// a broken procedure never reaches users. Start-up behaviour does not depend on the provider: SQLite only.
/// </summary>
public sealed class InvalidDefinitionTests : IDisposable
{
    private readonly string _workflows = Directory.CreateTempSubdirectory("rolw-workflows-").FullName;

    public InvalidDefinitionTests()
    {
        var source = Path.Combine(DefinitionEndpointTests.RepositoryRoot, "workflows");
        Directory.CreateDirectory(Path.Combine(_workflows, "calendars"));
        foreach (var calendar in Directory.EnumerateFiles(Path.Combine(source, "calendars")))
        {
            File.Copy(calendar, Path.Combine(_workflows, "calendars", Path.GetFileName(calendar)));
        }
        Directory.CreateDirectory(Path.Combine(_workflows, "jurisdictions"));
        foreach (var settings in Directory.EnumerateFiles(Path.Combine(source, "jurisdictions")))
        {
            File.Copy(settings, Path.Combine(_workflows, "jurisdictions", Path.GetFileName(settings)));
        }
        File.Copy(DefinitionEndpointTests.RealDefinitionPath, Path.Combine(_workflows, Path.GetFileName(DefinitionEndpointTests.RealDefinitionPath)));
        DefinitionEndpointTests.CopyNormativeDefinition(_workflows);
    }

    [Fact]
    public async Task The_copied_folder_starts()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, _workflows);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        Assert.Equal("initiation", Assert.Single(instance.OpenTasks).StepId);
    }

    [Fact]
    public async Task A_dangling_reference_stops_the_start_naming_the_file_and_the_json_path()
    {
        var definition = RealDefinition();
        definition["id"] = "broken-procedure";
        var steps = definition["steps"]!.AsArray();
        var index = IndexOf(steps, "draft-revision");
        steps[index]!["next"] = new JsonArray("legality-submision");
        File.WriteAllText(Path.Combine(_workflows, "broken-procedure.json"), definition.ToJsonString());

        var message = await StartFailureAsync();
        Assert.Contains("broken-procedure.json", message);
        Assert.Contains($"$.steps[{index}].next[0]", message);
        Assert.Contains("legality-submision", message);
        Assert.DoesNotContain("major-administrative-decision.json", message); // the valid file is not blamed
    }

    [Fact]
    public async Task Invalid_json_stops_the_start_naming_the_file_and_the_line()
    {
        File.WriteAllText(Path.Combine(_workflows, "half-written.json"), "{\n  \"id\": \"half-written\",\n  \"version\": 1\n  \"title\": \"x\"\n}");

        var message = await StartFailureAsync();
        Assert.Contains("half-written.json", message);
        Assert.Contains("line 4", message);
    }

    [Fact]
    public async Task Changing_an_installed_version_in_place_stops_the_next_start()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using (var first = new ServerFactory(database, _workflows))
        {
            first.StartServer();
        }

        // Same id and version, different text: running instances would silently change procedure.
        var definition = RealDefinition();
        definition["steps"]![0]!["title"] = "决策启动（修订）";
        File.WriteAllText(Path.Combine(_workflows, Path.GetFileName(DefinitionEndpointTests.RealDefinitionPath)), definition.ToJsonString());

        await using var second = new ServerFactory(database, _workflows);
        var message = Messages(Assert.ThrowsAny<Exception>(second.StartServer));
        Assert.Contains("major-administrative-decision.json", message);
        Assert.Contains("$.version", message);
    }

    [Fact]
    public async Task A_jurisdiction_below_the_national_floor_stops_the_start_naming_the_file_and_the_json_path()
    {
        var path = Path.Combine(_workflows, "jurisdictions", "example-province.json");
        var settings = JsonNode.Parse(File.ReadAllText(path))!;
        settings["periods"]!["consultationMinimum"]!["days"] = 20;
        File.WriteAllText(path, settings.ToJsonString());

        var message = await StartFailureAsync();
        Assert.Contains("example-province.json", message);
        Assert.Contains("$.periods.consultationMinimum.days", message);
        Assert.Contains("第十五条", message);
        Assert.DoesNotContain("default.json", message);
    }

    [Fact]
    public async Task A_missing_default_jurisdiction_stops_the_start()
    {
        File.Delete(Path.Combine(_workflows, "jurisdictions", "default.json"));
        var message = await StartFailureAsync();
        Assert.True(message.Contains("'default'", StringComparison.Ordinal), message);
    }

    public void Dispose() => Directory.Delete(_workflows, recursive: true);

    private async Task<string> StartFailureAsync()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, _workflows);
        });
        return Messages(failure);
    }

    /// <summary>Every message in the exception and its inner exceptions: what an operator reads in the start-up log.</summary>
    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            messages.Add($"{current.GetType().Name}: {current.Message}");
            if (current is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
        return string.Join(Environment.NewLine, messages);
    }

    private static JsonObject RealDefinition() => JsonNode.Parse(File.ReadAllText(DefinitionEndpointTests.RealDefinitionPath))!.AsObject();

    private static int IndexOf(JsonArray steps, string id) =>
        steps.Select((s, i) => (Id: (string)s!["id"]!, i)).Single(s => s.Id == id).i;
}
