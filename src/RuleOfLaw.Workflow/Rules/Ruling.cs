using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Rules;

/// <summary>What a statutory rule answers: a decision (<see cref="Value"/>) or the refusal that stops it, never both.</summary>
public readonly record struct Ruling<T>(T? Value, Refusal? Refusal)
{
    public bool Refused => Refusal is not null;

    public static implicit operator Ruling<T>(Refusal refusal) => new(default, refusal);

    public static Ruling<T> Accept(T value) => new(value, null);
}
