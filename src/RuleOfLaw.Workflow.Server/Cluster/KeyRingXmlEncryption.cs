using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using RuleOfLaw.Workflow.Server.Integrity;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// Encrypts each data-protection key (the secret behind session cookies and form tokens) with SM4-GCM under the
/// deployment key ring's current <c>data-sm4</c> key before it is written to the database, so that whoever reads the
/// database alone cannot forge a session cookie (the same rule as for the journal MACs and contact details,
/// docs/security.md). The element names the key id, so rotating <c>data-sm4</c> leaves older keys readable.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyRing keyRing) : IXmlEncryptor
{
    public const string ElementName = "sm4GcmEncryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var key = keyRing.Current(KeyRing.DataEncryption);
        var sealedBytes = SmCrypto.Sm4GcmEncrypt(key.Bytes, Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)), Context(key.Id));
        var element = new XElement(ElementName,
            new XAttribute("keyId", key.Id),
            new XAttribute("algorithm", SmCrypto.Sm4Gcm),
            new XComment(" Encrypted with the deployment key ring (Crypto:KeyRingFile), docs/operations.md. "),
            Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }

    /// <summary>Binds the ciphertext to its purpose and key id (authenticated, not stored).</summary>
    internal static byte[] Context(string keyId) => Encoding.UTF8.GetBytes("rolw/data-protection-key/" + keyId);
}

/// <summary>
/// The reverse of <see cref="KeyRingXmlEncryptor"/>. Data Protection creates it by type name from the stored XML,
/// passing the application's services (the constructor it looks for).
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keyId = (string?)encryptedElement.Attribute("keyId")
            ?? throw new InvalidOperationException("A stored data-protection key names no data-sm4 key id.");
        var key = services.GetRequiredService<KeyRing>().Find(KeyRing.DataEncryption, keyId)
            ?? throw new InvalidOperationException(
                $"A stored data-protection key is encrypted under data-sm4 key '{keyId}', which this node's key ring (Crypto:KeyRingFile) lacks: " +
                "every node must use the same key ring file (docs/operations.md, \"Several servers\").");
        var plaintext = SmCrypto.Sm4GcmDecrypt(key.Bytes, Convert.FromBase64String(encryptedElement.Value.Trim()), KeyRingXmlEncryptor.Context(keyId));
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
