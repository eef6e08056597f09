using System.Security.Cryptography;
using System.Text;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>Deterministic ids for derived timers: the same task and offset always give the same timer (and so the same trigger key).</summary>
public static class TimerIds
{
    public static Guid For(string kind, string subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"rolw-timer\n{kind}\n{subject}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
