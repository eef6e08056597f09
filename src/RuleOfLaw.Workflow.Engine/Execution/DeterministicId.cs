using System.Security.Cryptography;
using System.Text;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// Ids derived from what they identify (instance, step, iteration), so deciding the same command twice yields the
/// same ids: the engine stays a pure function and a retried request cannot create a second task.
/// </summary>
internal static class DeterministicId
{
    public static Guid For(string kind, Guid instanceId, string stepId, int iteration)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}/{instanceId:D}/{stepId}/{iteration}"));
        var guid = bytes.AsSpan(0, 16).ToArray();
        guid[7] = (byte)((guid[7] & 0x0F) | 0x80); // RFC 9562 version 8 (custom)
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(guid, bigEndian: true);
    }
}
