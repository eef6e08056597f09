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
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new Membership(m.OrganizationId, m.Role)).ToListAsync(cancellationToken);
        return _actor = new Actor(user.Id, user.DisplayName, memberships.ToHashSet());
    }

    public async Task<bool> IsAdministratorAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Memberships.Any(m => m.Role == Roles.Administrator);
}
