using System.Globalization;
using System.Text.Json.Serialization;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// Why a command was refused: a stable code for programs, a message for people, the article when the law is the
/// reason. This is the one refusal type of the code base: the engine's refusals (<see cref="EngineTexts"/>) and the
/// procedure modules' rules (their <c>RuleOfLaw.Workflow.Engine.Texts.TextCatalog</c>) both produce it.
/// </summary>
/// <remarks>
/// A module's refusal is data: <see cref="Code"/>, <see cref="Article"/>, <see cref="Arguments"/> and its
/// <see cref="Class"/>; the text comes from the module's resources (<see cref="Texts"/>) in the reader's language, and
/// <see cref="Message"/> is its zh-CN rendering for code that only wants a string. Refusals built elsewhere without a
/// catalog (older server code) carry their text in both languages ("中文。English.") in <see cref="Message"/>.
/// </remarks>
public sealed record Refusal(string Code, string Message, string? Article = null)
{
    /// <summary>What kind of refusal this is (the server's HTTP status); null: decided by the code (older refusals without a catalog).</summary>
    public RefusalClass? Class { get; init; }

    /// <summary>The values the text names, by placeholder (machine form: dates ISO 8601, instants with their offset).</summary>
    public IReadOnlyDictionary<string, object?>? Arguments { get; init; }

    /// <summary>The text's key in <see cref="Texts"/> when it is not the code (one code, several wordings).</summary>
    [JsonIgnore]
    public string? TextKey { get; init; }

    /// <summary>Where the text in other languages comes from; null: <see cref="Message"/> is all there is.</summary>
    [JsonIgnore]
    public IRefusalTexts? Texts { get; init; }

    /// <summary>The text for a reader of <paramref name="culture"/>.</summary>
    public string TextIn(CultureInfo culture) => Texts?.Render(this, culture) ?? Message;
}

/// <summary>The class of a refusal, independent of HTTP: the server maps it to 422, 409, 403, 404, 413, 415, 401, 429.</summary>
public enum RefusalClass
{
    /// <summary>The input is not acceptable (422).</summary>
    Invalid,

    /// <summary>The state of the matter or the law forbids it now (409).</summary>
    Conflict,

    /// <summary>This person may not do it (403).</summary>
    Forbidden,

    /// <summary>There is no such thing, or the person may not see it (404).</summary>
    NotFound,

    /// <summary>The content is larger than allowed (413).</summary>
    TooLarge,

    /// <summary>The content is of a type that is not accepted (415).</summary>
    UnsupportedMediaType,

    /// <summary>The caller is not signed in, or the sign-in failed (401).</summary>
    Unauthenticated,

    /// <summary>Too many requests from this caller for now (429).</summary>
    TooManyRequests,
}

/// <summary>Renders a refusal in a language (a module's text catalog).</summary>
public interface IRefusalTexts
{
    string Render(Refusal refusal, CultureInfo culture);
}
