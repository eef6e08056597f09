using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Definitions;

/// <summary>
/// The English titles of the steps behind task rows (the task projection keeps the Chinese title only): looked up in
/// each instance's own definition version, so the inbox API and the English pages name steps as the definition does.
/// </summary>
public static class StepTitles
{
    /// <summary>Step id → English title (null when the definition gives none), per instance.</summary>
    public static async Task<Dictionary<(Guid InstanceId, string StepId), string?>> EnglishAsync(
        WorkflowDbContext db, DefinitionRegistry registry, IEnumerable<(Guid InstanceId, string StepId)> tasks, CancellationToken ct)
    {
        var wanted = tasks.Distinct().ToList();
        var instanceIds = wanted.Select(t => t.InstanceId).Distinct().ToList();
        var versions = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion }).ToDictionaryAsync(i => i.Id, ct);
        var titles = new Dictionary<(Guid, string), string?>();
        foreach (var (instanceId, stepId) in wanted)
        {
            if (versions.TryGetValue(instanceId, out var v))
            {
                var definition = await registry.GetAsync(v.DefinitionId, v.DefinitionVersion, db, ct);
                titles[(instanceId, stepId)] = definition.Steps.FirstOrDefault(s => s.Id == stepId)?.TitleEn;
            }
            else
            {
                titles[(instanceId, stepId)] = null;
            }
        }
        return titles;
    }
}
