namespace RuleOfLaw.Workflow.Record;

/// <summary>How a refusal of the record module is answered over HTTP.</summary>
public enum RecordRefusalKind
{
    /// <summary>422: what was asked is not acceptable as such.</summary>
    Invalid,

    /// <summary>409: it conflicts with the record as it stands (the catalogue is already published …).</summary>
    Conflict,

    /// <summary>403: the person may not do or see this.</summary>
    Forbidden,

    /// <summary>404: no such thing, or not visible to the person.</summary>
    NotFound,
}

/// <summary>A refusal of the record module: stable code, words (Chinese first), the article it applies (if any), how it is answered.</summary>
public sealed record RecordRefusal(string Code, string Message, string? Article, RecordRefusalKind Kind)
{
    public static RecordRefusal Invalid(string code, string message, string? article = null) => new(code, message, article, RecordRefusalKind.Invalid);

    public static RecordRefusal Conflict(string code, string message, string? article = null) => new(code, message, article, RecordRefusalKind.Conflict);

    public static RecordRefusal Forbidden(string message, string? article = null) => new("forbidden", message, article, RecordRefusalKind.Forbidden);

    public static RecordRefusal NotFound(string message) => new("not-found", message, null, RecordRefusalKind.NotFound);
}
