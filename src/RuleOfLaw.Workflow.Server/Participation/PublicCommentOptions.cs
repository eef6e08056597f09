using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// <c>Participation:PublicComments</c>: how many public comments and objections one client address may send per window
/// (<see cref="PermitLimit"/>), and how many one consultation accepts per window from everyone together
/// (<see cref="PerConsultationLimit"/>, off by default). Behind a reverse proxy the address is the client's only when
/// the proxy is trusted (<c>ReverseProxy:*</c>, docs/security.md); otherwise every citizen shares the proxy's bucket.
/// </summary>
/// <remarks>
/// The per-address default (30 a minute) leaves room for many people behind one address (a village committee, a
/// school, a mobile carrier's NAT) while still slowing one script; a deployment that expects large campaigns through one
/// address raises it, one under attack lowers it or sets the per-consultation cap.
/// </remarks>
public sealed class PublicCommentOptions
{
    public const string Section = "Participation:PublicComments";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 30;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Comments one consultation accepts per <see cref="PerConsultationWindowSeconds"/> from all clients; 0 = no cap.</summary>
    [Range(0, 1_000_000)]
    public int PerConsultationLimit { get; set; }

    [Range(1, 86_400)]
    public int PerConsultationWindowSeconds { get; set; } = 60;
}
