using System.Security.Claims;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>The administrator making a change, for the log: user name and id from the signed-in principal.</summary>
public readonly record struct AdminActor(string Id, string UserName)
{
    public static AdminActor From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");
        return new AdminActor(id, user.Identity?.Name ?? id);
    }
}

/// <summary>
/// Every change an administrator makes, with who made it (category <c>RuleOfLaw.Workflow.Server.Administration.AdministrationLog</c>).
/// Passwords are never logged.
/// </summary>
public sealed partial class AdministrationLog
{
    private AdministrationLog()
    {
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) created organization {OrganizationId} \"{Name}\" of kind {Kind} under {ParentId}")]
    public static partial void OrganizationCreated(ILogger logger, string adminUserName, string adminId, string organizationId, string name, string kind, string? parentId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) updated organization {OrganizationId}: name \"{Name}\", kind {Kind}, parent {ParentId}")]
    public static partial void OrganizationUpdated(ILogger logger, string adminUserName, string adminId, string organizationId, string name, string kind, string? parentId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) created user {UserName} ({UserId})")]
    public static partial void UserCreated(ILogger logger, string adminUserName, string adminId, string userName, string userId);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) gave user {UserName} ({UserId}) the role {Role} in {OrganizationId}")]
    public static partial void MembershipAdded(ILogger logger, string adminUserName, string adminId, string userName, string userId, string role, string organizationId);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) removed the role {Role} in {OrganizationId} from user {UserName} ({UserId})")]
    public static partial void MembershipRemoved(ILogger logger, string adminUserName, string adminId, string userName, string userId, string role, string organizationId);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) locked user {UserName} ({UserId}); their sessions and API tokens stop working")]
    public static partial void UserLocked(ILogger logger, string adminUserName, string adminId, string userName, string userId);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) unlocked user {UserName} ({UserId})")]
    public static partial void UserUnlocked(ILogger logger, string adminUserName, string adminId, string userName, string userId);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Information,
        Message = "Administrator {AdminUserName} ({AdminId}) reset the password of user {UserName} ({UserId}); their sessions end")]
    public static partial void PasswordReset(ILogger logger, string adminUserName, string adminId, string userName, string userId);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning,
        Message = "Administrator {AdminUserName} ({AdminId}) was refused: {Change} of user {UserName} ({UserId}) would leave no operator who can sign in")]
    public static partial void LastAdministratorRefused(ILogger logger, string adminUserName, string adminId, string change, string userName, string userId);
}
