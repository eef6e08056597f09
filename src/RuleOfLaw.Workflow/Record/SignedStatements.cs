using System.Globalization;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace RuleOfLaw.Workflow.Record;

/// <summary>
/// What a signed statement's SM2 signature covers, and its check: the one definition the server signs with
/// (<c>Server/Integrity/OpinionSignatures</c>) and the offline dossier verifier checks with (issue 20 item 3). A
/// statement is an expert's or counsel's opinion (第二十条、第二十八条), the legality review office's findings
/// (第二十七条), a member's opinion at the meeting or the head's decision recorded there last (第三十条).
/// </summary>
public static class SignedStatements
{
    /// <summary>SM2 with SM3 (GB/T 32918, curve sm2p256v1, user id <see cref="DefaultUserId"/>).</summary>
    public const string Sm2WithSm3 = "sm2-sm3";

    /// <summary>The legacy "signature" of opinions written before SM2: SHA-256 of text, time and user id, which anyone can recompute.</summary>
    public const string LegacySha256Text = "sha256-text";

    /// <summary>The default signer identity of GM/T 0009 (used in Z_A when none is agreed).</summary>
    public const string DefaultUserId = "1234567812345678";

    public const string ExpertOpinion = "expert-opinion";
    public const string CounselOpinion = "counsel-opinion";
    public const string LegalityFindings = "legality-findings";
    public const string HeadDecision = "head-decision";
    public const string MemberOpinion = "member-opinion";

    /// <summary>What a statement's signature covers, one field per line; the text last and length-prefixed.</summary>
    public static byte[] Message(string kind, Guid statementId, Guid matterId, string subject, string signedBy, DateTimeOffset signedAt, string text) =>
        Encoding.UTF8.GetBytes(string.Join('\n',
            "rolw-opinion-signature-v1", kind, statementId.ToString("D"), matterId.ToString("D"), subject, signedBy,
            signedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            $"{text.Length.ToString(CultureInfo.InvariantCulture)}:{text}"));

    /// <summary>
    /// The signed text of a statement made of several fields (the findings' authority, procedure, content and legal
    /// risk; the decision's outcome, text and reason): <c>name=length:value</c> per field, <c>name=-</c> for none,
    /// so no field can be moved into another.
    /// </summary>
    public static string Fields(params (string Name, string? Value)[] fields) =>
        string.Join('\n', fields.Select(f => f.Value is null ? $"{f.Name}=-" : $"{f.Name}={f.Value.Length.ToString(CultureInfo.InvariantCulture)}:{f.Value}"));

    /// <summary>The signed text of the legality review office's findings (第二十七条; the legal risk of an exploratory reform, 第二十五条).</summary>
    public static string FindingsText(string authority, string procedure, string content, string? legalRisk) =>
        Fields(("authority", authority), ("procedure", procedure), ("content", content), ("legalRisk", legalRisk));

    /// <summary>The signed text of the head's decision at the meeting (第三十条): the outcome, what the head said, the reason against the majority.</summary>
    public static string DecisionText(string outcome, string text, string? reason) =>
        Fields(("outcome", outcome), ("text", text), ("reason", reason));

    /// <summary>
    /// The signed text of a member's opinion on an agenda item (第三十条: each member speaks before the head decides): the
    /// position, the words recorded verbatim, and who recorded them (the member, or the meeting secretary for the
    /// member), so the signature also says whose hand entered the text.
    /// </summary>
    public static string MemberOpinionText(string position, string text, string recordedBy) =>
        Fields(("position", position), ("text", text), ("recordedBy", recordedBy));

    /// <summary>
    /// The object of a journal entry's data that records a statement's signature (<c>publicKey</c>, <c>signature</c>,
    /// <c>statementId</c> …): the data itself, or — for a party's task completed (a member's opinion at the meeting,
    /// <c>PartyTaskCompleted</c>) — the command's data the engine embeds as <c>data</c>. Null when neither records one.
    /// </summary>
    public static JsonElement? JournalRecord(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (data.TryGetProperty("publicKey", out _))
        {
            return data;
        }
        return data.TryGetProperty("data", out var embedded) && embedded.ValueKind == JsonValueKind.Object && embedded.TryGetProperty("publicKey", out _)
            ? embedded
            : null;
    }

    /// <summary>False for a wrong key, a changed message or signature, and for bytes that are no point or no signature.</summary>
    public static bool Sm2Verify(byte[] publicKey, ReadOnlySpan<byte> message, byte[] signature, string userId = DefaultUserId)
    {
        try
        {
            var x9 = GMNamedCurves.GetByName("sm2p256v1");
            var domain = new ECDomainParameters(x9.Curve, x9.G, x9.N, x9.H, x9.GetSeed());
            var signer = new SM2Signer();
            signer.Init(false, new ParametersWithID(new ECPublicKeyParameters(x9.Curve.DecodePoint(publicKey), domain), Encoding.ASCII.GetBytes(userId)));
            signer.BlockUpdate(message);
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }

    /// <summary>Lower-case hex to bytes; empty for anything that is not hex (a signature that cannot verify).</summary>
    public static byte[] HexOrEmpty(string? hex)
    {
        try
        {
            return hex is null ? [] : Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
