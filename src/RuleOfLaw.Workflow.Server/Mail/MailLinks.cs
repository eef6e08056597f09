using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>
/// The base of the links in mails: <c>Mail:BaseUrl</c> when set, else the address the server listens on (so a
/// developer's mails link to the running server without configuration).
/// </summary>
public sealed class MailLinks(IOptionsMonitor<MailOptions> options, IServer server)
{
    public const string Fallback = "http://localhost:5000";

    public string BaseUrl =>
        !string.IsNullOrWhiteSpace(options.CurrentValue.BaseUrl) ? options.CurrentValue.BaseUrl.Trim().TrimEnd('/')
        : FromServerAddresses(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) ?? Fallback;

    /// <summary>True when <see cref="BaseUrl"/> is the configured one.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(options.CurrentValue.BaseUrl);

    /// <summary>
    /// The first HTTPS address if there is one, else the first address; a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>,
    /// <c>+</c>, <c>*</c>) becomes <c>localhost</c>. Null when the server listens nowhere (yet).
    /// </summary>
    public static string? FromServerAddresses(IEnumerable<string> addresses)
    {
        var all = addresses.Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        var chosen = all.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? all.FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }
        var scheme = chosen[..(chosen.IndexOf("://", StringComparison.Ordinal) + 3)];
        var rest = chosen[scheme.Length..];
        foreach (var wildcard in new[] { "0.0.0.0", "[::]", "+", "*" })
        {
            if (rest.StartsWith(wildcard + ":", StringComparison.Ordinal) || rest == wildcard || rest.StartsWith(wildcard + "/", StringComparison.Ordinal))
            {
                rest = "localhost" + rest[wildcard.Length..];
                break;
            }
        }
        return (scheme + rest).TrimEnd('/');
    }
}
