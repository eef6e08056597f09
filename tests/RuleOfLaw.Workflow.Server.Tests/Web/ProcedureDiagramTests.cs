using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Web;
using RuleOfLaw.Workflow;

namespace RuleOfLaw.Workflow.Server.Tests.Web;

/// <summary>The layered layout of the real procedure: readable (forward edges go down, loops are marked) and complete.</summary>
public sealed class ProcedureDiagramTests
{
    private static ProcedureDefinition Definition() =>
        DefinitionLoader.Parse(File.ReadAllText(Path.Combine(LocalizationTests.RepositoryRoot(), "workflows", "major-administrative-decision.json")),
            "major-administrative-decision.json", ProcedureVocabulary.Instance);

    [Fact]
    public void Every_forward_edge_goes_down_and_only_send_backs_go_up()
    {
        var definition = Definition();
        var diagram = ProcedureDiagram.Build(definition, null, new Dictionary<string, string>());

        Assert.Equal(definition.Steps.Select(s => s.Id).Order(), diagram.Nodes.Select(n => n.StepId).Order());
        var layer = diagram.Nodes.ToDictionary(n => n.StepId, n => n.Layer);
        Assert.All(diagram.Edges.Where(e => !e.Back), e => Assert.True(layer[e.To] > layer[e.From], $"{e.From} → {e.To}"));
        Assert.All(diagram.Edges.Where(e => e.Back), e => Assert.True(layer[e.To] <= layer[e.From], $"{e.From} ⇢ {e.To}"));
        // The legality review sends a draft back for revision: that loop is drawn as a send-back.
        Assert.Contains(diagram.Edges, e => e.Back);
        Assert.Equal(0, layer[definition.Start]);
        // No two boxes overlap.
        var boxes = diagram.Nodes.Select(n => (n.X, n.Y)).ToList();
        Assert.Equal(boxes.Count, boxes.Distinct().Count());
    }

    [Fact]
    public void States_come_from_the_instance_and_a_blocked_reason_wins()
    {
        var definition = Definition();
        var state = new InstanceState { Id = Guid.NewGuid(), MatterId = "m", DefinitionId = definition.Id, DefinitionVersion = definition.Version, StartedAt = DateTimeOffset.UnixEpoch };
        state.Step("initiation").Status = StepStatus.Completed;
        state.Step("public-participation").Status = StepStatus.Active;
        state.Step("expert-argumentation").Status = StepStatus.Skipped;
        state.Step("expert-argumentation").SkipReason = "条件不成立（第十九条）";
        state.Step("opinion-consolidation").Status = StepStatus.Waiting;

        var diagram = ProcedureDiagram.Build(definition, state, new Dictionary<string, string> { ["opinion-consolidation"] = "等待并行步骤完成" });
        var byId = diagram.Nodes.ToDictionary(n => n.StepId);

        Assert.Equal(DiagramState.Done, byId["initiation"].State);
        Assert.Equal(DiagramState.Current, byId["public-participation"].State);
        Assert.Equal(DiagramState.Skipped, byId["expert-argumentation"].State);
        Assert.Equal(DiagramState.Blocked, byId["opinion-consolidation"].State);
        Assert.Equal(DiagramState.Upcoming, byId["collective-decision"].State);
        var svg = diagram.ToSvg("t", "图");
        Assert.Contains("条件不成立（第十九条）", svg);
        Assert.Contains("class=\"step step-blocked\" data-step=\"opinion-consolidation\"", svg);
        Assert.Contains("role=\"img\" aria-labelledby=\"t\"", svg);
    }
}
