namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>A bearer token for a machine client. Only its SHA-256 hash is stored; the token is shown once.</summary>
public sealed class ApiToken
{
    public required Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The first characters, so a user can tell tokens apart without the secret.</summary>
    public required string Prefix { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
