namespace RuleOfLaw.Workflow.Engine.Conditions;

/// <summary>Recursive descent: or := and ('||' and)* ; and := unary ('&amp;&amp;' unary)* ; unary := '!' unary | '(' or ')' | name.</summary>
internal sealed class ConditionParser(string text)
{
    private int _position;

    public Condition ParseAll()
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ConditionSyntaxException("the condition is empty");
        }
        var result = ParseOr();
        SkipSpace();
        if (_position < text.Length)
        {
            throw Error($"unexpected '{text[_position]}'");
        }
        return result;
    }

    private Condition ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||"))
        {
            left = new Condition.Or(left, ParseAnd());
        }
        return left;
    }

    private Condition ParseAnd()
    {
        var left = ParseUnary();
        while (Accept("&&"))
        {
            left = new Condition.And(left, ParseUnary());
        }
        return left;
    }

    private Condition ParseUnary()
    {
        if (Accept("!"))
        {
            return new Condition.Not(ParseUnary());
        }
        if (Accept("("))
        {
            var inner = ParseOr();
            if (!Accept(")"))
            {
                throw Error("missing ')'");
            }
            return inner;
        }
        SkipSpace();
        var start = _position;
        while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
        {
            _position++;
        }
        if (start == _position || !char.IsAsciiLetter(text[start]))
        {
            _position = start; // report the column where the bad token begins, not where it ends
            throw Error(_position < text.Length ? $"expected an attribute name at '{text[_position]}'" : "expected an attribute name at the end");
        }
        return new Condition.Name(text[start.._position]);
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(text, _position, token, 0, token.Length) != 0)
        {
            return false;
        }
        _position += token.Length;
        return true;
    }

    private void SkipSpace()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }
    }

    private ConditionSyntaxException Error(string problem) =>
        new($"{problem} (column {_position + 1} of \"{text}\")");
}
