namespace RuleOfLaw.Workflow.Server.Documents;

/// <summary>
/// A document of a matter's dossier (决策案卷): the draft, its explanation, a risk report … Its content lives in
/// <see cref="DocumentVersion"/>s; a new upload never overwrites an old one, so what a reviewer or a meeting saw can
/// always be shown again (art. 33: the record is the basis of lifelong accountability).
/// </summary>
public sealed class MatterDocument
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    /// <summary>One of <see cref="DocumentKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required int LatestVersion { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One uploaded version of a <see cref="MatterDocument"/>, numbered from 1, immutable.</summary>
public sealed class DocumentVersion
{
    public required Guid Id { get; set; }
    public required Guid DocumentId { get; set; }
    public required int Number { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required long Length { get; set; }
    /// <summary>Digest of <see cref="Content"/>, hex, with <see cref="DigestAlgorithm"/>; also written to the journal, so the file can be proven unchanged.</summary>
    public required string Digest { get; set; }
    /// <summary><c>sm3</c> (new uploads, <c>Crypto:HashAlgorithm</c>) or <c>sha256</c> (versions uploaded before issue 20, or by that setting).</summary>
    public required string DigestAlgorithm { get; set; }
    public required byte[] Content { get; set; }
    public string? Note { get; set; }
    public required string UploadedBy { get; set; }
    public required string UploadedByName { get; set; }
    public required DateTimeOffset UploadedAt { get; set; }
}
