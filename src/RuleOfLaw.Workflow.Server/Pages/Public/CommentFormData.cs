namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>What the comment form shows: its target, its key, and (after a refused post) what the person typed.</summary>
public sealed record CommentFormData(Guid ConsultationId, string FormKey, string? SubmitterType, string? Name, string? Contact, string? Text);
