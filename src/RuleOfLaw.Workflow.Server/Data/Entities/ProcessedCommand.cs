namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>
/// The response to an accepted command, kept under its idempotency key and written in the same transaction as the
/// change, so a retried request gets the same answer and never causes a second transition.
/// </summary>
public sealed class ProcessedCommand
{
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public Guid? InstanceId { get; set; }
    public required int StatusCode { get; set; }
    public required string ResponseJson { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
}
