using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// The key a command is remembered under. A client may send <c>Idempotency-Key</c>; otherwise a key is derived
/// from what the command is about (e.g. completing one task), so a plain retry is recognised too. Keys are scoped
/// to the user, so one user cannot read another's stored response by guessing a key.
/// </summary>
public sealed record IdempotencyKey(string Key, string RequestHash)
{
    public const string Header = "Idempotency-Key";
    public const int MaxClientKeyLength = 100;

    public static IdempotencyKey For(string userId, string? clientKey, string derived, string operation, object? body)
    {
        // The API refuses an over-long client key before it gets here (IdempotencyKeyFilter); the web pages pass the
        // key posted with their forms, which no filter sees, so an over-long one is hashed rather than overflow the column.
        if (clientKey is { Length: > MaxClientKeyLength })
        {
            clientKey = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientKey)));
        }
        var scoped = $"{userId}:{(string.IsNullOrWhiteSpace(clientKey) ? "derived:" + derived : "client:" + clientKey)}";
        var request = operation + "\n" + JsonSerializer.Serialize(body, ApiJson.Options);
        return new IdempotencyKey(scoped, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request))));
    }
}
