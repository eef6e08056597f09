using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>
/// Builds the MIME message of an outbox mail with MimeKit: multipart/alternative with the plain text (as the outbox
/// stores it) and an HTML rendering of the same text, a Message-ID derived from the event key, and non-ASCII
/// headers (Chinese subjects and display names) as RFC 2047 encoded words in UTF-8, which every client reads.
/// </summary>
public static partial class MimeMailBuilder
{
    /// <summary>How messages are written on the wire: RFC 2047 headers (not SMTPUTF8 raw UTF-8, which not every relay accepts).</summary>
    public static FormatOptions Format { get; } = CreateFormat();

    public static MimeMessage Build(MailEnvelope mail, MailOptions options, DateTimeOffset now)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            MessageId = mail.MessageId.Trim().TrimStart('<').TrimEnd('>'),
            Date = now,
        };
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        // RFC 3834: an automatic notification; out-of-office replies and the like should not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = mail.Body, HtmlBody = Html(mail.Body) };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The plain text as HTML: escaped, paragraphs at blank lines, line breaks kept, links clickable.</summary>
    public static string Html(string text)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.6\">\n");
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = paragraph.Split('\n').Select(line => Link().Replace(WebUtility.HtmlEncode(line),
                m => $"<a href=\"{m.Value}\">{m.Value}</a>"));
            html.Append("<p>").AppendJoin("<br>\n", lines).Append("</p>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.International = false;
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    // Runs on HTML-escaped text, so a URL ends at whitespace, a quote or an angle bracket's entity.
    [GeneratedRegex(@"https?://[^\s""<&]+")]
    private static partial Regex Link();
}
