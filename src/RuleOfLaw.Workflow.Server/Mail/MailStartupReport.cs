using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>Says once, when the server has started, where mails go and where their links point.</summary>
public sealed partial class MailStartupReport(
    IOptionsMonitor<MailOptions> options, IHostEnvironment environment, MailLinks links, IHostApplicationLifetime lifetime,
    ILogger<MailStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // After start-up, so that the server's listening addresses (the default base URL) are known.
        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        var o = options.CurrentValue;
        if (!o.Enabled)
        {
            LogDisabled(logger);
        }
        else if (MailTransport.PickupDirectory(o, environment) is { } folder)
        {
            LogPickup(logger, folder);
        }
        else
        {
            LogSmtp(logger, o.EffectiveHost, o.Port, o.EffectiveSecurity.ToString(), string.IsNullOrEmpty(o.UserName) ? "none" : o.UserName);
        }
        if (links.Configured)
        {
            LogLinks(logger, links.BaseUrl);
        }
        else
        {
            LogDefaultLinks(logger, links.BaseUrl);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail: Mail:Enabled is false; mails are queued in the outbox but not sent")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail: mails are not sent but written as .eml files to {Folder} (Mail:PickupDirectory, or Development without Mail:Host)")]
    private static partial void LogPickup(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail: sending through {Host}:{Port} (security {Security}, AUTH user {User})")]
    private static partial void LogSmtp(ILogger logger, string host, int port, string security, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail: links point to {BaseUrl}")]
    private static partial void LogLinks(ILogger logger, string baseUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail: links point to {BaseUrl}, the address the server listens on; set Mail:BaseUrl to the address users reach")]
    private static partial void LogDefaultLinks(ILogger logger, string baseUrl);
}
