using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Meetings;

/// <summary>The printable minutes of a meeting (<c>GET /api/meetings/{id}</c>): attendance, each item's opinions as said, dissent, the decision and the reason.</summary>
public sealed class MinutesModel(MeetingService meetings, WorkflowDbContext db) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public string OrganName { get; private set; } = "";
    public IReadOnlyList<Participant> Participants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if ((await meetings.GetAsync(id, ct)).Value is not { } meeting)
        {
            return NotFound();
        }
        Meeting = meeting;
        Participants = (await meetings.ParticipantsAsync(id, ct)).Value ?? [];
        var organ = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Meeting.DecisionOrganId, ct);
        OrganName = organ is null ? Meeting.DecisionOrganId : Ui.Pick(organ.Name, organ.NameEn);
        return Page();
    }
}
