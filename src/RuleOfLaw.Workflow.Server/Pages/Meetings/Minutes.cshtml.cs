using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Meetings;

/// <summary>The printable minutes of a meeting (<c>GET /api/meetings/{id}</c>): attendance, each item's opinions as said, dissent, the decision and the reason.</summary>
public sealed class MinutesModel(CurrentActor current, WorkflowDbContext db) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public string OrganName { get; private set; } = "";
    public IReadOnlyList<Participant> Participants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var answer = ApiAnswer.From(await MeetingEndpoints.Get(id, current, db, ct));
        if (!answer.Succeeded)
        {
            return NotFound();
        }
        Meeting = answer.Value<MeetingView>()!;
        Participants = ApiAnswer.From(await MeetingEndpoints.Participants(id, current, db, ct)).Value<List<Participant>>() ?? [];
        var organ = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Meeting.DecisionOrganId, ct);
        OrganName = organ is null ? Meeting.DecisionOrganId : Ui.Pick(organ.Name, organ.NameEn);
        return Page();
    }
}
