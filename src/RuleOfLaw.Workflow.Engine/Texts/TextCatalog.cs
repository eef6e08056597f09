using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Text;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Engine.Texts;

/// <summary>
/// One module's texts, looked up by code: <c>&lt;Module&gt;Texts.resx</c> (zh-CN, the neutral language) and
/// <c>&lt;Module&gt;Texts.en.resx</c> next to the derived class, one pair per module so that modules never share a
/// file. A module declares <c>public sealed class MeetingTexts() : TextCatalog("meetings")</c> with a static
/// instance, and its rules build refusals through it: <c>MeetingTexts.Catalog.Conflict("head-speaks-last", "第三十条", ("members", names))</c>.
/// </summary>
/// <remarks>
/// A text names its arguments as <c>{name}</c>. Arguments are rendered for the reader (<see cref="Format"/>): a
/// <see cref="LocalTime"/> in the jurisdiction's time zone, a <see cref="PeriodEnd"/> as the last day's 24:00, a list
/// joined with 、 or ", ". The refusal keeps the values themselves, in machine form, for API clients.
/// </remarks>
public abstract class TextCatalog : IRefusalTexts
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly ConcurrentDictionary<Type, TextCatalog> Known = new();
    private readonly ResourceManager _resources;

    protected TextCatalog(string module)
    {
        Module = module;
        _resources = new ResourceManager(GetType());
        Known[GetType()] = this;
    }

    /// <summary>The module's name (for people reading a report: "meetings", "after-decision" …).</summary>
    public string Module { get; }

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (zh-CN when it has none), or null.</summary>
    public string? Find(string key, CultureInfo culture) => _resources.GetString(key, culture);

    /// <summary>Every key with its text in <paramref name="culture"/> alone (no fallback): for the completeness tests.</summary>
    public IReadOnlyDictionary<string, string> Entries(CultureInfo culture)
    {
        var set = _resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set is null ? new Dictionary<string, string>()
            : set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
    }

    /// <summary>The text of <paramref name="key"/> with <paramref name="arguments"/> filled in, for a reader of <paramref name="culture"/>.</summary>
    public string Text(string key, CultureInfo culture, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        var template = Find(key, culture)
            ?? throw new MissingManifestResourceException($"The text catalog '{Module}' ({GetType().FullName}) has no text for '{key}'.");
        return Fill(template, arguments, culture);
    }

    public string Render(Refusal refusal, CultureInfo culture) => Text(refusal.TextKey ?? refusal.Code, culture, refusal.Arguments);

    public Refusal Invalid(string code, string? article = null, params (string Name, object? Value)[] arguments) =>
        Refuse(RefusalClass.Invalid, code, article, arguments);

    public Refusal Conflict(string code, string? article = null, params (string Name, object? Value)[] arguments) =>
        Refuse(RefusalClass.Conflict, code, article, arguments);

    public Refusal Forbidden(string code, string? article = null, params (string Name, object? Value)[] arguments) =>
        Refuse(RefusalClass.Forbidden, code, article, arguments);

    public Refusal NotFound(string code, string? article = null, params (string Name, object? Value)[] arguments) =>
        Refuse(RefusalClass.NotFound, code, article, arguments);

    /// <summary>
    /// A refusal of this module: its <see cref="Refusal.Message"/> is the zh-CN text (the default reader).
    /// <paramref name="code"/> is the text's key; a key <c>code.variant</c> (e.g. <c>forbidden.create-meeting</c>,
    /// <c>text-required.head</c>) gives the refusal the code before the dot and its own text.
    /// </summary>
    public Refusal Refuse(RefusalClass kind, string code, string? article, params (string Name, object? Value)[] arguments)
    {
        var values = arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        return new Refusal(dot < 0 ? code : code[..dot], Text(code, Chinese, values), article)
        {
            Class = kind, Arguments = values, Texts = this, TextKey = dot < 0 ? null : code,
        };
    }

    /// <summary>A text of this catalog that is not a refusal (a compliance line), rendered in the reader's language later.</summary>
    public CatalogText Line(string key, params (string Name, object? Value)[] arguments) =>
        new(this, key, arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));

    /// <summary>Every catalog whose class has been loaded (the tests load them all by reflection).</summary>
    public static IReadOnlyCollection<TextCatalog> Loaded => Known.Values.ToList();

    /// <summary>
    /// The catalog whose <see cref="Module"/> is <paramref name="module"/> (a stored text's code names it), or null.
    /// A catalog not used yet in this process is found in the loaded assemblies of the application.
    /// </summary>
    public static TextCatalog? Named(string module)
    {
        if (Known.Values.FirstOrDefault(c => c.Module == module) is { } known)
        {
            return known;
        }
        foreach (var type in AppDomain.CurrentDomain.GetAssemblies()
                     .Where(a => a.GetName().Name?.StartsWith("RuleOfLaw.Workflow", StringComparison.Ordinal) == true)
                     .SelectMany(a => a.GetTypes())
                     .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(TextCatalog))))
        {
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }
        return Known.Values.FirstOrDefault(c => c.Module == module);
    }

    /// <summary>Replaces each <c>{name}</c> with its argument rendered for the reader; an unknown name is left as it is.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, object?>? arguments, CultureInfo culture)
    {
        if (arguments is null || arguments.Count == 0 || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }
        var text = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                text.Append(template, i, template.Length - i);
                break;
            }
            text.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            if (arguments.TryGetValue(name, out var value))
            {
                text.Append(Format(value, culture));
            }
            else
            {
                text.Append(template, open, close - open + 1);
            }
            i = close + 1;
        }
        return text.ToString();
    }

    /// <summary>
    /// An argument as a reader sees it: local times and period ends (<see cref="LocalTime"/>, <see cref="PeriodEnd"/>),
    /// dates as yyyy-MM-dd, numbers without grouping, lists joined in the reader's way.
    /// </summary>
    public static string Format(object? value, CultureInfo culture) => value switch
    {
        null => "",
        string s => s,
        IReaderText readable => readable.ToText(culture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => throw new ArgumentException(
            $"An instant in a text must say its time zone: pass a {nameof(LocalTime)} (the jurisdiction's local time), not {instant:O}."),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(IsChinese(culture) ? "、" : ", ", items.Cast<object?>().Select(x => Format(x, culture))),
        _ => value.ToString() ?? "",
    };

    public static bool IsChinese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh" || culture.Equals(CultureInfo.InvariantCulture);
}

/// <summary>A value that renders itself for a reader (times, periods).</summary>
public interface IReaderText
{
    string ToText(CultureInfo culture);
}

/// <summary>An instant as the jurisdiction's people read it: local date and time to the minute, e.g. <c>2026-03-12 09:30</c>.</summary>
public sealed record LocalTime(DateTimeOffset At, string TimeZone) : IReaderText
{
    public string ToText(CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(At, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>
/// The end of a period whose last day is <paramref name="LastDay"/>: it ends at that day's 24:00 local time
/// (《民法典》第二百零三条), so it reads <c>2026-03-12 24:00</c>, never the next day's 00:00 or a UTC instant.
/// </summary>
public sealed record PeriodEnd(DateOnly LastDay) : IReaderText
{
    public string ToText(CultureInfo culture) => LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 24:00";
}

/// <summary>
/// A text of a catalog with its arguments, rendered when the reader is known: a compliance line, a notice (not a
/// refusal). Made by <see cref="TextCatalog.Line"/>.
/// </summary>
public sealed record CatalogText(TextCatalog Catalog, string Key, IReadOnlyDictionary<string, object?> Arguments) : IReaderText
{
    public string ToText(CultureInfo culture) => Catalog.Text(Key, culture, Arguments);
}

/// <summary>Instants as the jurisdiction's people read them in a text.</summary>
public static class ReaderTime
{
    /// <summary>
    /// An end at local midnight is the previous day's 24:00 (a period's end, 《民法典》第二百零三条), any other instant
    /// its local date and time.
    /// </summary>
    public static IReaderText When(DateTimeOffset at, string timeZone) => When(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    /// <inheritdoc cref="When(DateTimeOffset, string)"/>
    public static IReaderText When(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.TimeOfDay == TimeSpan.Zero ? new PeriodEnd(DateOnly.FromDateTime(local.DateTime).AddDays(-1)) : new LocalTime(at, zone.Id);
    }
}
