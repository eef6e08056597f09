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
/// administrator role in it, in one transaction; without, and without the demo seed, warns that nobody can sign in
/// and how to fix it. Does nothing once any user exists. The password is never logged.
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
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogCreated(logger, userName, organizationId, organization is null ? "created" : "existing");
    }

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
