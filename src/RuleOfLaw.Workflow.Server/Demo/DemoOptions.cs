namespace RuleOfLaw.Workflow.Server.Demo;

/// <summary>Configuration section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Create the demo county and its users (default: true in Development, false elsewhere).</summary>
    public bool? Seed { get; set; }

    /// <summary>
    /// With the seed, also make the demo matters through the API once the server listens (Demo/LivingDemo.cs): an open
    /// consultation, a legality review, a meeting agenda, a published decision. Default: as <see cref="Seed"/>.
    /// </summary>
    public bool? LivingMatters { get; set; }
}
