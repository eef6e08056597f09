using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Input;

namespace RuleOfLaw.Workflow.Server.Input;

/// <summary>
/// Walks what a client sent, as bound (a request record, a page model's bound properties, a form, a JSON element),
/// and answers the first value that breaks <see cref="InputRules"/>, named by its path (<c>participants[2]</c>,
/// <c>attributes.x</c>) in the JSON's camelCase. Only the request's own types are walked: strings, dates, JSON, lists,
/// dictionaries, and the records and classes of this project; anything else (a service, a stream) is left alone.
/// </summary>
public static class InputInspector
{
    private const int MaxDepth = 12;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>The first value under <paramref name="value"/> that breaks a rule, reported at <paramref name="path"/>.</summary>
    public static Refusal? Find(string path, object? value) => Walk(path, value, 0);

    /// <summary>Form fields (names and values) and uploaded files' names.</summary>
    public static Refusal? FindInForm(Microsoft.AspNetCore.Http.IFormCollection form)
    {
        foreach (var (key, values) in form)
        {
            if ((InputRules.CheckText("form", key) ?? Values(key, values)) is { } refusal)
            {
                return refusal;
            }
        }
        foreach (var file in form.Files)
        {
            if ((InputRules.CheckText(file.Name + ".fileName", file.FileName) ?? InputRules.CheckText("form", file.Name)) is { } refusal)
            {
                return refusal;
            }
        }
        return null;
    }

    /// <summary>Each of <paramref name="values"/> (a query or form field) under <paramref name="name"/>.</summary>
    public static Refusal? Values(string name, StringValues values)
    {
        foreach (var value in values)
        {
            if (InputRules.CheckText(name, value) is { } refusal)
            {
                return refusal;
            }
        }
        return null;
    }

    /// <summary>Whether the inspector looks inside values of <paramref name="type"/> (see the summary).</summary>
    public static bool Inspects(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime)
            || type == typeof(JsonElement) || type == typeof(JsonDocument) || typeof(Microsoft.AspNetCore.Http.IFormCollection).IsAssignableFrom(type)
            || typeof(Microsoft.AspNetCore.Http.IFormFile).IsAssignableFrom(type)
            || (type.IsArray && Inspects(type.GetElementType()!))
            || (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Any(Inspects))
            || IsOwn(type);
    }

    private static bool IsOwn(Type type) =>
        type.Namespace?.StartsWith("RuleOfLaw.Workflow", StringComparison.Ordinal) == true && (type.IsClass || type.IsValueType) && !type.IsEnum
        && !typeof(Delegate).IsAssignableFrom(type);

    private static Refusal? Walk(string path, object? value, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return null;
        }
        switch (value)
        {
            case string text:
                return InputRules.CheckText(path, text);
            case DateOnly date:
                // An absent date bound to a non-nullable property is default(DateOnly): the endpoint's own "required" says so.
                return date == default ? null : InputRules.CheckDate(path, date);
            case DateTimeOffset instant:
                return instant == default ? null : InputRules.CheckInstant(path, instant);
            case DateTime time:
                return time == default ? null : InputRules.CheckDateTime(path, time);
            case JsonElement element:
                return Json(path, element, depth);
            case JsonDocument document:
                return Json(path, document.RootElement, depth);
            case Microsoft.AspNetCore.Http.IFormFile file:
                return InputRules.CheckText(path + ".fileName", file.FileName);
            case Microsoft.AspNetCore.Http.IFormCollection form:
                return FindInForm(form);
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key.ToString() ?? "";
                    if ((InputRules.CheckText(path, key) ?? Walk(Join(path, key), entry.Value, depth + 1)) is { } refusal)
                    {
                        return refusal;
                    }
                }
                return null;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    if (Walk($"{path}[{i++}]", item, depth + 1) is { } refusal)
                    {
                        return refusal;
                    }
                }
                return null;
        }
        var type = value.GetType();
        if (!IsOwn(type) || type.IsPrimitive)
        {
            return null;
        }
        foreach (var property in Properties.GetOrAdd(type, Readable))
        {
            if (Walk(Join(path, JsonNamingPolicy.CamelCase.ConvertName(property.Name)), property.GetValue(value), depth + 1) is { } refusal)
            {
                return refusal;
            }
        }
        return null;
    }

    /// <summary>
    /// Strings of a JSON value, property names included. A lone surrogate escaped in JSON (<c>"\ud800"</c>) cannot be read
    /// as a string at all: the reader throws, and that is this rule's refusal rather than a 500.
    /// </summary>
    private static Refusal? Json(string path, JsonElement element, int depth)
    {
        if (depth > MaxDepth * 4)
        {
            return null;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ReadString(path, element);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return InputRules.CheckText(path, "\ud800");
                    }
                    if ((InputRules.CheckText(path, name) ?? Json(Join(path, name), property.Value, depth + 1)) is { } refusal)
                    {
                        return refusal;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Json($"{path}[{i++}]", item, depth + 1) is { } refusal)
                    {
                        return refusal;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static Refusal? ReadString(string path, JsonElement element)
    {
        try
        {
            return InputRules.CheckText(path, element.GetString());
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate ("Cannot read invalid UTF-16 JSON text as string").
            return InputRules.CheckText(path, "\ud800");
        }
    }

    /// <summary>A JSON text read by an endpoint itself (not bound): every string and property name, or null when it does not parse.</summary>
    public static Refusal? FindInJson(string path, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Json(path, document.RootElement, 0);
        }
        catch (JsonException)
        {
            // Not JSON: the endpoint's own parser says where it fails.
            return null;
        }
    }

    private static PropertyInfo[] Readable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic)];

    private static string Join(string path, string name) => string.IsNullOrEmpty(path) ? name : $"{path}.{name}";
}
