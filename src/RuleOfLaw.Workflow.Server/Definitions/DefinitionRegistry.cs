using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Definitions;

/// <summary>
/// The installed definitions. Files in the workflows folder are loaded (and validated) at start-up and recorded
/// in the database; older versions that running instances are pinned to are read back from the database, so
/// editing a file never changes a running matter.
/// </summary>
public sealed class DefinitionRegistry
{
    private readonly ConcurrentDictionary<(string Id, int Version), ProcedureDefinition> _byVersion = new();
    private readonly ConcurrentDictionary<string, ProcedureDefinition> _latest = new();

    /// <summary>The newest version of each procedure from the workflows folder: what new matters start on.</summary>
    public IReadOnlyCollection<ProcedureDefinition> Current => _latest.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    public ProcedureDefinition? Latest(string id) => _latest.GetValueOrDefault(id);

    /// <summary>Loads the folder (throwing <see cref="DefinitionValidationException"/> for any invalid file) and records new versions.</summary>
    public async Task InstallAsync(string directory, WorkflowDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var definitions = DefinitionLoader.LoadDirectory(directory, ProcedureVocabulary.Instance);
        foreach (var definition in definitions)
        {
            var stored = await db.Definitions.AsNoTracking()
                .SingleOrDefaultAsync(d => d.DefinitionId == definition.Id && d.Version == definition.Version, cancellationToken);
            if (stored is null)
            {
                db.Definitions.Add(new StoredDefinition
                {
                    DefinitionId = definition.Id,
                    Version = definition.Version,
                    Title = definition.Title,
                    Json = await File.ReadAllTextAsync(definition.SourceFile!, cancellationToken),
                    ContentHash = definition.ContentHash!,
                    InstalledAt = clock.GetUtcNow(),
                });
            }
            else if (stored.ContentHash != definition.ContentHash)
            {
                // Running instances are pinned to the text recorded under this version; changing it in place would
                // change them silently. A changed procedure is a new version.
                throw new DefinitionValidationException([new DefinitionError(definition.SourceFile!, "$.version",
                    $"{definition.Id} version {definition.Version} is already installed with different content; raise the version to install the change")]);
            }
            _byVersion[(definition.Id, definition.Version)] = definition;
            _latest.AddOrUpdate(definition.Id, definition, (_, existing) => existing.Version >= definition.Version ? existing : definition);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The exact version an instance is pinned to, from memory or the database.</summary>
    public async Task<ProcedureDefinition> GetAsync(string id, int version, WorkflowDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(id, version, db, cancellationToken) ?? throw new InvalidOperationException($"Definition {id} v{version} is not installed.");

    /// <summary>
    /// The installed version, or null if it is not installed. A stored definition that no longer parses is not
    /// "not installed": the loader's exception propagates (the instances on it could not run either).
    /// </summary>
    public async Task<ProcedureDefinition?> FindAsync(string id, int version, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        if (_byVersion.TryGetValue((id, version), out var known))
        {
            return known;
        }
        var stored = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == id && d.Version == version, cancellationToken);
        if (stored is null)
        {
            return null;
        }
        var definition = DefinitionLoader.Parse(stored.Json, $"database:{id}@{version}", ProcedureVocabulary.Instance);
        return _byVersion.GetOrAdd((id, version), definition);
    }

    /// <summary>Every installed version (for listing), newest first per id.</summary>
    public static async Task<List<StoredDefinition>> ListStoredAsync(WorkflowDbContext db, CancellationToken cancellationToken) =>
        (await db.Definitions.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(d => d.DefinitionId, StringComparer.Ordinal).ThenByDescending(d => d.Version).ToList();
}
