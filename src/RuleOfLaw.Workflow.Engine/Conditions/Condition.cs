namespace RuleOfLaw.Workflow.Engine.Conditions;

/// <summary>
/// A boolean expression over a matter's attributes: names, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and parentheses,
/// e.g. <c>technical &amp;&amp; !notDisclosable</c>. An attribute that a matter does not set counts as false.
/// </summary>
public abstract record Condition
{
    public abstract bool Evaluate(IReadOnlyDictionary<string, bool> attributes);

    /// <summary>The attribute names the expression reads (to check them against the definition's declarations).</summary>
    public abstract IEnumerable<string> Names();

    public static Condition Parse(string text) => new ConditionParser(text).ParseAll();

    public sealed record Name(string Attribute) : Condition
    {
        public override bool Evaluate(IReadOnlyDictionary<string, bool> attributes) =>
            attributes.TryGetValue(Attribute, out var value) && value;
        public override IEnumerable<string> Names() => [Attribute];
        public override string ToString() => Attribute;
    }

    public sealed record Not(Condition Operand) : Condition
    {
        public override bool Evaluate(IReadOnlyDictionary<string, bool> attributes) => !Operand.Evaluate(attributes);
        public override IEnumerable<string> Names() => Operand.Names();
        public override string ToString() => Operand is Name ? $"!{Operand}" : $"!({Operand})";
    }

    public sealed record And(Condition Left, Condition Right) : Condition
    {
        public override bool Evaluate(IReadOnlyDictionary<string, bool> attributes) =>
            Left.Evaluate(attributes) && Right.Evaluate(attributes);
        public override IEnumerable<string> Names() => Left.Names().Concat(Right.Names());
        public override string ToString() => $"{Wrap(Left)} && {Wrap(Right)}";
        private static string Wrap(Condition c) => c is Or ? $"({c})" : c.ToString();
    }

    public sealed record Or(Condition Left, Condition Right) : Condition
    {
        public override bool Evaluate(IReadOnlyDictionary<string, bool> attributes) =>
            Left.Evaluate(attributes) || Right.Evaluate(attributes);
        public override IEnumerable<string> Names() => Left.Names().Concat(Right.Names());
        public override string ToString() => $"{Left} || {Right}";
    }
}
