namespace RuleOfLaw.Workflow.Engine.Conditions;

public sealed class ConditionSyntaxException(string message) : Exception(message);
