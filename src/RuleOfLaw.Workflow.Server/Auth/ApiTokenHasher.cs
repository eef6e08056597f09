using System.Security.Cryptography;
using System.Text;

namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>
/// API tokens are 32 random bytes; only their SHA-256 is stored. A fast hash is right here (unlike passwords):
/// the secret has 256 bits of entropy, so there is nothing to brute-force, and every request must look it up.
/// </summary>
public static class ApiTokenHasher
{
    public const string Prefix = "rolw_";

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
