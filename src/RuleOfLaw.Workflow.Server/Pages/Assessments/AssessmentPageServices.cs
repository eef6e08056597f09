using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.Pages.Assessments;

/// <summary>What the risk-assessment and fair-competition pages need to call their modules' API handlers.</summary>
public sealed class AssessmentPageServices(CurrentActor current, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock)
{
    public CurrentActor Current => current;
    public DefinitionRegistry Registry => registry;
    public InstanceCommandService Commands => commands;
    public TimeProvider Clock => clock;
}
