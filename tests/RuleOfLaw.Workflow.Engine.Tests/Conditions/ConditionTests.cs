using RuleOfLaw.Workflow.Engine.Conditions;

namespace RuleOfLaw.Workflow.Engine.Tests.Conditions;

public sealed class ConditionTests
{
    private static Dictionary<string, bool> Values(params (string Name, bool Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    private static readonly Condition.Name A = new("a");
    private static readonly Condition.Name B = new("b");
    private static readonly Condition.Name C = new("c");

    // ---- Structure: ! binds tightest, then &&, then || ----

    [Fact]
    public void And_binds_tighter_than_or()
    {
        Assert.Equal(new Condition.Or(A, new Condition.And(B, C)), Condition.Parse("a || b && c"));
        Assert.Equal(new Condition.Or(new Condition.And(A, B), C), Condition.Parse("a && b || c"));
    }

    [Fact]
    public void Not_binds_tighter_than_and()
    {
        Assert.Equal(new Condition.And(new Condition.Not(A), B), Condition.Parse("!a && b"));
        Assert.Equal(new Condition.Or(A, new Condition.Not(B)), Condition.Parse("a || !b"));
    }

    [Fact]
    public void Parentheses_override_precedence()
    {
        Assert.Equal(new Condition.And(new Condition.Or(A, B), C), Condition.Parse("(a || b) && c"));
        Assert.Equal(new Condition.Not(new Condition.And(A, B)), Condition.Parse("!(a && b)"));
        Assert.Equal(new Condition.Not(new Condition.Not(A)), Condition.Parse("!!a"));
    }

    [Fact]
    public void Whitespace_is_optional_and_names_may_contain_digits_and_underscores()
    {
        Assert.Equal(
            new Condition.And(new Condition.Name("has_2nd"), new Condition.Not(new Condition.Name("x1"))),
            Condition.Parse("  has_2nd&&!x1  "));
    }

    // ---- Evaluation ----

    [Fact]
    public void Or_of_and_evaluates_with_and_first()
    {
        // a || (b && c) is true; the wrong grouping (a || b) && c would be false.
        Assert.True(Condition.Parse("a || b && c").Evaluate(Values(("a", true), ("b", false), ("c", false))));
        // (a && b) || c is true; the wrong grouping a && (b || c) would be false.
        Assert.True(Condition.Parse("a && b || c").Evaluate(Values(("a", false), ("b", false), ("c", true))));
    }

    [Fact]
    public void Not_applies_to_its_operand_only()
    {
        // (!a) && b is false; !(a && b) would be true.
        Assert.False(Condition.Parse("!a && b").Evaluate(Values(("a", false), ("b", false))));
        Assert.True(Condition.Parse("!(a && b)").Evaluate(Values(("a", false), ("b", false))));
    }

    [Fact]
    public void Parenthesised_or_is_evaluated_before_and()
    {
        var condition = Condition.Parse("(urgent || stabilityRisk) && !technical");

        Assert.True(condition.Evaluate(Values(("urgent", false), ("stabilityRisk", true), ("technical", false))));
        Assert.False(condition.Evaluate(Values(("urgent", true), ("stabilityRisk", false), ("technical", true))));
        Assert.False(condition.Evaluate(Values(("urgent", false), ("stabilityRisk", false), ("technical", false))));
    }

    [Fact]
    public void An_unset_attribute_counts_as_false()
    {
        var empty = new Dictionary<string, bool>();

        Assert.False(Condition.Parse("technical").Evaluate(empty));
        Assert.True(Condition.Parse("!technical").Evaluate(empty));
        Assert.True(Condition.Parse("affectsSpecificGroup || !notDisclosable").Evaluate(Values(("affectsSpecificGroup", false))));
    }

    [Fact]
    public void Attribute_names_are_case_sensitive()
    {
        Assert.False(Condition.Parse("technical").Evaluate(Values(("Technical", true))));
    }

    [Theory]
    [InlineData("a || b && c")]
    [InlineData("(a || b) && c")]
    [InlineData("!(a || b) && c")]
    [InlineData("!(a && !b) || !c")]
    [InlineData("a && (b || c) && !(a || c)")]
    public void Printed_form_parses_back_to_an_equivalent_condition(string text)
    {
        // ToString() is what users read in skip reasons; it must mean what the definition says.
        var original = Condition.Parse(text);
        var reparsed = Condition.Parse(original.ToString());

        foreach (var a in new[] { false, true })
        foreach (var b in new[] { false, true })
        foreach (var c in new[] { false, true })
        {
            var values = Values(("a", a), ("b", b), ("c", c));
            Assert.Equal(original.Evaluate(values), reparsed.Evaluate(values));
        }
    }

    [Fact]
    public void Printed_form_keeps_the_parentheses_that_matter()
    {
        Assert.Equal("(a || b) && c", Condition.Parse("(a || b) && c").ToString());
        Assert.Equal("!(a && b)", Condition.Parse("!(a && b)").ToString());
        Assert.Equal("affectsSpecificGroup && !notDisclosable", Condition.Parse("affectsSpecificGroup&&!notDisclosable").ToString());
    }

    // ---- Names ----

    [Fact]
    public void Names_lists_every_attribute_under_every_operator()
    {
        var names = Condition.Parse("a && !(b || c) || !!d").Names().ToList();

        Assert.Equal(["a", "b", "c", "d"], names);
    }

    [Fact]
    public void Names_repeats_an_attribute_used_twice()
    {
        Assert.Equal(["a", "b", "a"], Condition.Parse("a && (b || a)").Names());
    }

    // ---- Syntax errors name the column ----

    [Theory]
    [InlineData("a &&", "expected an attribute name at the end (column 5")]
    [InlineData("a b", "unexpected 'b' (column 3")]
    [InlineData("a & b", "unexpected '&' (column 3")]
    [InlineData("a || (b && c", "missing ')' (column 13")]
    [InlineData("a ||| b", "expected an attribute name at '|' (column 5")]
    [InlineData("(a || b))", "unexpected ')' (column 9")]
    [InlineData("&& a", "expected an attribute name at '&' (column 1")]
    [InlineData("a && 9b", "expected an attribute name at '9' (column 6")]
    [InlineData("_a", "expected an attribute name at '_' (column 1")]
    [InlineData("a == b", "unexpected '=' (column 3")]
    public void Syntax_errors_report_the_problem_and_its_column(string text, string expected)
    {
        var error = Assert.Throws<ConditionSyntaxException>(() => Condition.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.Contains($"of \"{text}\"", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_condition_is_refused(string text)
    {
        var error = Assert.Throws<ConditionSyntaxException>(() => Condition.Parse(text));

        Assert.Contains("empty", error.Message);
    }
}
