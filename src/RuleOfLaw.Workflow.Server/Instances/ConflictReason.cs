using Microsoft.EntityFrameworkCore;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>An expected write conflict in one line for the log (the retry is the handling; a stack trace would only alarm).</summary>
public static class ConflictReason
{
    public static string Of(DbUpdateException exception)
    {
        if (exception is DbUpdateConcurrencyException)
        {
            return "the row's version changed (optimistic concurrency)";
        }
        var inner = exception.GetBaseException();
        var message = inner.Message.Split('\n', 2)[0].Trim();
        return $"{inner.GetType().Name}: {message}";
    }
}
