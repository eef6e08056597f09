namespace RuleOfLaw.Workflow.Participation;

/// <summary>How a refusal is answered: the request itself is unacceptable, it conflicts with the record as it stands, or it is too large.</summary>
public enum RefusalKind
{
    /// <summary>What was asked is not acceptable as such (HTTP 422): a missing reason, a day in the future, a short period.</summary>
    Invalid,

    /// <summary>What was asked conflicts with the record as it stands (HTTP 409): the consultation is closed, already hidden …</summary>
    Conflict,

    /// <summary>The text is longer than a comment may be (HTTP 413).</summary>
    TooLarge,
}

/// <summary>
/// A participation rule's refusal: its stable <paramref name="Code"/>, the <paramref name="Article"/> of the
/// 《重大行政决策程序暂行条例》 it applies (null for a plain input rule), how it is answered, and the words.
/// </summary>
public sealed record ParticipationRefusal(string Code, string Message, string? Article, RefusalKind Kind)
{
    public static ParticipationRefusal Invalid(string code, string message, string? article = null) => new(code, message, article, RefusalKind.Invalid);

    public static ParticipationRefusal Conflict(string code, string message, string? article = null) => new(code, message, article, RefusalKind.Conflict);
}
