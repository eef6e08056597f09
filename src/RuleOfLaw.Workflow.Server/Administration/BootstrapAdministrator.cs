using System.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// The first administrator of a new deployment. At start-up, after the migrations, when the database has no user
/// at all: with <c>Bootstrap:*</c> set, creates the government (unless it exists) and the administrator with the
/// administrator and operator roles in it (the operator administers the whole deployment), in one transaction; without, and without the demo seed, warns that nobody can sign in
/// and how to fix it. Does nothing once any user exists. The password is never logged.
/// Upgrading a database from before the operator role (issue 16): administrators were global then; if no operator
/// exists, each administrator of a top-level organization becomes an operator, once, logged (<see cref="PromoteOperatorsAsync"/>).
/// </summary>
public sealed partial class BootstrapAdministrator(
    WorkflowDbContext db, UserManager<AppUser> users, IOptions<BootstrapOptions> options, ILogger<BootstrapAdministrator> logger)
{
    public const string DisplayName = "系统管理员";

    public async Task RunAsync(bool demoSeeding, CancellationToken ct)
    {
        var settings = options.Value;
        if (await db.Users.AnyAsync(ct))
        {
            if (settings.IsConfigured)
            {
                LogIgnored(logger);
            }
            await PromoteOperatorsAsync(ct);
            return;
        }
        if (!settings.IsConfigured)
        {
            if (!demoSeeding)
            {
                LogNoAdministrator(logger);
            }
            return;
        }
        try
        {
            await CreateAsync(settings, ct);
        }
        catch (Exception e) when (e is DbUpdateException || AdministrativeWrite.IsSerializationFailure(e))
        {
            // Another server node starting on the same empty database got there first; its administrator stands.
            db.ChangeTracker.Clear();
            if (!await db.Users.AnyAsync(ct))
            {
                throw;
            }
            LogCreatedElsewhere(logger);
        }
    }

    private async Task CreateAsync(BootstrapOptions settings, CancellationToken ct)
    {
        var userName = settings.AdministratorUserName!.Trim();
        var organizationId = settings.OrganizationId!.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        if (await db.Users.AnyAsync(ct))
        {
            LogCreatedElsewhere(logger);
            return;
        }
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, ct);
        if (organization is null)
        {
            db.Organizations.Add(new Organization { Id = organizationId, Name = settings.OrganizationName!.Trim(), Kind = OrganizationKinds.Government });
            await db.SaveChangesAsync(ct);
        }
        else if (organization.Kind != OrganizationKinds.Government)
        {
            throw new InvalidOperationException(
                $"Bootstrap:OrganizationId names the existing organization {organizationId}, which is a {organization.Kind}, not a government. " +
                "Name a government (or a new id, which is then created as one). Nothing was created.");
        }
        var user = new AppUser { UserName = userName, DisplayName = DisplayName };
        var created = await users.CreateAsync(user, settings.AdministratorPassword!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"Bootstrap: the first administrator {userName} could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))} " +
                "Fix the Bootstrap settings and start again. Nothing was created.");
        }
        db.Memberships.Add(new OrganizationMembership { UserId = user.Id, OrganizationId = organizationId, Role = Roles.Administrator });
        db.Memberships.Add(new OrganizationMembership { UserId = user.Id, OrganizationId = organizationId, Role = Roles.Operator });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogCreated(logger, userName, organizationId, organization is null ? "created" : "existing");
    }

    /// <summary>
    /// A database from before the operator role has global administrators and no operator; nobody could then load a
    /// calendar or rotate a key. Each administrator of a top-level organization (what a deployment's first
    /// administrators were) becomes an operator, keeping what they could do; administrators lower in the tree become
    /// scoped to their subtree. Runs only while no operator membership exists (the last one cannot be removed through
    /// the API), so it happens once.
    /// </summary>
    public async Task PromoteOperatorsAsync(CancellationToken ct)
    {
        if (await db.Memberships.AnyAsync(m => m.Role == Roles.Operator, ct))
        {
            return;
        }
        var topLevel = await db.Memberships.Where(m => m.Role == Roles.Administrator)
            .Join(db.Organizations.Where(o => o.ParentId == null), m => m.OrganizationId, o => o.Id, (m, _) => new { m.UserId, m.OrganizationId })
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, m.OrganizationId, u.UserName })
            .ToListAsync(ct);
        foreach (var admin in topLevel)
        {
            db.Memberships.Add(new OrganizationMembership { UserId = admin.UserId, OrganizationId = admin.OrganizationId, Role = Roles.Operator });
        }
        if (topLevel.Count > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                LogPromoted(logger, string.Join(", ", topLevel.Select(a => $"{a.UserName} ({a.OrganizationId})")));
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another node promoted them first
            }
        }
    }

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning,
        Message = "系统运维角色 / Operator role: no operator existed, so the administrators of top-level organizations became operators (deployment-wide): {Administrators}. " +
            "Other administrators now act within their organization's subtree only (docs/security.md, \"Administrators and operators\").")]
    private static partial void LogPromoted(ILogger logger, string administrators);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "首个管理员已创建 / First administrator created: {UserName}, administrator of the {OrganizationState} government {OrganizationId}. " +
            "Sign in as {UserName}, create the organizations, users and roles with /api/admin, then remove Bootstrap:AdministratorPassword from the configuration.")]
    private static partial void LogCreated(ILogger logger, string userName, string organizationId, string organizationState);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "尚无任何用户，无人能够登录 / No user exists, so nobody can sign in. To create the first administrator, set Bootstrap:AdministratorUserName, " +
            "Bootstrap:AdministratorPassword, Bootstrap:OrganizationId and Bootstrap:OrganizationName (the government it administers; e.g. as environment " +
            "variables Bootstrap__AdministratorUserName=…) and restart; see docs/configuration.md, \"Production notes\".")]
    private static partial void LogNoAdministrator(ILogger logger);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning,
        Message = "Bootstrap settings ignored: users exist already. Remove Bootstrap:AdministratorPassword (and the other Bootstrap keys) from the configuration.")]
    private static partial void LogIgnored(ILogger logger);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information,
        Message = "Bootstrap skipped: another server node created the first user meanwhile.")]
    private static partial void LogCreatedElsewhere(ILogger logger);
}
