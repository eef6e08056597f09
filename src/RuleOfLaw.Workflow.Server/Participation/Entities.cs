namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// An open consultation (向社会公开征求意见, art. 15): the draft and its explanation published for comment over a
/// period computed from the jurisdiction's <c>consultationMinimum</c>. Comments are counted on this row
/// (<see cref="CommentSequence"/>), never on the instance row, so a busy consultation does not serialize the procedure.
/// </summary>
public sealed class Consultation
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required string Title { get; set; }
    public required string DraftText { get; set; }
    /// <summary>起草说明: why the draft says what it says.</summary>
    public required string Explanation { get; set; }
    /// <summary>Versions of matter documents published with the draft (JSON array of GUIDs; the Documents module is not merged yet).</summary>
    public string DocumentVersionIdsJson { get; set; } = "[]";
    public required DateTimeOffset OpensAt { get; set; }
    /// <summary>The end of the period (exclusive): a comment is accepted while OpensAt ≤ now &lt; ClosesAt.</summary>
    public required DateTimeOffset ClosesAt { get; set; }
    /// <summary>The earliest lawful end without urgency: OpensAt + consultationMinimum (art. 15).</summary>
    public required DateTimeOffset MinimumClosesAt { get; set; }
    /// <summary>How <see cref="MinimumClosesAt"/> was computed (one checkable sentence).</summary>
    public required string MinimumRule { get; set; }
    /// <summary>
    /// Set while the minimum ends in a year without a holiday calendar (issue 16 item 6): <see cref="ClosesAt"/> is then
    /// only the earliest possible end ("at least until"), comments are accepted past it, nothing closes the
    /// consultation, and loading that year's calendar makes the end final (<see cref="ProvisionalPeriods"/>).
    /// </summary>
    public int? ProvisionalYear { get; set; }
    /// <summary>True when the period is shorter than the minimum; then <see cref="UrgencyReason"/> was given at publication (art. 15).</summary>
    public bool Shortened { get; set; }
    public string? UrgencyReason { get; set; }
    public required string PublishedBy { get; set; }
    public required string PublishedByName { get; set; }
    public required DateTimeOffset PublishedAt { get; set; }
    /// <summary>The highest receipt sequence handed out for this matter so far (continues across consultations of one matter).</summary>
    public int CommentSequence { get; set; }
    /// <summary>Set by the close before counting: after it no comment can be written, even by a request already in flight.</summary>
    public DateTimeOffset? SealedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int? CommentCount { get; set; }
    /// <summary>SHA-256 over every comment at close, in receipt order; journaled with the count.</summary>
    public string? CommentsHash { get; set; }
    /// <summary>意见采纳情况反馈: published once every visible comment or group has a response.</summary>
    public string? FeedbackSummary { get; set; }
    public DateTimeOffset? FeedbackPublishedAt { get; set; }
    public string? FeedbackPublishedBy { get; set; }
}

/// <summary>A public comment on a consultation, sent without sign-in. Never deleted; hidden with a reason at most.</summary>
public sealed class ConsultationComment : IStoredContact
{
    public required Guid Id { get; set; }
    public required Guid ConsultationId { get; set; }
    public required int Sequence { get; set; }
    /// <summary>E.g. <c>2026-0001-C000123</c>: given to the commenter as proof of receipt.</summary>
    public required string ReceiptNumber { get; set; }
    public required DateTimeOffset ReceivedAt { get; set; }
    /// <summary><c>individual</c>, <c>organization</c> or <c>anonymous</c>.</summary>
    public required string SubmitterType { get; set; }
    public string? SubmitterName { get; set; }
    /// <summary>SM4-GCM ciphertext (base64) under <see cref="ContactKeyId"/>; read only through <see cref="ContactDetails"/>.</summary>
    public string? Contact { get; set; }
    /// <summary><c>sm4-gcm</c>; null on a plain row written before encryption at rest and not yet re-encrypted.</summary>
    public string? ContactAlgorithm { get; set; }
    /// <summary>The key ring id of the <c>data-sm4</c> key that encrypted <see cref="Contact"/>.</summary>
    public string? ContactKeyId { get; set; }
    string IStoredContact.ContactPurpose => RuleOfLaw.Workflow.Privacy.ContactPrivacy.Commenters;
    public required string Text { get; set; }
    /// <summary>SHA-256 of the normalized text: identical or near-identical comments share it and form a group.</summary>
    public required string GroupKey { get; set; }
    /// <summary>The client's Idempotency-Key (scoped to the consultation) and the hash of what it was sent with.</summary>
    public string? IdempotencyKey { get; set; }
    public required string RequestHash { get; set; }
    public bool Hidden { get; set; }
    public string? HiddenReason { get; set; }
    public string? HiddenBy { get; set; }
    public DateTimeOffset? HiddenAt { get; set; }
    /// <summary>
    /// How it arrived when not online: <c>letter</c>, <c>fax</c>, <c>phone</c> or <c>hearing</c> (null: the public
    /// portal or API). Then <see cref="ReceivedAt"/> is the start of the local day it was received, and an official
    /// entered it at <see cref="EnteredAt"/>.
    /// </summary>
    public string? Channel { get; set; }
    public DateTimeOffset? EnteredAt { get; set; }
    public string? EnteredBy { get; set; }
    /// <summary>The scanned letter or fax, or the call's note: a version of one of the matter's documents.</summary>
    public Guid? DocumentVersionId { get; set; }
}

/// <summary>The drafting unit's answer to one comment or to one group of identical comments (art. 18).</summary>
public sealed class CommentResponse
{
    public required Guid Id { get; set; }
    public required Guid ConsultationId { get; set; }
    /// <summary>Set when the response answers one comment.</summary>
    public Guid? CommentId { get; set; }
    /// <summary>Set when the response answers every comment of a group.</summary>
    public string? GroupKey { get; set; }
    /// <summary><c>adopted</c>, <c>partly-adopted</c> or <c>not-adopted</c>.</summary>
    public required string Decision { get; set; }
    public string? Reason { get; set; }
    public required string RespondedBy { get; set; }
    public required string RespondedByName { get; set; }
    public required DateTimeOffset RespondedAt { get; set; }
}

/// <summary>
/// A way of hearing opinions other than the open consultation (art. 14: 座谈会、实地走访、书面征求意见、问卷调查、民意调查 …),
/// or the consultation with an affected group (art. 14, second paragraph) when <see cref="SpecificGroup"/> is set.
/// </summary>
public sealed class ParticipationActivity
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required string Method { get; set; }
    public required DateOnly HeldOn { get; set; }
    public required string Summary { get; set; }
    public int? ParticipantCount { get; set; }
    public bool SpecificGroup { get; set; }
    public string? GroupName { get; set; }
    public required string RecordedBy { get; set; }
    public required string RecordedByName { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
}
