using System.Collections.Concurrent;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.Server.Jurisdiction;

/// <summary>
/// The jurisdictions loaded (and validated) from <c>{Workflows:Directory}/jurisdictions/</c> at start-up. New matters
/// take their jurisdiction from here; an instance gets a snapshot of its settings at start and never reads them again,
/// so an edited file (after a restart) changes only procedures started afterwards.
/// </summary>
public sealed class JurisdictionRegistry
{
    public const string Folder = "jurisdictions";

    private readonly ConcurrentDictionary<string, JurisdictionSettings> _byId = new(StringComparer.Ordinal);

    public IReadOnlyList<JurisdictionSettings> All => _byId.Values.OrderBy(j => j.Id == JurisdictionSettings.DefaultId ? 0 : 1).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();

    public JurisdictionSettings? Get(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Loads every file of the folder; throws <see cref="JurisdictionValidationException"/> naming file and path for any problem.</summary>
    public void Load(string workflowsDirectory)
    {
        var loaded = JurisdictionLoader.LoadDirectory(Path.Combine(workflowsDirectory, Folder));
        _byId.Clear();
        foreach (var settings in loaded)
        {
            _byId[settings.Id] = settings;
        }
    }

    /// <summary>Replaces one jurisdiction's settings in memory (what a reload after editing its file does).</summary>
    public void Set(JurisdictionSettings settings) => _byId[settings.Id] = settings;
}
