namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>
/// Where <see cref="PasswordSignIn"/> puts its alert about repeated failed sign-ins: a mail to one user, added to the
/// request's unit of work (the sign-in saves it). The mail module implements it with its outbox
/// (<c>Mail/OutboxSignInAlerts</c>), so sign-in names no module above it (issue 12 item 4: Auth → Mail closed a cycle).
/// </summary>
public interface ISignInAlerts
{
    /// <summary>
    /// Queues the mail <paramref name="subject"/> / <paramref name="body"/> of <paramref name="kind"/> to
    /// <paramref name="userId"/> at <paramref name="email"/> (none: recorded as having no address) at
    /// <paramref name="now"/>; <paramref name="eventKey"/> is unique per alert and recipient.
    /// </summary>
    void Queue(string eventKey, string kind, string userId, string? email, string subject, string body, DateTimeOffset now);
}
