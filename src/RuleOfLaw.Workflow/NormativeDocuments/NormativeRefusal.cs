namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>
/// Why a normative-document rule says no: a stable code (kebab-case, also the key of its zh-CN/en texts), the article
/// that is the reason, and the values the text names. Plain data: the server renders it per language and answers
/// 4xx; nothing in this project knows HTTP.
/// </summary>
public sealed record NormativeRefusal(string Code, string Article, IReadOnlyDictionary<string, string> Arguments)
{
    public static NormativeRefusal Of(string code, string article, params (string Name, object? Value)[] arguments) =>
        new(code, article, arguments.ToDictionary(a => a.Name, a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal));

    /// <summary>The argument's value, or empty.</summary>
    public string this[string name] => Arguments.GetValueOrDefault(name, "");
}
