using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>Looks up what an idempotency key already answered, for every command that stores its response.</summary>
public static class CommandReplay
{
    /// <summary>The stored answer if this key was seen (or the refusal of a key reused for another request); else null.</summary>
    public static async Task<CommandResult?> FindAsync(WorkflowDbContext db, IdempotencyKey key, CancellationToken cancellationToken)
    {
        var processed = await db.ProcessedCommands.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key.Key, cancellationToken);
        if (processed is null)
        {
            return null;
        }
        return processed.RequestHash == key.RequestHash
            ? new CommandResult(processed.StatusCode, processed.ResponseJson, Replayed: true, [])
            : CommandResult.Refused(ProblemTexts.Catalog.Conflict("idempotency-key-reused"));
    }
}
