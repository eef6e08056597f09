using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Experts;

/// <summary>A panel member as the pages show them: the API's entry and whether the opinion's signature still verifies.</summary>
public sealed record PanelRow(PanelEntryView Entry, SignatureCheck? Signature);

/// <summary>Reads a matter's expert panel through the API's own handlers (<see cref="ExpertEndpoints.GetPanel"/>, <see cref="ExpertEndpoints.Verify"/>).</summary>
public sealed class ExpertPanelReader(CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, Jurisdiction.JurisdictionRegistry jurisdictions,
    Integrity.OpinionSignatures signatures)
{
    public async Task<(List<PanelRow> Rows, IReadOnlyList<string> RuleProblems)> ReadAsync(Guid matterId, CancellationToken ct)
    {
        var answer = ApiAnswer.From(await ExpertEndpoints.GetPanel(matterId, current, db, registry, jurisdictions, ct));
        var panel = answer.Succeeded ? answer.Value<PanelView>() : null;
        if (panel is null)
        {
            return ([], []);
        }
        var rows = new List<PanelRow>();
        foreach (var entry in panel.Members)
        {
            SignatureCheck? check = null;
            if (entry.Opinion is { } opinion)
            {
                check = ApiAnswer.From(await ExpertEndpoints.Verify(matterId, opinion.Id, current, db, registry, signatures, ct)).Value<SignatureCheck>();
            }
            rows.Add(new PanelRow(entry, check));
        }
        return (rows, panel.RuleProblems);
    }

    /// <summary>The pool, for choosing (art. 21).</summary>
    public async Task<List<ExpertView>> PoolAsync(CancellationToken ct) =>
        [.. (await db.Set<Expert>().AsNoTracking().ToListAsync(ct)).OrderBy(e => e.Name, StringComparer.Ordinal).Select(ExpertView.From)];
}
