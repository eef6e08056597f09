namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>SMTP and outbox settings (section <c>Mail</c>; see docs/configuration.md).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>When false, mails are still written to the outbox but no worker sends them.</summary>
    public bool Enabled { get; set; } = true;
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary>STARTTLS / TLS (System.Net.Mail's EnableSsl).</summary>
    public bool UseTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "workflow@example.gov.cn";
    public string FromName { get; set; } = "重大行政决策程序系统";
    /// <summary>The links in mails point here (e.g. https://decisions.example.gov.cn).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>How often the recurring outbox job sends what is due (seconds; below a minute rounded down to a divisor of 60, at least 1).</summary>
    public double PollSeconds { get; set; } = 5;
    /// <summary>First retry after this; doubled each failure, at most <see cref="MaxBackoffSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;
    public double MaxBackoffSeconds { get; set; } = 3600;
    /// <summary>After this many failed attempts a mail is marked Failed (and listed in the admin API).</summary>
    public int MaxAttempts { get; set; } = 20;
    /// <summary>Local hour (in the server's time zone, Workflows:TimeZone) at which daily digests go out.</summary>
    public int DigestHour { get; set; } = 8;
}
