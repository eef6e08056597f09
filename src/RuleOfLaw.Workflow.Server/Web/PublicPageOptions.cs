using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>
/// <c>PublicPages</c>: reading the public portal (<c>/public/…</c>), apart from the comment limits
/// (<c>Participation:PublicComments</c>, which count what is written). Reading is served from the output cache, so the
/// per-address page limit only has to stop one client from keeping a core busy with renders; it must not stop the
/// readers of one proxy, school or carrier's NAT, who all share one address (issue 21).
/// </summary>
public sealed class PublicPageOptions
{
    public const string Section = "PublicPages";

    /// <summary>Page reads one client address may make per <see cref="WindowSeconds"/>; 0 = no per-address limit.</summary>
    [Range(0, 10_000_000)]
    public int PermitLimit { get; set; } = 6_000;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// The output cache's size limit (all cached pages together). Beyond it new pages are rendered but not kept until
    /// older ones expire: the memory a flood of distinct addresses can take stays bounded.
    /// </summary>
    [Range(1, 4_096)]
    public int CacheSizeMegabytes { get; set; } = 64;
}
