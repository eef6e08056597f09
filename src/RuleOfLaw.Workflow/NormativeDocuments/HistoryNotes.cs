using System.Globalization;
using System.Text.RegularExpressions;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Meetings;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>
/// A document's history notes (<c>NormativeDocumentEvents.Note</c>) as its reader reads them: the codes the module
/// writes there — the review's conclusion, a filing's recipient, the meeting and its outcome, a clean-up's result, an
/// expiry decision — and the module's own fixed phrases (the publication's dates, the reminder, the lapse) become
/// <see cref="NormativeTexts"/> in the reader's language. What people wrote (reasons, subjects, opinions) stays as
/// written. The notes are stored as the acts wrote them, earlier rows included, so this reads each type's own form;
/// a note in no known form is shown as stored.
/// </summary>
public static partial class HistoryNotes
{
    private static NormativeTexts T => NormativeTexts.Catalog;

    public static string? Render(string type, string? note, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return note;
        }
        return type switch
        {
            "reviewed" => Reviewed(note, culture),
            "filed" => Filed(note, culture),
            "correction-answered" or "filing-registered" or "filing-returned" or "filing-accepted" or "correction-notice" => RecipientFirst(note, culture),
            "deliberated" or "not-adopted" => Meeting(note, culture),
            "published" when Published().Match(note) is { Success: true } m =>
                T.Text("history.published", culture, Args(("from", m.Groups["from"].Value), ("to", m.Groups["to"].Value))),
            "expiry-reminder" when Reminder().Match(note) is { Success: true } m => T.Text("history.expiry-reminder", culture, Args(("count", m.Groups["count"].Value))),
            "lapsed" when Lapsed().Match(note) is { Success: true } m => T.Text("history.lapsed", culture, Args(("day", m.Groups["day"].Value))),
            "expiry-decision" => CodeFirst(note, ' ', ExpiryDecisions.IsKnown, "history.expiry-decision.", culture),
            "cleanup-published" => CodeFirst(note, '；', CleanupResults.IsKnown, "history.cleanup.", culture),
            "cleanup-result" or "cleanup-approved" => CleanupResult(note, culture),
            _ => note,
        };
    }

    /// <summary><c>lawful</c>, with <c>（逾期：最迟2026-03-06）</c> when the opinion came after the latest day.</summary>
    private static string Reviewed(string note, CultureInfo culture)
    {
        var overdue = Overdue().Match(note);
        var conclusion = overdue.Success ? note[..overdue.Index] : note;
        if (!ReviewConclusions.IsKnown(conclusion))
        {
            return note;
        }
        var text = T.Text("history.conclusion." + conclusion, culture);
        return overdue.Success ? text + T.Text("history.overdue", culture, Args(("day", overdue.Groups["day"].Value))) : text;
    }

    /// <summary><c>higher-government</c>, with <c>（补正后重新报送）</c> after a return.</summary>
    private static string Filed(string note, CultureInfo culture)
    {
        const string refiled = "（补正后重新报送）";
        var again = note.EndsWith(refiled, StringComparison.Ordinal);
        var kind = again ? note[..^refiled.Length] : note;
        return Recipient(kind, culture) is { } text ? text + (again ? T.Text("history.refiled", culture) : "") : note;
    }

    /// <summary>The recipient's kind, then the reviewer's reasons as written.</summary>
    private static string RecipientFirst(string note, CultureInfo culture)
    {
        var space = note.IndexOf(' ', StringComparison.Ordinal);
        var kind = space < 0 ? note : note[..space];
        return Recipient(kind, culture) is { } text ? text + (space < 0 ? "" : note[space..]) : note;
    }

    private static string? Recipient(string kind, CultureInfo culture) => kind switch
    {
        FilingRecipientKinds.HigherGovernment or FilingRecipientKinds.PeopleCongressStandingCommittee or FilingRecipientKinds.SameLevelGovernment =>
            T.Text("history.recipient." + kind, culture),
        _ => null,
    };

    /// <summary><c>office-meeting approved</c> (the meetings module's decision), or version 2's head's record (the meeting, then its day and attendees).</summary>
    private static string Meeting(string note, CultureInfo culture)
    {
        var space = note.IndexOf(' ', StringComparison.Ordinal);
        var meeting = space < 0 ? note : note[..space];
        if (meeting is not (DeliberationMeetings.ExecutiveMeeting or DeliberationMeetings.OfficeMeeting))
        {
            return note;
        }
        var rest = space < 0 ? "" : note[(space + 1)..];
        var text = T.Text("history.meeting." + meeting, culture);
        return HeadOutcomes.All.Contains(rest)
            ? T.Text("history.meeting-decision", culture, Args(("meeting", text), ("outcome", T.Text("history.outcome." + rest, culture))))
            : rest.Length == 0 ? text : $"{text} {rest}";
    }

    /// <summary>A code before <paramref name="separator"/> (or alone), then what was written after it.</summary>
    private static string CodeFirst(string note, char separator, Func<string, bool> known, string prefix, CultureInfo culture)
    {
        var at = note.IndexOf(separator, StringComparison.Ordinal);
        var code = at < 0 ? note : note[..at];
        return known(code) ? T.Text(prefix + code, culture) + (at < 0 ? "" : note[at..]) : note;
    }

    /// <summary><c>{subject}：{result}，{reason}</c> (a result given) or <c>{subject}：{result}</c> (approved): the subject and reason as written.</summary>
    private static string CleanupResult(string note, CultureInfo culture)
    {
        foreach (var result in CleanupResults.All)
        {
            var marker = "：" + result;
            var at = note.IndexOf(marker + "，", StringComparison.Ordinal);
            if (at < 0 && note.EndsWith(marker, StringComparison.Ordinal))
            {
                at = note.Length - marker.Length;
            }
            if (at >= 0)
            {
                return note[..(at + 1)] + T.Text("history.cleanup." + result, culture) + note[(at + marker.Length)..];
            }
        }
        return note;
    }

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [GeneratedRegex(@"（逾期：最迟(?<day>\d{4}-\d{2}-\d{2})）$")]
    private static partial Regex Overdue();

    [GeneratedRegex(@"^施行(?<from>\d{4}-\d{2}-\d{2})，有效期至(?<to>\d{4}-\d{2}-\d{2})$")]
    private static partial Regex Published();

    [GeneratedRegex(@"^提醒(?<count>\d+)人评估")]
    private static partial Regex Reminder();

    [GeneratedRegex(@"^有效期届满（(?<day>\d{4}-\d{2}-\d{2})）")]
    private static partial Regex Lapsed();
}
