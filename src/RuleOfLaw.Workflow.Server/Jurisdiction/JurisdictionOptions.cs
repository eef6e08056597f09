using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Jurisdiction;

/// <summary>Configuration section <c>Workflows</c>: where definitions and calendars live, and the local time zone.</summary>
public sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    /// <summary>The folder with procedure definitions (<c>*.json</c>) and <c>calendars/</c>. Empty: the repository's <c>workflows/</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Deadlines are counted in this zone's local days (《民法典》 art. 201-203 count days, not hours).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The folder actually used: the configured one, or <c>workflows/</c> found above the content root.</summary>
    public static string Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }
        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "workflows");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No workflows folder found above {contentRoot}; set Workflows:Directory.");
    }
}
