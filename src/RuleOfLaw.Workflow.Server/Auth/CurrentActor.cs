using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>The signed-in user as the engine sees them: id, name and roles per organization, read fresh per request.</summary>
public sealed class CurrentActor(IHttpContextAccessor http, WorkflowDbContext db)
{
    private Actor? _actor;

    public string UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("No signed-in user.");

    public async Task<Actor> GetAsync(CancellationToken cancellationToken)
    {
        if (_actor is not null)
        {
            return _actor;
        }
        var userId = UserId;
        // One round trip (a join) for the user and their memberships: every API request pays it (issue 21 goal 2).
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                Memberships = db.Memberships.Where(m => m.UserId == u.Id).Select(m => new { m.OrganizationId, m.Role }).ToList(),
            })
            .SingleAsync(cancellationToken);
        return _actor = new Actor(user.Id, user.DisplayName, user.Memberships.Select(m => new Membership(m.OrganizationId, m.Role)).ToHashSet());
    }

    public async Task<bool> IsAdministratorAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Memberships.Any(m => m.Role == Roles.Administrator);
}
