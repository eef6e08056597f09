namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>One problem in a definition: where (file and JSON path) and what.</summary>
public sealed record DefinitionError(string File, string Path, string Problem)
{
    public override string ToString() => $"{File}: {Path}: {Problem}";
}
