namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>One outgoing mail. <paramref name="MessageId"/> is stable per outbox event, so a receiving server can recognise a repeat.</summary>
public sealed record MailEnvelope(string To, string Subject, string Body, string MessageId);

/// <summary>Sends one mail or throws. Behind an interface so the transport can change (and tests can use a real SMTP server).</summary>
public interface IMailSender
{
    /// <summary>
    /// Throws <see cref="MailRejectedException"/> when the server refused this mail for good (a 5xx reply to its
    /// recipient or its content): trying again cannot help. Any other exception is transient (retry with back-off).
    /// </summary>
    Task SendAsync(MailEnvelope mail, CancellationToken cancellationToken);
}

/// <summary>
/// The SMTP server rejected the mail permanently (RFC 5321 §4.2.1: a 5yz reply means "do not repeat the same request").
/// <see cref="Exception.Message"/> is the server's reply, code first, as the outbox shows it (no inner exception, so
/// it is also the base exception's message).
/// </summary>
public sealed class MailRejectedException(string reply) : Exception(reply);
