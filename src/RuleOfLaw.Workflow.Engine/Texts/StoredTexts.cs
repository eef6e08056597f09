using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RuleOfLaw.Workflow.Engine.Texts;

/// <summary>
/// A catalog text kept with a row or a journal entry (a timer's note, an engine's or a module's journal comment) as
/// its code, <c>catalog:key</c> (the catalog's <see cref="TextCatalog.Module"/> name and the text's key), and its
/// arguments as JSON, so it is rendered when read, in the reader's language. The row keeps the zh-CN rendering as
/// its plain text too, which is what a reader of an older row (no code) or of an unknown code is shown.
/// </summary>
/// <remarks>
/// Arguments keep their meaning in JSON: text and numbers as they are, a <see cref="DateOnly"/> as <c>yyyy-MM-dd</c>,
/// a <see cref="TwoLanguages"/> as <c>{"zh","en"}</c>, a <see cref="LocalTime"/> as <c>{"at" (ISO 8601),"timeZone"}</c>,
/// a <see cref="PeriodEnd"/> as <c>{"lastDay"}</c>, a nested catalog text as <c>{"code","arguments"}</c>, a list as an array.
/// </remarks>
public static class StoredTexts
{
    /// <summary>The property of a journal entry's data that holds the code and arguments of its comment.</summary>
    public const string JournalProperty = "commentText";

    public static string Code(CatalogText text) => $"{text.Catalog.Module}:{text.Key}";

    /// <summary>A refusal's text with its arguments, to keep (a timer refused when it fired), or null for a refusal of no catalog.</summary>
    public static CatalogText? Of(Execution.Refusal refusal) => refusal.Texts is TextCatalog catalog
        ? new CatalogText(catalog, refusal.TextKey ?? refusal.Code, refusal.Arguments ?? new Dictionary<string, object?>())
        : null;

    public static string ArgumentsJson(CatalogText text) => Arguments(text).ToJsonString();

    /// <summary>The text a code and its arguments name, or null when the catalog or the key is unknown (or the JSON unreadable).</summary>
    public static CatalogText? Restore(string? code, string? argumentsJson)
    {
        var colon = code?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || TextCatalog.Named(code![..colon]) is not { } catalog || catalog.Find(code[(colon + 1)..], TextCatalog.Chinese) is null)
        {
            return null;
        }
        try
        {
            var node = string.IsNullOrEmpty(argumentsJson) ? null : JsonNode.Parse(argumentsJson);
            var arguments = node is JsonObject values
                ? values.ToDictionary(p => p.Key, p => Value(p.Value), StringComparer.Ordinal)
                : new Dictionary<string, object?>(StringComparer.Ordinal);
            return new CatalogText(catalog, code[(colon + 1)..], arguments);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The stored text in <paramref name="culture"/>; <paramref name="fallback"/> (the row's plain text) when there is no code or it is unknown.</summary>
    public static string? Render(string? code, string? argumentsJson, string? fallback, CultureInfo culture) =>
        Restore(code, argumentsJson)?.ToText(culture) ?? fallback;

    /// <summary><paramref name="dataJson"/> (a JSON object, or null for <c>{}</c>) with <paramref name="text"/> as its <see cref="JournalProperty"/>.</summary>
    public static string WithComment(string? dataJson, CatalogText text)
    {
        var data = string.IsNullOrEmpty(dataJson) ? new JsonObject() : JsonNode.Parse(dataJson) as JsonObject
            ?? throw new ArgumentException("A journal entry's data is a JSON object.", nameof(dataJson));
        data[JournalProperty] = new JsonObject { ["code"] = Code(text), ["arguments"] = Arguments(text) };
        return data.ToJsonString();
    }

    /// <summary>
    /// A journal entry's comment for a reader of <paramref name="culture"/>: rendered from the code in its data when it
    /// has one (at the top of the data, or in the command's data the engine nests under <c>data</c>, e.g. a signal's),
    /// else the stored comment as it is (entries written before the codes, people's own comments).
    /// </summary>
    public static string? Comment(string? comment, string? dataJson, CultureInfo culture)
    {
        if (string.IsNullOrEmpty(dataJson) || !dataJson.Contains(JournalProperty, StringComparison.Ordinal))
        {
            return comment;
        }
        try
        {
            var data = JsonNode.Parse(dataJson) as JsonObject;
            var stored = data?[JournalProperty] as JsonObject ?? (data?["data"] as JsonObject)?[JournalProperty] as JsonObject;
            return stored is null ? comment : Render(stored["code"]?.GetValue<string>(), stored["arguments"]?.ToJsonString(), comment, culture);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return comment;
        }
    }

    private static JsonObject Arguments(CatalogText text)
    {
        var arguments = new JsonObject();
        foreach (var (name, value) in text.Arguments)
        {
            arguments[name] = Node(value);
        }
        return arguments;
    }

    private static JsonNode? Node(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TwoLanguages two => new JsonObject { ["zh"] = two.Chinese, ["en"] = two.English },
        LocalTime local => new JsonObject { ["at"] = local.At.ToString("O", CultureInfo.InvariantCulture), ["timeZone"] = local.TimeZone },
        PeriodEnd end => new JsonObject { ["lastDay"] = end.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        CatalogText nested => new JsonObject { ["code"] = Code(nested), ["arguments"] = Arguments(nested) },
        int or long or short or byte => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double or float or decimal => JsonValue.Create(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        DateTimeOffset instant => throw new ArgumentException(
            $"An instant in a stored text must say its time zone: pass a {nameof(LocalTime)}, not {instant:O}."),
        IEnumerable items => new JsonArray(items.Cast<object?>().Select(Node).ToArray()),
        _ => JsonValue.Create(value.ToString()), // ids, enums: as the text shows them
    };

    private static object? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonArray items => items.Select(Value).ToList(),
        JsonObject o when o["zh"] is not null && o["en"] is not null => new TwoLanguages(o["zh"]!.GetValue<string>(), o["en"]!.GetValue<string>()),
        JsonObject o when o["at"] is not null && o["timeZone"] is not null =>
            new LocalTime(DateTimeOffset.Parse(o["at"]!.GetValue<string>(), CultureInfo.InvariantCulture), o["timeZone"]!.GetValue<string>()),
        JsonObject o when o["lastDay"] is not null => new PeriodEnd(DateOnly.ParseExact(o["lastDay"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        JsonObject o when o["code"] is not null => Restore(o["code"]!.GetValue<string>(), o["arguments"]?.ToJsonString()) as object ?? "",
        JsonObject o => o.ToJsonString(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<decimal>(out var m) => m,
        _ => node.ToJsonString(),
    };
}

/// <summary>
/// A catalog text kept in the instance state (a step's skip reason, the instance's status reason) next to its zh-CN
/// rendering: <see cref="Code"/> (<c>catalog:key</c>) and <see cref="Arguments"/> (JSON), see <see cref="StoredTexts"/>.
/// </summary>
public sealed record StoredText(string Code, string Arguments)
{
    public static StoredText Of(CatalogText text) => new(StoredTexts.Code(text), StoredTexts.ArgumentsJson(text));

    /// <summary>
    /// The text in <paramref name="culture"/>, or <paramref name="fallback"/> (the plain text stored beside it) when
    /// <paramref name="stored"/> is null or names an unknown text.
    /// </summary>
    public static string? Render(StoredText? stored, string? fallback, CultureInfo culture) =>
        stored is null ? fallback : StoredTexts.Render(stored.Code, stored.Arguments, fallback, culture);
}
