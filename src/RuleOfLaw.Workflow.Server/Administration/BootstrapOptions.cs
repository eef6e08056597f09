using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// Configuration section <c>Bootstrap</c>: the first administrator of a new deployment, created at start-up when
/// the database has no user yet (see <see cref="BootstrapAdministrator"/>). All four keys or none.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdministratorUserName { get; set; }

    /// <summary>Must satisfy the password rules; never logged. Remove it from the configuration once the administrator exists.</summary>
    public string? AdministratorPassword { get; set; }

    /// <summary>The id of the government the administrator belongs to (kebab-case, ≤ 64); created if missing.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The government's name, used when it is created.</summary>
    public string? OrganizationName { get; set; }

    /// <summary>Whether any key is set (then all must be).</summary>
    public bool IsConfigured => Values.Any(v => !string.IsNullOrWhiteSpace(v.Value));

    internal IEnumerable<(string Key, string? Value)> Values =>
    [
        (nameof(AdministratorUserName), AdministratorUserName),
        (nameof(AdministratorPassword), AdministratorPassword),
        (nameof(OrganizationId), OrganizationId),
        (nameof(OrganizationName), OrganizationName),
    ];
}

/// <summary>Refuses the start when <c>Bootstrap</c> is set only in part, or with an id or name the database cannot hold. Never shows the password.</summary>
public sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        var missing = options.Values.Where(v => string.IsNullOrWhiteSpace(v.Value)).Select(v => $"{BootstrapOptions.Section}:{v.Key}").ToList();
        if (missing.Count > 0)
        {
            failures.Add($"Bootstrap is set only in part: {string.Join(", ", missing)} missing. Set all four Bootstrap keys to create the first administrator, or none.");
        }
        if (options.OrganizationId is { Length: > 0 } id && !OrganizationHierarchy.IsValidId(id))
        {
            failures.Add($"Bootstrap:OrganizationId '{id}' must be lower-case letters and digits in words joined by single hyphens, at most {OrganizationHierarchy.MaxIdLength} characters.");
        }
        if (options.OrganizationName is { Length: > WorkflowDbContext.NameLength })
        {
            failures.Add($"Bootstrap:OrganizationName may have at most {WorkflowDbContext.NameLength} characters.");
        }
        if (options.AdministratorUserName is { Length: > 256 })
        {
            failures.Add("Bootstrap:AdministratorUserName may have at most 256 characters.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
