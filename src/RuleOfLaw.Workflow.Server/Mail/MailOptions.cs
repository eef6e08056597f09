using MailKit.Security;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>SMTP and outbox settings (section <c>Mail</c>; see docs/configuration.md).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>When false, mails are still written to the outbox but no worker sends them.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>
    /// The SMTP server. Not set: in Development mails are written as <c>.eml</c> files (see <see cref="PickupDirectory"/>);
    /// elsewhere they go to <c>localhost</c> (a local MTA).
    /// </summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>
    /// <c>None</c>, <c>StartTls</c> (required), <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c> (implicit TLS, port 465)
    /// or <c>Auto</c> (MailKit's: port 465 → SslOnConnect, else StartTlsWhenAvailable). Not set: <see cref="UseTls"/> decides.
    /// </summary>
    public SecureSocketOptions? Security { get; set; }
    /// <summary>Older switch, kept for existing settings: true means STARTTLS (implicit TLS on port 465) when <see cref="Security"/> is not set.</summary>
    public bool UseTls { get; set; }
    /// <summary>
    /// A PEM/DER file with the SMTP server's own (self-signed) certificate or its private CA, trusted for this server
    /// in addition to the system's roots. The host name must still match.
    /// </summary>
    public string? ServerCertificate { get; set; }
    /// <summary>AUTH user; no authentication when empty.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "workflow@example.gov.cn";
    public string FromName { get; set; } = "重大行政决策程序系统";
    /// <summary>The links in mails point here (e.g. https://decisions.example.gov.cn). Not set: the address the server listens on.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>Connect, command and data timeout of one SMTP operation.</summary>
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>At most this many SMTP connections are open at once; they are kept and reused between mails.</summary>
    public int MaxConnections { get; set; } = 2;
    /// <summary>A connection idle for longer than this is checked with NOOP before it is reused (servers drop idle clients).</summary>
    public int NoOpAfterSeconds { get; set; } = 15;
    /// <summary>A connection idle for longer than this is closed (QUIT) instead of reused.</summary>
    public int MaxIdleSeconds { get; set; } = 120;
    /// <summary>
    /// Write mails as <c>.eml</c> files into this folder instead of sending them (relative paths are under the content
    /// root). Not set: in Development with no <see cref="Host"/>, <c>data/mail</c> under the content root; else SMTP.
    /// </summary>
    public string? PickupDirectory { get; set; }
    /// <summary>How often the recurring outbox job sends what is due (seconds; below a minute rounded down to a divisor of 60, at least 1).</summary>
    public double PollSeconds { get; set; } = 5;
    /// <summary>First retry after this; doubled each failure, at most <see cref="MaxBackoffSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;
    public double MaxBackoffSeconds { get; set; } = 3600;
    /// <summary>After this many failed attempts a mail is marked Failed (and listed in the admin API).</summary>
    public int MaxAttempts { get; set; } = 20;
    /// <summary>Local hour (in the server's time zone, Workflows:TimeZone) at which daily digests go out.</summary>
    public int DigestHour { get; set; } = 8;

    /// <summary>What <see cref="Security"/> and <see cref="UseTls"/> mean together.</summary>
    public SecureSocketOptions EffectiveSecurity =>
        Security ?? (UseTls ? (Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls) : SecureSocketOptions.None);

    public string EffectiveHost => string.IsNullOrWhiteSpace(Host) ? "localhost" : Host.Trim();
}
