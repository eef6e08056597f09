using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Conditions;

namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// Reads a definition's JSON into the model, collecting every structural error with its JSON path instead of
/// stopping at the first, so an author fixes a file in one round. Graph rules live in <see cref="DefinitionValidator"/>.
/// </summary>
internal sealed class DefinitionReader(string file)
{
    private readonly List<DefinitionError> _errors = [];

    public IReadOnlyList<DefinitionError> Errors => _errors;

    public ProcedureDefinition? Read(string json)
    {
        // A lone surrogate is not text: raw, the JSON library would silently turn it into U+FFFD; escaped, it throws
        // when the string is read. Either way the definition is refused here with the place (issue 16 item 4).
        if (LoneSurrogate(json) is { } lone)
        {
            _errors.Add(new DefinitionError(file, "$", lone));
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            _errors.Add(new DefinitionError(file, e.Path ?? "$", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message}"));
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                _errors.Add(new DefinitionError(file, "$", "the definition must be a JSON object"));
                return null;
            }
            Known(root, "$", DefinitionProperties.Definition);
            var id = RequiredString(root, "$", "id");
            var version = RequiredPositiveInt(root, "$", "version");
            var title = RequiredString(root, "$", "title");
            var legalBasis = RequiredString(root, "$", "legalBasis");
            var start = RequiredString(root, "$", "start");
            var attributes = ReadArray(root, "$", "attributes", required: false, ReadAttribute);
            var steps = ReadArray(root, "$", "steps", required: true, ReadStep);
            var events = ReadArray(root, "$", "events", required: false, ReadEvent);
            if (_errors.Count > 0)
            {
                return null;
            }
            return new ProcedureDefinition
            {
                Id = id!,
                Version = version,
                Title = title!,
                TitleEn = OptionalString(root, "$", "titleEn"),
                LegalBasis = legalBasis!,
                Start = start!,
                Attributes = attributes,
                Steps = steps,
                Events = events,
                SourceFile = file,
                ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
            };
        }
    }

    private AttributeDefinition? ReadAttribute(JsonElement e, string path) =>
        Known(e, path, DefinitionProperties.Attribute) && RequiredString(e, path, "name") is { } name && RequiredString(e, path, "title") is { } title
            ? new AttributeDefinition(name, title, OptionalString(e, path, "titleEn"), OptionalString(e, path, "article"))
            : null;

    private StepDefinition? ReadStep(JsonElement e, string path)
    {
        Known(e, path, DefinitionProperties.Step);
        var id = RequiredString(e, path, "id");
        var kindText = RequiredString(e, path, "kind");
        var title = RequiredString(e, path, "title");
        StepKind? kind = kindText switch
        {
            "humanTask" => StepKind.HumanTask,
            "automatic" => StepKind.Automatic,
            "timer" => StepKind.Timer,
            "gate" => StepKind.Gate,
            "event" => StepKind.Event,
            "subProcedure" => StepKind.SubProcedure,
            null => null,
            _ => Fail<StepKind?>($"{path}.kind", $"unknown step kind '{kindText}' (expected humanTask, automatic, timer, gate, event or subProcedure)"),
        };
        var step = new StepDefinition
        {
            Id = id ?? "",
            Kind = kind ?? StepKind.Automatic,
            Title = title ?? "",
            TitleEn = OptionalString(e, path, "titleEn"),
            Article = OptionalString(e, path, "article"),
            Description = OptionalString(e, path, "description"),
            Role = OptionalString(e, path, "role"),
            Organization = OptionalString(e, path, "organization"),
            When = OptionalCondition(e, path, "when"),
            Join = StringArray(e, path, "join"),
            Due = OptionalPeriod(e, path, "due"),
            Minimum = OptionalPeriod(e, path, "minimum"),
            Duration = OptionalPeriod(e, path, "duration"),
            Condition = OptionalCondition(e, path, "condition"),
            Otherwise = StringArray(e, path, "otherwise"),
            Outcomes = ReadArray(e, path, "outcomes", required: false, ReadOutcome),
            Next = StringArray(e, path, "next"),
            Signal = OptionalString(e, path, "signal"),
            CompletedBy = OptionalString(e, path, "completedBy"),
            Events = ReadArray(e, path, "events", required: false, ReadEvent),
            Parties = OptionalParties(e, path),
            Procedure = OptionalString(e, path, "procedure"),
            PassAttributes = StringArray(e, path, "passAttributes"),
        };
        return id is null || kind is null || title is null ? null : step;
    }

    private OutcomeDefinition? ReadOutcome(JsonElement e, string path)
    {
        Known(e, path, DefinitionProperties.Outcome);
        var id = RequiredString(e, path, "id");
        var title = RequiredString(e, path, "title");
        IReadOnlyList<string>? next = e.TryGetProperty("next", out _) ? StringArray(e, path, "next") : null;
        var commentRequired = OptionalBool(e, path, "commentRequired");
        var set = AttributeValues(e, path, "set");
        return id is null || title is null
            ? null
            : new OutcomeDefinition(id, title, OptionalString(e, path, "titleEn"), next, commentRequired, OptionalString(e, path, "article")) { Set = set };
    }

    /// <summary><c>"set": { "evaluationPlanned": true }</c>: attribute values an outcome records (art. 36).</summary>
    private IReadOnlyDictionary<string, bool> AttributeValues(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var e))
        {
            return new Dictionary<string, bool>();
        }
        var values = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (e.ValueKind != JsonValueKind.Object)
        {
            Fail<object>($"{path}.{name}", "must be an object of attribute names and true/false, e.g. { \"evaluationPlanned\": true }");
            return values;
        }
        foreach (var property in e.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                values[property.Name] = property.Value.GetBoolean();
            }
            else
            {
                Fail<object>($"{path}.{name}.{property.Name}", "must be true or false");
            }
        }
        return values;
    }

    private bool OptionalBool(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var flag))
        {
            return false;
        }
        if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return flag.GetBoolean();
        }
        Fail<object>($"{path}.{name}", "must be true or false");
        return false;
    }

    private EventDefinition? ReadEvent(JsonElement e, string path)
    {
        Known(e, path, DefinitionProperties.Event);
        var signal = RequiredString(e, path, "signal");
        var interrupting = OptionalBool(e, path, "interrupting");
        var next = StringArray(e, path, "next");
        return signal is null
            ? null
            : new EventDefinition(signal, OptionalString(e, path, "title"), OptionalString(e, path, "titleEn"), OptionalString(e, path, "article"), interrupting, next)
            {
                SentBy = OptionalString(e, path, "sentBy"),
            };
    }

    private PartiesDefinition? OptionalParties(JsonElement parent, string path)
    {
        if (!parent.TryGetProperty("parties", out var e))
        {
            return null;
        }
        var here = $"{path}.parties";
        if (e.ValueKind != JsonValueKind.Object)
        {
            return Fail<PartiesDefinition?>(here, "must be an object like { \"completion\": \"all\" }");
        }
        Known(e, here, DefinitionProperties.Parties);
        var completion = PartyCompletion.All;
        if (e.TryGetProperty("completion", out var c))
        {
            completion = ReadCompletion(c, $"{here}.completion") ?? PartyCompletion.All;
        }
        return new PartiesDefinition(
            OptionalString(e, here, "role"),
            ReadArray(e, here, "outcomes", required: false, ReadOutcome),
            completion,
            OptionalBool(e, here, "last"),
            OptionalString(e, here, "recorderRole"),
            OptionalString(e, here, "recorderOrganization"))
        {
            Organization = OptionalString(e, here, "organization"),
            CompletedBy = OptionalString(e, here, "completedBy"),
        };
    }

    private PartyCompletion? ReadCompletion(JsonElement c, string here)
    {
        const string Expected = "must be \"all\", \"any\", { \"count\": n } or { \"share\": 0.5 }";
        if (c.ValueKind == JsonValueKind.Object)
        {
            Known(c, here, DefinitionProperties.Completion);
        }
        if (c.ValueKind == JsonValueKind.String)
        {
            return c.GetString() switch
            {
                "all" => PartyCompletion.All,
                "any" => new PartyCompletion(PartyCompletionKind.Any),
                _ => Fail<PartyCompletion>(here, Expected),
            };
        }
        if (c.ValueKind == JsonValueKind.Object && c.TryGetProperty("count", out var n) && !c.TryGetProperty("share", out _))
        {
            return n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var count) && count >= 1
                ? new PartyCompletion(PartyCompletionKind.Count, Count: count)
                : Fail<PartyCompletion>($"{here}.count", "must be a whole number, at least 1");
        }
        if (c.ValueKind == JsonValueKind.Object && c.TryGetProperty("share", out var f) && !c.TryGetProperty("count", out _))
        {
            return f.ValueKind == JsonValueKind.Number && f.TryGetDecimal(out var share) && share > 0 && share <= 1
                ? new PartyCompletion(PartyCompletionKind.Share, Share: share)
                : Fail<PartyCompletion>($"{here}.share", "must be a number greater than 0 and at most 1");
        }
        return Fail<PartyCompletion>(here, Expected);
    }

    private Period? OptionalPeriod(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var e))
        {
            return null;
        }
        var here = $"{path}.{name}";
        if (e.ValueKind != JsonValueKind.Object)
        {
            return Fail<Period?>(here, "a period must be an object like { \"days\": 15, \"counting\": \"calendar\" } or { \"setting\": \"publicationDeadline\" }");
        }
        Known(e, here, DefinitionProperties.Period);
        return PeriodLength(e, here) is { } period ? WithRules(period, e, here, name) : null;
    }

    /// <summary>The anchor, condition, citation and restriction a period may carry besides its length (art. 15, art. 26).</summary>
    private Period? WithRules(Period period, JsonElement e, string here, string name)
    {
        var from = OptionalString(e, here, "from");
        var when = OptionalCondition(e, here, "when");
        var article = OptionalString(e, here, "article");
        var restricts = PeriodRestriction.Task;
        if (OptionalString(e, here, "restricts") is { } text)
        {
            restricts = text switch
            {
                "task" => PeriodRestriction.Task,
                "requests" => PeriodRestriction.Requests,
                _ => Fail<PeriodRestriction>($"{here}.restricts", $"unknown restriction '{text}' (expected task or requests)"),
            };
            if (name != "minimum")
            {
                Fail<object>($"{here}.restricts", "only a minimum restricts something; a due date or a duration does not");
            }
        }
        var reasonIfShorter = OptionalBool(e, here, "reasonIfShorter");
        return period with { From = from, When = when, Article = article, Restricts = restricts, ReasonIfShorter = reasonIfShorter };
    }

    private Period? PeriodLength(JsonElement e, string here)
    {
        if (e.TryGetProperty("setting", out var s))
        {
            if (e.TryGetProperty("days", out _) || e.TryGetProperty("counting", out _))
            {
                return Fail<Period?>(here, "a period names either a jurisdiction \"setting\" or \"days\" and \"counting\", not both");
            }
            return s.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(s.GetString())
                ? Period.FromSetting(s.GetString()!)
                : Fail<Period?>($"{here}.setting", "must be the name of a jurisdiction period setting (a non-empty string)");
        }
        int? days = null;
        if (!e.TryGetProperty("days", out var d) || d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var value) || value < 1)
        {
            Fail<object>($"{here}.days", "must be a whole number of days, at least 1");
        }
        else
        {
            days = value;
        }
        DayCounting? counting = e.TryGetProperty("counting", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString() switch
            {
                "calendar" => DayCounting.Calendar,
                "workingDays" => DayCounting.WorkingDays,
                var other => Fail<DayCounting?>($"{here}.counting", $"unknown counting '{other}' (expected calendar or workingDays)"),
            }
            : Fail<DayCounting?>($"{here}.counting", "required: calendar or workingDays");
        return days is { } n && counting is { } k ? new Period(n, k) : null;
    }

    private Condition? OptionalCondition(JsonElement parent, string path, string name)
    {
        var text = OptionalString(parent, path, name);
        if (text is null)
        {
            return null;
        }
        try
        {
            return Condition.Parse(text);
        }
        catch (ConditionSyntaxException e)
        {
            return Fail<Condition?>($"{path}.{name}", $"condition does not parse: {e.Message}");
        }
    }

    private IReadOnlyList<T> ReadArray<T>(JsonElement parent, string path, string name, bool required, Func<JsonElement, string, T?> read)
        where T : class
    {
        if (!parent.TryGetProperty(name, out var array))
        {
            if (required)
            {
                Fail<object>($"{path}.{name}", "required");
            }
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            Fail<object>($"{path}.{name}", "must be an array");
            return [];
        }
        var items = new List<T>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var here = $"{path}.{name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Fail<object>(here, "must be an object");
                continue;
            }
            if (read(item, here) is { } value)
            {
                items.Add(value);
            }
        }
        return items;
    }

    private IReadOnlyList<string> StringArray(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var array))
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            return Fail<IReadOnlyList<string>>($"{path}.{name}", "must be an array of step ids") ?? [];
        }
        var items = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                items.Add(item.GetString()!);
            }
            else
            {
                Fail<object>($"{path}.{name}[{index}]", "must be a step id (a non-empty string)");
            }
            index++;
        }
        return items;
    }

    // A present but malformed value already has its error from OptionalString; "required" is only for an absent one.
    private string? RequiredString(JsonElement parent, string path, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? OptionalString(parent, path, name)
            : Fail<string>($"{path}.{name}", "required");

    private string? OptionalString(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            return Fail<string>($"{path}.{name}", "must be a non-empty string");
        }
        return value.GetString();
    }

    private int RequiredPositiveInt(JsonElement parent, string path, string name)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 1)
        {
            return n;
        }
        Fail<object>($"{path}.{name}", "required: a whole number, at least 1");
        return 0;
    }

    /// <summary>
    /// An unknown property is an error, not ignored: a misspelt <c>"minimun"</c> would otherwise delete a statutory
    /// minimum without a word. Always true, so it can lead a chain of reads.
    /// </summary>
    private bool Known(JsonElement e, string path, string kind)
    {
        var known = DefinitionProperties.ByObject[kind];
        foreach (var property in e.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            Fail<object>($"{path}.{property.Name}", $"unknown property '{property.Name}' of {(kind == DefinitionProperties.Definition ? "the definition" : $"a {kind}")} (known: {string.Join(", ", known)})");
        }
        return true;
    }

    private T? Fail<T>(string path, string problem)
    {
        _errors.Add(new DefinitionError(file, path, problem));
        return default;
    }

    /// <summary>Where <paramref name="json"/> holds an unpaired UTF-16 surrogate, raw or as a <c>\uXXXX</c> escape; null when none.</summary>
    internal static string? LoneSurrogate(string json)
    {
        var line = 1;
        var lineStart = 0;
        string At(int i) => $"line {line}, position {i - lineStart + 1}";
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
                {
                    i++;
                    continue;
                }
                return $"contains a lone surrogate U+{(int)c:X4} ({At(i)}), which is not text";
            }
            else if (char.IsLowSurrogate(c))
            {
                return $"contains a lone surrogate U+{(int)c:X4} ({At(i)}), which is not text";
            }
            else if (c == '\\' && i + 1 < json.Length)
            {
                if (json[i + 1] != 'u' || EscapedUnit(json, i) is not { } unit)
                {
                    i++; // an escape of one character (\\, \", \n …): never the start of a \u escape
                    continue;
                }
                if (char.IsHighSurrogate(unit))
                {
                    if (i + 6 < json.Length && json[i + 6] == '\\' && EscapedUnit(json, i + 6) is { } next && char.IsLowSurrogate(next))
                    {
                        i += 11;
                        continue;
                    }
                    return $"contains an escaped lone surrogate \\u{(int)unit:X4} ({At(i)}), which is not text";
                }
                if (char.IsLowSurrogate(unit))
                {
                    return $"contains an escaped lone surrogate \\u{(int)unit:X4} ({At(i)}), which is not text";
                }
                i += 5;
            }
        }
        return null;
    }

    /// <summary>The UTF-16 unit of the <c>\uXXXX</c> escape starting at <paramref name="backslash"/>, or null if it is not one.</summary>
    private static char? EscapedUnit(string json, int backslash) =>
        backslash + 5 < json.Length && json[backslash + 1] == 'u'
        && ushort.TryParse(json.AsSpan(backslash + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var unit)
            ? (char)unit
            : null;
}
