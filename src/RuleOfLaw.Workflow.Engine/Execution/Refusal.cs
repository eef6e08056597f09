namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>Why a command was refused: a stable code for programs, a message for people, the article when the law is the reason.</summary>
public sealed record Refusal(string Code, string Message, string? Article = null);
