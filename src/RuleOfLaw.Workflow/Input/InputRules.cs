using System.Globalization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Input;

/// <summary>
/// The rules every value a client sends must keep, whatever the endpoint and whatever the database (issue 16 item 4):
/// decided once here and applied centrally by the server (JSON bodies, query strings, route values, form posts), so
/// that SQLite and PostgreSQL never disagree about what was accepted.
/// </summary>
/// <remarks>
/// <para><b>Text</b>: no control characters except tab, line feed and carriage return (U+0000–U+001F other than those,
/// U+007F, U+0080–U+009F), and no lone UTF-16 surrogate. PostgreSQL's <c>text</c> cannot hold NUL at all (SQLSTATE
/// 22021) while SQLite stores it, and the other control characters are invisible in pages, CSV exports and the dossier:
/// they carry nothing a person wrote and can hide text from the reader. A lone surrogate is not a character and cannot
/// be encoded as UTF-8.</para>
/// <para><b>Dates</b>: between <see cref="EarliestDate"/> and <see cref="LatestDate"/>. The earliest is the founding of
/// the People's Republic (no document or decision handled here can predate it: the catalogue of normative documents may
/// still list old ones); the latest leaves room for every statutory period (evaluations and validity terms run a few
/// years, the longest at most decades) while refusing the year 9999 a client can use to make a consultation or a
/// hearing last for ever.</para>
/// </remarks>
public static class InputRules
{
    /// <summary>The first day a date sent by a client may name: 1949-10-01, the founding of the People's Republic.</summary>
    public static readonly DateOnly EarliestDate = new(1949, 10, 1);

    /// <summary>The last day a date sent by a client may name: 2100-12-31 (see the remarks).</summary>
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    private static InputTexts T => InputTexts.Catalog;

    /// <summary>The index of the first character <paramref name="text"/> may not hold, or -1 when it keeps the rule.</summary>
    public static int FindForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || IsForbiddenControl(c))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A control character other than tab, line feed and carriage return (C0, DEL, C1).</summary>
    public static bool IsForbiddenControl(char c) => c is (< ' ' and not ('\t' or '\n' or '\r')) or (>= '\u007f' and <= '\u009f');

    /// <summary>Null when <paramref name="text"/> keeps the text rule, else the refusal naming <paramref name="field"/>.</summary>
    public static Refusal? CheckText(string field, string? text)
    {
        if (text is null || FindForbidden(text) is var at && at < 0)
        {
            return null;
        }
        var c = text[at];
        return char.IsSurrogate(c)
            ? T.Invalid("invalid-unicode", null, ("field", field), ("position", at + 1))
            : T.Invalid("control-character", null, ("field", field), ("position", at + 1), ("character", $"U+{(int)c:X4}"));
    }

    /// <summary>Null when <paramref name="date"/> lies within the window, else the refusal naming <paramref name="field"/>.</summary>
    public static Refusal? CheckDate(string field, DateOnly date) =>
        date >= EarliestDate && date <= LatestDate ? null
            : T.Invalid("date-out-of-range", null, ("field", field), ("value", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("earliest", EarliestDate), ("latest", LatestDate));

    /// <summary>An instant is checked by its UTC date (a day either side of the window's edges makes no difference).</summary>
    public static Refusal? CheckInstant(string field, DateTimeOffset instant) => CheckDate(field, DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>A <see cref="DateTime"/> is checked by its date as given.</summary>
    public static Refusal? CheckDateTime(string field, DateTime value) => CheckDate(field, DateOnly.FromDateTime(value));
}
