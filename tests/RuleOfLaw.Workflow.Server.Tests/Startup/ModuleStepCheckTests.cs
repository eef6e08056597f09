using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Tests.Api;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Startup;

/// <summary>
/// Every step id a module names is checked against the installed definition at start-up (issue 12): a step renamed in
/// a new definition would otherwise switch the module's legal gate off without a word. SQLite only (start-up behaviour).
/// </summary>
public sealed class ModuleStepCheckTests : IDisposable
{
    private readonly string _workflows = Directory.CreateTempSubdirectory("rolw-module-steps-").FullName;

    public ModuleStepCheckTests()
    {
        var source = Path.Combine(DefinitionEndpointTests.RepositoryRoot, "workflows");
        foreach (var folder in new[] { "calendars", "jurisdictions" })
        {
            Directory.CreateDirectory(Path.Combine(_workflows, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder)))
            {
                File.Copy(file, Path.Combine(_workflows, folder, Path.GetFileName(file)));
            }
        }
        DefinitionEndpointTests.CopyNormativeDefinition(_workflows);
    }

    [Fact]
    public async Task A_renamed_step_in_a_copied_definition_stops_the_start_naming_module_step_and_definition()
    {
        // The definition stays valid (every reference renamed with the step): only the modules' view is broken.
        var text = File.ReadAllText(DefinitionEndpointTests.RealDefinitionPath).Replace("\"collective-decision\"", "\"collective-deliberation\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_workflows, Path.GetFileName(DefinitionEndpointTests.RealDefinitionPath)), text);

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, _workflows);
        });
        var message = string.Join(Environment.NewLine, Messages(failure));
        Assert.Contains("module 'meetings' (MeetingsDescriptor) names step 'collective-decision'", message);
        Assert.Contains("definition 'major-administrative-decision'", message);
        Assert.DoesNotContain("'meeting-scheduling'", message); // the steps that exist are not blamed
    }

    [Fact]
    public void Every_module_is_described_and_its_steps_exist_in_the_shipped_definition()
    {
        var shipped = DefinitionLoader.Parse(File.ReadAllText(DefinitionEndpointTests.RealDefinitionPath), "major-administrative-decision.json", vocabulary: null);
        Assert.Equal(["after-decision", "experts", "fair-competition", "initiation", "legality-review", "meetings", "participation", "risk-assessment"],
            ModuleDescriptors.All.Where(m => m.DefinitionId == shipped.Id).Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Empty(ModuleStepCheck.Problems(ModuleDescriptors.All.Where(m => m.DefinitionId == shipped.Id), id => id == shipped.Id ? shipped : null));
        // A definition that lacks a module's definition altogether is named too.
        Assert.Contains(ModuleStepCheck.Problems(ModuleDescriptors.All.Take(1), _ => null), p => p.Contains("is not installed", StringComparison.Ordinal));
    }

    [Fact]
    public void An_outcome_a_module_reads_that_a_definition_renames_is_named_with_module_step_and_outcome()
    {
        // legality-intake's "returned" renamed (the definition stays valid: nothing else names it): the guard that asks for
        // the list of missing items (第二十六条) would never fire again.
        var renamed = File.ReadAllText(DefinitionEndpointTests.RealDefinitionPath)
            .Replace("{ \"id\": \"returned\"", "{ \"id\": \"sent-back\"", StringComparison.Ordinal);
        var definition = DefinitionLoader.Parse(renamed, "major-administrative-decision.json", vocabulary: null);
        Assert.Null(definition.Step("legality-intake").FindOutcome("returned"));

        var problems = ModuleStepCheck.Problems(ModuleDescriptors.All.Where(m => m.DefinitionId == definition.Id), _ => definition);
        var problem = Assert.Single(problems);
        Assert.Contains("module 'legality-review' (LegalityReviewDescriptor) reads outcome 'returned' of step 'legality-intake'", problem);
        Assert.Contains($"definition 'major-administrative-decision' version {definition.Version}", problem);
        // The head's decisions are read too (第三十条).
        Assert.Contains(ModuleDescriptors.All.Single(m => m.Name == "meetings").ReadsOutcomes, r => r == ("collective-decision", "not-approved"));
    }

    [Fact]
    public void The_normative_module_names_the_steps_of_the_shipped_normative_definition()
    {
        var shipped = DefinitionLoader.Parse(File.ReadAllText(DefinitionEndpointTests.NormativeDefinitionPath), "normative-document.json", vocabulary: null);
        var module = Assert.Single(ModuleDescriptors.All, m => m.DefinitionId == shipped.Id);
        Assert.Equal("normative-documents", module.Name);
        Assert.Empty(ModuleStepCheck.Problems([module], id => id == shipped.Id ? shipped : null));
        // Only the steps the participation, fair-competition and meetings modules run for it are shared with another module:
        // a guard is found by step id, so any other shared id would put a major decision's guard on a normative document.
        var others = ModuleDescriptors.All.Where(m => m != module).SelectMany(m => m.Steps).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["collective-decision", "fair-competition-review", "meeting-scheduling", "public-participation"],
            module.Steps.Where(others.Contains).Order(StringComparer.Ordinal));
        // A definition that drops one of its steps is named, with the module and the step.
        Assert.Contains(ModuleStepCheck.Problems([module], _ => DefinitionLoader.Parse(File.ReadAllText(DefinitionEndpointTests.RealDefinitionPath), "x.json", vocabulary: null)),
            p => p.Contains("names step 'lawfulness-review'", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_workflows, recursive: true);

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current.Message;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
                {
                    yield return inner;
                }
            }
        }
    }
}
