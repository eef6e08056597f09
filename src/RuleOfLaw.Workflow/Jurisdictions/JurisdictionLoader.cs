using System.Text.Json;
using System.Text.RegularExpressions;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Jurisdictions;

/// <summary>
/// Reads and validates jurisdiction settings files, collecting every problem with its file and JSON path: unknown
/// or missing fields, malformed periods, duplicate ids, an unknown time zone, and the national floors a local
/// setting may never go below (consultation ≥ 30 days, art. 15; legality review ≥ 7 working days, art. 26).
/// </summary>
public static partial class JurisdictionLoader
{
    /// <summary>《重大行政决策程序暂行条例》第十五条: the consultation period is not less than 30 days.</summary>
    public const int ConsultationFloorDays = 30;

    /// <summary>第二十六条: the legality review time is generally not less than 7 working days.</summary>
    public const int LegalityReviewFloorWorkingDays = 7;

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    /// <summary>Every <c>*.json</c> in <paramref name="directory"/>; all files are checked before failing, and <c>default</c> must be among them.</summary>
    /// <exception cref="JurisdictionValidationException">Any problem in any file.</exception>
    public static IReadOnlyList<JurisdictionSettings> LoadDirectory(string directory)
    {
        var errors = new List<JurisdictionError>();
        var loaded = new List<JurisdictionSettings>();
        if (!Directory.Exists(directory))
        {
            throw new JurisdictionValidationException([new JurisdictionError(directory, "$", "folder missing: it must hold at least default.json")]);
        }
        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var found = Check(File.ReadAllText(path), path, out var settings);
            errors.AddRange(found);
            if (settings is not null)
            {
                loaded.Add(settings);
            }
        }
        foreach (var twin in loaded.GroupBy(j => j.Id).Where(g => g.Count() > 1))
        {
            errors.Add(new JurisdictionError(twin.Last().SourceFile!, "$.id", $"jurisdiction '{twin.Key}' is also defined in {twin.First().SourceFile}"));
        }
        if (errors.Count == 0 && loaded.All(j => j.Id != JurisdictionSettings.DefaultId))
        {
            errors.Add(new JurisdictionError(directory, "$", $"no jurisdiction with id '{JurisdictionSettings.DefaultId}' (organizations without one belong to it)"));
        }
        return errors.Count == 0 ? loaded : throw new JurisdictionValidationException(errors);
    }

    /// <summary>One file's settings, or the exception listing its problems.</summary>
    public static JurisdictionSettings Parse(string json, string file)
    {
        var errors = Check(json, file, out var settings);
        return errors.Count == 0 ? settings! : throw new JurisdictionValidationException(errors);
    }

    /// <summary>All problems of one settings text; empty when it is valid.</summary>
    public static IReadOnlyList<JurisdictionError> Check(string json, string file, out JurisdictionSettings? settings)
    {
        var reader = new Reader(file);
        settings = reader.Read(json);
        if (reader.Errors.Count > 0)
        {
            settings = null;
        }
        return reader.Errors;
    }

    private sealed class Reader(string file)
    {
        public List<JurisdictionError> Errors { get; } = [];

        public JurisdictionSettings? Read(string json)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException e)
            {
                Fail("$", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message}");
                return null;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    Fail("$", "the settings must be a JSON object");
                    return null;
                }
                Known(root, "$", JurisdictionProperties.Jurisdiction);
                var id = String(root, "$", "id", required: true);
                if (id is not null && !KebabCase().IsMatch(id))
                {
                    Fail("$.id", $"'{id}' must be kebab-case (lower-case words joined by '-')");
                }
                var name = String(root, "$", "name", required: true);
                var nameEn = String(root, "$", "nameEn", required: false);
                var timeZone = String(root, "$", "timeZone", required: true);
                if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
                {
                    Fail("$.timeZone", $"unknown time zone '{timeZone}' (an IANA id such as Asia/Shanghai)");
                }
                var periods = Periods(root);
                var filing = Filing(root);
                var panel = ExpertPanel(root);
                var evaluations = Int(root, "$", "evaluationsPerOrganPerYear", min: 0);
                var deadlines = root.TryGetProperty("deadlines", out _) ? Deadlines(root) : DeadlineNotificationSettings.Default;
                var normative = root.TryGetProperty("normativeDocuments", out _) ? NormativeDocuments(root) : NormativeDocumentSettings.Default;
                if (Errors.Count > 0)
                {
                    return null;
                }
                return new JurisdictionSettings
                {
                    Id = id!,
                    Name = name!,
                    NameEn = nameEn,
                    TimeZone = timeZone!,
                    Periods = periods,
                    Filing = filing,
                    ExpertPanel = panel!,
                    EvaluationsPerOrganPerYear = evaluations!.Value,
                    Deadlines = deadlines!,
                    NormativeDocuments = normative!,
                    SourceFile = file,
                };
            }
        }

        private Dictionary<string, SettingPeriod> Periods(JsonElement root)
        {
            var result = new Dictionary<string, SettingPeriod>(StringComparer.Ordinal);
            if (Object(root, "$", "periods") is not { } periods)
            {
                return result;
            }
            Known(periods, "$.periods", JurisdictionProperties.Periods);
            foreach (var name in JurisdictionSettings.PeriodNames)
            {
                if (Period(periods, "$.periods", name) is { } period)
                {
                    result[name] = period;
                }
            }
            if (result.GetValueOrDefault(JurisdictionSettings.ConsultationMinimum) is { Days: < ConsultationFloorDays } consultation)
            {
                Fail($"$.periods.{JurisdictionSettings.ConsultationMinimum}.days",
                    $"{consultation.Days} is below the national floor: the consultation period is not less than {ConsultationFloorDays} days (《重大行政决策程序暂行条例》第十五条); a local rule may lengthen it, never shorten it");
            }
            if (result.GetValueOrDefault(JurisdictionSettings.LegalityReviewMinimum) is { } review)
            {
                if (review.Counting != DayCounting.WorkingDays)
                {
                    Fail($"$.periods.{JurisdictionSettings.LegalityReviewMinimum}.counting",
                        "must be workingDays: the national floor is 7 working days (第二十六条), and calendar days can hold fewer");
                }
                else if (review.Days < LegalityReviewFloorWorkingDays)
                {
                    Fail($"$.periods.{JurisdictionSettings.LegalityReviewMinimum}.days",
                        $"{review.Days} is below the national floor of {LegalityReviewFloorWorkingDays} working days for legality review (第二十六条)");
                }
            }
            return result;
        }

        private List<FilingRecipient> Filing(JsonElement root)
        {
            var result = new List<FilingRecipient>();
            if (!root.TryGetProperty("filing", out var array))
            {
                Fail("$.filing", "required: the filing recipients, at least one");
                return result;
            }
            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                Fail("$.filing", "must be an array of filing recipients, at least one");
                return result;
            }
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var here = $"$.filing[{index}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Fail(here, "must be an object { \"id\", \"recipient\", \"deadline\" }");
                }
                else
                {
                    Known(item, here, JurisdictionProperties.FilingRecipient);
                    var id = String(item, here, "id", required: true);
                    if (id is not null && !KebabCase().IsMatch(id))
                    {
                        Fail($"{here}.id", $"'{id}' must be kebab-case");
                    }
                    if (id is not null && !ids.TryAdd(id, index))
                    {
                        Fail($"{here}.id", $"filing recipient '{id}' is listed twice (first at $.filing[{ids[id]}])");
                    }
                    var recipient = String(item, here, "recipient", required: true);
                    var deadline = Period(item, here, "deadline");
                    if (id is not null && recipient is not null && deadline is not null)
                    {
                        result.Add(new FilingRecipient(id, recipient, deadline));
                    }
                }
                index++;
            }
            return result;
        }

        private ExpertPanelRules? ExpertPanel(JsonElement root)
        {
            if (Object(root, "$", "expertPanel") is not { } panel)
            {
                return null;
            }
            const string here = "$.expertPanel";
            Known(panel, here, JurisdictionProperties.ExpertPanel);
            int? minimumSize = null;
            if (Present(panel, here, "minimumSize") is { } size && size.ValueKind != JsonValueKind.Null)
            {
                minimumSize = Int(panel, here, "minimumSize", min: 1);
            }
            var odd = false;
            if (Present(panel, here, "oddNumber") is { } flag)
            {
                if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    odd = flag.GetBoolean();
                }
                else
                {
                    Fail($"{here}.oddNumber", "must be true or false");
                }
            }
            Share? share = null;
            if (Present(panel, here, "maxGovernmentEmployedShare") is { } s && s.ValueKind != JsonValueKind.Null)
            {
                var path = $"{here}.maxGovernmentEmployedShare";
                if (s.ValueKind != JsonValueKind.Object)
                {
                    Fail(path, "must be null (off) or a fraction { \"numerator\": 1, \"denominator\": 3 }");
                }
                else
                {
                    Known(s, path, JurisdictionProperties.Share);
                    var numerator = Int(s, path, "numerator", min: 0);
                    var denominator = Int(s, path, "denominator", min: 1);
                    if (numerator is { } n && denominator is { } d)
                    {
                        if (n > d)
                        {
                            Fail(path, "a share cannot exceed 1 (numerator > denominator)");
                        }
                        share = new Share(n, d);
                    }
                }
            }
            return new ExpertPanelRules(minimumSize, odd, share);
        }

        /// <summary>Reminder and escalation offsets (whole hours, distinct) and escalation targets (at least one).</summary>
        private DeadlineNotificationSettings? Deadlines(JsonElement root)
        {
            if (Object(root, "$", "deadlines") is not { } e)
            {
                return null;
            }
            const string here = "$.deadlines";
            Known(e, here, JurisdictionProperties.Deadlines);
            var reminders = Hours(e, here, "reminderHoursBeforeDue", min: 1);
            var escalations = Hours(e, here, "escalationHoursAfterDue", min: 0);
            var targets = new List<EscalationTarget>();
            if (Present(e, here, "escalationTargets") is { } array)
            {
                if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
                {
                    Fail($"{here}.escalationTargets", "must be an array of { \"organization\", \"role\", \"name\" }, at least one");
                }
                else
                {
                    var index = 0;
                    foreach (var item in array.EnumerateArray())
                    {
                        var at = $"{here}.escalationTargets[{index++}]";
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            Fail(at, "must be an object { \"organization\", \"role\", \"name\" }");
                            continue;
                        }
                        Known(item, at, JurisdictionProperties.EscalationTarget);
                        var organization = String(item, at, "organization", required: true);
                        var role = String(item, at, "role", required: true);
                        var name = String(item, at, "name", required: true);
                        foreach (var (field, value) in new[] { ("organization", organization), ("role", role) })
                        {
                            if (value is not null && !KebabCase().IsMatch(value))
                            {
                                Fail($"{at}.{field}", $"'{value}' must be kebab-case (an organization kind or 'task'; a role id)");
                            }
                        }
                        if (organization is not null && role is not null && name is not null)
                        {
                            targets.Add(new EscalationTarget(organization, role, name));
                        }
                    }
                }
            }
            return reminders is null || escalations is null ? null : new DeadlineNotificationSettings(reminders, escalations, targets);
        }

        /// <summary>
        /// The normative-document settings, with the floors a local rule may not go below: consultation at least 7
        /// working days and 30 days with market actors (the indicators), a review window of at least one working day
        /// whose minimum does not exceed its maximum (Opinion 115: 5 to 15), validity for 暂行/试行 no longer than
        /// the general one, and numbering patterns that contain every placeholder (so numbers stay unique).
        /// </summary>
        private NormativeDocumentSettings? NormativeDocuments(JsonElement root)
        {
            if (Object(root, "$", "normativeDocuments") is not { } e)
            {
                return null;
            }
            const string here = "$.normativeDocuments";
            Known(e, here, JurisdictionProperties.NormativeDocuments);
            var periods = new Dictionary<string, SettingPeriod>(StringComparer.Ordinal);
            if (Object(e, here, "periods") is { } p)
            {
                Known(p, $"{here}.periods", JurisdictionProperties.NormativePeriods);
                foreach (var name in NormativeDocumentSettings.PeriodNames)
                {
                    if (Period(p, $"{here}.periods", name) is { } period)
                    {
                        periods[name] = period;
                    }
                }
            }
            Floor(periods, NormativeDocumentSettings.ConsultationMinimum, DayCounting.WorkingDays, 7, "行政规范性文件公开征求意见不少于7个工作日（《市县法治政府建设示范指标体系》）");
            Floor(periods, NormativeDocumentSettings.ConsultationMinimumMarketActors, DayCounting.Calendar, 30, "与市场主体密切相关的不少于30日（《市县法治政府建设示范指标体系》）");
            foreach (var name in new[] { NormativeDocumentSettings.LegalityReviewMinimum, NormativeDocumentSettings.LegalityReviewMaximum })
            {
                if (periods.GetValueOrDefault(name) is { Counting: not DayCounting.WorkingDays })
                {
                    Fail($"{here}.periods.{name}.counting", "must be workingDays: Opinion 115 counts the review time in working days");
                }
            }
            if (periods.GetValueOrDefault(NormativeDocumentSettings.LegalityReviewMinimum) is { } min
                && periods.GetValueOrDefault(NormativeDocumentSettings.LegalityReviewMaximum) is { } max && min.Days > max.Days)
            {
                Fail($"{here}.periods.{NormativeDocumentSettings.LegalityReviewMinimum}.days", $"{min.Days} exceeds the maximum review time of {max.Days} working days");
            }

            int? maximumYears = null, provisionalYears = null, reminderMonths = null;
            string? validityArticle = null;
            if (Object(e, here, "validity") is { } v)
            {
                var at = $"{here}.validity";
                Known(v, at, JurisdictionProperties.NormativeValidity);
                maximumYears = Int(v, at, "maximumYears", min: 1);
                provisionalYears = Int(v, at, "provisionalMaximumYears", min: 1);
                reminderMonths = Int(v, at, "reminderMonthsBeforeExpiry", min: 1);
                validityArticle = String(v, at, "article", required: true);
                if (provisionalYears > maximumYears)
                {
                    Fail($"{at}.provisionalMaximumYears", $"{provisionalYears} exceeds maximumYears ({maximumYears}): a 暂行/试行 document may not run longer than any other");
                }
                if (reminderMonths is { } months && provisionalYears is { } shortest && months >= shortest * 12)
                {
                    Fail($"{at}.reminderMonthsBeforeExpiry", $"{months} months would remind before a {shortest}-year document takes effect");
                }
            }

            string? registration = null, documentNumber = null;
            if (Object(e, here, "numbering") is { } n)
            {
                var at = $"{here}.numbering";
                Known(n, at, JurisdictionProperties.NormativeNumbering);
                registration = Pattern(n, at, "registrationNumber", NormativeDocumentSettings.RegistrationPlaceholders);
                documentNumber = Pattern(n, at, "documentNumber", NormativeDocumentSettings.DocumentNumberPlaceholders);
            }
            if (periods.Count != NormativeDocumentSettings.PeriodNames.Count || maximumYears is null || provisionalYears is null
                || reminderMonths is null || validityArticle is null || registration is null || documentNumber is null)
            {
                return null;
            }
            return new NormativeDocumentSettings
            {
                Periods = periods,
                MaximumValidityYears = maximumYears.Value,
                ProvisionalMaximumValidityYears = provisionalYears.Value,
                ExpiryReminderMonths = reminderMonths.Value,
                ValidityArticle = validityArticle,
                RegistrationNumberPattern = registration,
                DocumentNumberPattern = documentNumber,
            };

            void Floor(Dictionary<string, SettingPeriod> found, string name, DayCounting counting, int days, string rule)
            {
                if (found.GetValueOrDefault(name) is not { } period)
                {
                    return;
                }
                if (period.Counting != counting)
                {
                    Fail($"{here}.periods.{name}.counting", $"must be {(counting == DayCounting.Calendar ? "calendar" : "workingDays")}: the floor is {rule}");
                }
                else if (period.Days < days)
                {
                    Fail($"{here}.periods.{name}.days", $"{period.Days} is below the national floor: {rule}; a local rule may lengthen it, never shorten it");
                }
            }
        }

        /// <summary>A numbering pattern: every placeholder exactly once, so two documents can never get the same number.</summary>
        private string? Pattern(JsonElement parent, string path, string name, IReadOnlyList<string> placeholders)
        {
            var pattern = String(parent, path, name, required: true);
            if (pattern is null)
            {
                return null;
            }
            foreach (var placeholder in placeholders)
            {
                var count = (pattern.Length - pattern.Replace(placeholder, "", StringComparison.Ordinal).Length) / placeholder.Length;
                if (count != 1)
                {
                    return Fail<string>($"{path}.{name}", $"must contain {placeholder} exactly once (placeholders: {string.Join(" ", placeholders)})");
                }
            }
            return pattern;
        }

        private List<int>? Hours(JsonElement parent, string path, string name, int min)
        {
            if (Present(parent, path, name) is not { } array)
            {
                return null;
            }
            var here = $"{path}.{name}";
            if (array.ValueKind != JsonValueKind.Array)
            {
                return Fail<List<int>>(here, "must be an array of whole hours");
            }
            var hours = new List<int>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var n) || n < min || n > 24 * 366)
                {
                    return Fail<List<int>>(here, $"every entry must be a whole number of hours from {min} to {24 * 366}");
                }
                if (hours.Contains(n))
                {
                    return Fail<List<int>>(here, $"{n} is listed twice");
                }
                hours.Add(n);
            }
            return hours;
        }

        private SettingPeriod? Period(JsonElement parent, string path, string name)
        {
            if (Object(parent, path, name) is not { } e)
            {
                return null;
            }
            var here = $"{path}.{name}";
            Known(e, here, JurisdictionProperties.Period);
            var days = Int(e, here, "days", min: 1);
            DayCounting? counting = null;
            if (Present(e, here, "counting") is { } c)
            {
                counting = c.ValueKind == JsonValueKind.String ? c.GetString() switch
                {
                    "calendar" => DayCounting.Calendar,
                    "workingDays" => DayCounting.WorkingDays,
                    var other => Fail<DayCounting?>($"{here}.counting", $"unknown counting '{other}' (expected calendar or workingDays)"),
                } : Fail<DayCounting?>($"{here}.counting", "must be calendar or workingDays");
            }
            var article = String(e, here, "article", required: true);
            return days is { } n && counting is { } k && article is not null
                ? new SettingPeriod { Days = n, Counting = k, Article = article }
                : null;
        }

        private JsonElement? Object(JsonElement parent, string path, string name)
        {
            if (Present(parent, path, name) is not { } value)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.Object)
            {
                return Fail<JsonElement?>($"{path}.{name}", "must be an object");
            }
            return value;
        }

        /// <summary>The property, or an error "required" when it is absent.</summary>
        private JsonElement? Present(JsonElement parent, string path, string name) =>
            parent.TryGetProperty(name, out var value) ? value : Fail<JsonElement?>($"{path}.{name}", "required");

        private string? String(JsonElement parent, string path, string name, bool required)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? Fail<string>($"{path}.{name}", "required") : null;
            }
            return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()
                : Fail<string>($"{path}.{name}", "must be a non-empty string");
        }

        private int? Int(JsonElement parent, string path, string name, int min)
        {
            if (Present(parent, path, name) is not { } value)
            {
                return null;
            }
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min
                ? n
                : Fail<int?>($"{path}.{name}", $"must be a whole number, at least {min}");
        }

        /// <summary>Unknown fields are errors: a misspelt setting must not silently fall back to nothing.</summary>
        private void Known(JsonElement e, string path, string kind)
        {
            var fields = JurisdictionProperties.ByObject[kind];
            foreach (var property in e.EnumerateObject().Where(p => !fields.Contains(p.Name)))
            {
                Fail($"{path}.{property.Name}", $"unknown field (known: {string.Join(", ", fields)})");
            }
        }

        private void Fail(string path, string problem) => Errors.Add(new JurisdictionError(file, path, problem));

        private T? Fail<T>(string path, string problem)
        {
            Fail(path, problem);
            return default;
        }
    }
}
