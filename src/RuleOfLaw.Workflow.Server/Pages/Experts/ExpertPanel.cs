using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Integrity;

namespace RuleOfLaw.Workflow.Server.Pages.Experts;

/// <summary>A panel member as the pages show them: the API's entry and whether the opinion's signature still verifies.</summary>
public sealed record PanelRow(PanelEntryView Entry, SignatureCheck? Signature);

/// <summary>Reads a matter's expert panel through the service the API calls (<see cref="ExpertService.PanelAsync"/>, <see cref="ExpertService.VerifyAsync"/>).</summary>
public sealed class ExpertPanelReader(ExpertService experts)
{
    public async Task<(List<PanelRow> Rows, IReadOnlyList<string> RuleProblems)> ReadAsync(Guid matterId, CancellationToken ct)
    {
        var panel = (await experts.PanelAsync(matterId, ct)).Value;
        if (panel is null)
        {
            return ([], []);
        }
        var rows = new List<PanelRow>();
        foreach (var entry in panel.Members)
        {
            var check = entry.Opinion is { } opinion ? (await experts.VerifyAsync(matterId, opinion.Id, ct)).Value : null;
            rows.Add(new PanelRow(entry, check));
        }
        return (rows, panel.RuleProblems);
    }

    /// <summary>The experts removed from the panel, with the reason (version 6 on; 第二十条).</summary>
    public async Task<IReadOnlyList<RemovedPanelEntryView>> RemovedAsync(Guid matterId, CancellationToken ct) =>
        (await experts.PanelAsync(matterId, ct)).Value?.Removed ?? [];

    /// <summary>The pool, for choosing (art. 21).</summary>
    public Task<List<ExpertView>> PoolAsync(CancellationToken ct) => experts.PoolAsync(ct);
}
