using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// <c>Participation:PublicComments</c>: how many comments one client (by IP address) may send per window. Behind a
/// reverse proxy, configure forwarded headers so the address is the client's, not the proxy's.
/// </summary>
public sealed class PublicCommentOptions
{
    public const string Section = "Participation:PublicComments";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 10;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;
}
