namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>Where mails go: an SMTP server, or <c>.eml</c> files in a folder.</summary>
public static class MailTransport
{
    /// <summary>
    /// The folder mails are written to instead of being sent, or null to send by SMTP: <c>Mail:PickupDirectory</c> when
    /// set; in Development with no <c>Mail:Host</c>, <c>data/mail</c> under the content root (next to the SQLite
    /// database), so a developer's machine neither needs a mail server nor retries against localhost:25 forever.
    /// </summary>
    public static string? PickupDirectory(MailOptions options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            return Path.GetFullPath(options.PickupDirectory, environment.ContentRootPath);
        }
        return environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.Host)
            ? Path.Combine(environment.ContentRootPath, "data", "mail")
            : null;
    }
}
