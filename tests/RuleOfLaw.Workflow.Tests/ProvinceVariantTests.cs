using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests;

/// <summary>
/// workflows/examples/example-province-major-decision.json: a province's own procedure written as a definition only
/// (expert argumentation always required, a hearing mandatory for price matters), started in the example province and
/// run to the end by the engine, with no code of its own.
/// </summary>
public sealed class ProvinceVariantTests
{
    private static ProcedureDefinition Variant() => DefinitionLoader.Parse(
        File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsDirectory, "examples", "example-province-major-decision.json")),
        "example-province-major-decision.json", ProcedureVocabulary.Instance);

    [Fact]
    public void A_price_matter_runs_to_the_end_through_the_mandatory_hearing_and_the_expert_argumentation()
    {
        var run = new ProcedureDriver(Variant(), "example-province");
        run.Start(new Dictionary<string, bool> { ["priceMatter"] = true });

        run.Complete("initiation", "draft-prepared");
        Assert.Equal(["expert-argumentation", "price-hearing", "public-participation"], run.OpenSteps());
        run.RunHappyPath();

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
        Assert.Contains("price-hearing", run.Completed);
        Assert.Contains("expert-argumentation", run.Completed);
        Assert.Equal(StepStatus.Skipped, run.Current.Steps["post-decision-evaluation"].Status);
        // The province's publication period (15 working days) came from its settings.
        Assert.Contains("example-province", run.Current.Tasks.Single(t => t.StepId == "publication").DueRule);
    }

    [Fact]
    public void Without_a_price_matter_the_hearing_is_skipped_but_the_experts_still_argue_and_an_ordered_evaluation_runs()
    {
        var run = new ProcedureDriver(Variant(), "example-province");
        run.Start(new Dictionary<string, bool>());

        run.Complete("initiation", "draft-prepared");
        Assert.Equal(["expert-argumentation", "public-participation"], run.OpenSteps());
        Assert.Equal(StepStatus.Skipped, run.Current.Steps["price-hearing"].Status);
        run.RunHappyPath(stop: task => task.StepId == "execution");
        run.Complete("execution", "executed-evaluate");
        run.Complete("post-decision-evaluation", "continue");

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
        Assert.True(run.Current.Attributes["evaluationPlanned"]);
    }
}
