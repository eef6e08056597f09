using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>The sign-in alerts as outbox rows in the request's unit of work (sent by <see cref="OutboxWorker"/>).</summary>
public sealed class OutboxSignInAlerts(WorkflowDbContext db) : ISignInAlerts
{
    public void Queue(string eventKey, string kind, string userId, string? email, string subject, string body, DateTimeOffset now) =>
        db.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            EventKey = eventKey,
            Kind = kind,
            UserId = userId,
            ToAddress = email ?? "",
            Subject = subject,
            Body = body,
            Status = string.IsNullOrWhiteSpace(email) ? OutboxStatus.NoAddress : OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
}
