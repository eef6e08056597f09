using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Matters;

/// <summary>
/// Another matter linked to this one by a sub-procedure (docs/definition-format.md, "Sub-procedures"): the parent
/// matter whose step <see cref="StepId"/> (pass <see cref="Iteration"/>) started this one's procedure, or a child
/// matter whose procedure this one's step started.
/// </summary>
public sealed record MatterLinkView(
    Guid MatterId, string Number, string Title, string DefinitionId, string StepId, int Iteration, Guid? InstanceId, InstanceStatus? InstanceStatus);

/// <summary>Reads a matter's sub-procedure links, for the API's matter view and the dossier page alike.</summary>
public static class MatterLinks
{
    /// <summary>The parent (null unless the matter is a child) and the children, oldest first.</summary>
    public static async Task<(MatterLinkView? Parent, IReadOnlyList<MatterLinkView> Children)> ReadAsync(
        WorkflowDbContext db, Matter matter, Guid? instanceId, CancellationToken ct)
    {
        MatterLinkView? parent = null;
        if (matter.ParentInstanceId is { } parentInstanceId)
        {
            var row = await db.Instances.AsNoTracking().Where(i => i.Id == parentInstanceId)
                .Join(db.Matters.AsNoTracking(), i => i.MatterId, m => m.Id, (i, m) => new { m.Id, m.Number, m.Title, m.DefinitionId, i.Status })
                .SingleOrDefaultAsync(ct);
            parent = row is null ? null : new MatterLinkView(row.Id, row.Number, row.Title, row.DefinitionId,
                matter.ParentStepId ?? "", matter.ParentIteration ?? 0, parentInstanceId, Enum.Parse<InstanceStatus>(row.Status));
        }
        if (instanceId is null)
        {
            return (parent, []);
        }
        var children = await db.Matters.AsNoTracking().Where(m => m.ParentInstanceId == instanceId)
            .Select(m => new { m.Id, m.Number, m.Title, m.DefinitionId, m.ParentStepId, m.ParentIteration, m.CreatedAt })
            .ToListAsync(ct);
        var ids = children.Select(c => c.Id).ToList();
        var statuses = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.MatterId)).Select(i => new { i.MatterId, i.Id, i.Status }).ToListAsync(ct);
        return (parent, children
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Number, StringComparer.Ordinal)
            .Select(c =>
            {
                var instance = statuses.SingleOrDefault(s => s.MatterId == c.Id);
                return new MatterLinkView(c.Id, c.Number, c.Title, c.DefinitionId, c.ParentStepId ?? "", c.ParentIteration ?? 0,
                    instance?.Id, instance is null ? null : Enum.Parse<InstanceStatus>(instance.Status));
            })
            .ToList());
    }
}
