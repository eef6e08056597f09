namespace RuleOfLaw.Workflow.Server.Startup;

/// <summary>Configuration section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Create the demo county and its users (default: true in Development, false elsewhere).</summary>
    public bool? Seed { get; set; }
}
