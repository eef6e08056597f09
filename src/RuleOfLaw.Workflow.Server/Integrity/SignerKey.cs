namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// A signer's SM2 key pair (issue 20 item 3). The private key is stored only encrypted with SM4-GCM under a
/// <c>data-sm4</c> key of the key ring (outside the database), bound to this key id and user by the GCM context, so a
/// database copy alone cannot sign. A user's newest key signs; older keys stay to verify what they signed.
/// </summary>
public sealed class SignerKey
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    /// <summary><c>sm2-sm3</c>.</summary>
    public required string Algorithm { get; set; }
    /// <summary>Uncompressed SM2 public point, hex.</summary>
    public required string PublicKey { get; set; }
    /// <summary>nonce ‖ ciphertext ‖ tag of the private scalar, hex.</summary>
    public required string EncryptedPrivateKey { get; set; }
    /// <summary><c>sm4-gcm</c>.</summary>
    public required string EncryptionAlgorithm { get; set; }
    /// <summary>The key ring id of the SM4 key that encrypts <see cref="EncryptedPrivateKey"/>.</summary>
    public required string EncryptionKeyId { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// The X.509 certificate (DER, base64) a CA issued for this key, when the key was imported with it
    /// (<see cref="SignerCertificates"/>); null for a key the server generated. Signatures made with it carry it.
    /// </summary>
    public string? Certificate { get; set; }
}
