using Microsoft.AspNetCore.Identity;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// Refusals of the administration API. Each names the request field at fault in <c>errors</c>: the field's problem,
/// or, for an unknown value from a fixed list (kind, role), the allowed values.
/// </summary>
public static class AdministrationProblems
{
    public static IResult Invalid(string code, string field, string message) =>
        ApiProblem.Validation(code, message, new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotOneOf(string code, string field, string message, IEnumerable<string> allowed) =>
        ApiProblem.Validation(code, message, new Dictionary<string, string[]> { [field] = [.. allowed] });

    public static IResult Conflict(string code, string field, string message) =>
        ApiProblem.Create(StatusCodes.Status409Conflict, code, "与现有数据冲突 / Conflicts with what is stored", message,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static IResult LastOperator(string message) =>
        ApiProblem.Create(StatusCodes.Status409Conflict, "last-operator", "不能移除最后一名系统运维人员 / The last operator", message);

    public static IResult UserNotFound(string id) => ApiProblem.NotFound($"没有用户 {id}。No user {id}.");

    /// <summary>
    /// Identity's refusals, with Identity's own messages, under the field they concern: a duplicate user name is a
    /// 409 <c>user-exists</c>, a lost concurrency race a 409 <c>concurrent-modification</c>, password rules 422
    /// <c>invalid-password</c>, user name and e-mail rules 422 <c>invalid-user-name</c> / <c>invalid-email</c>.
    /// </summary>
    public static IResult FromIdentity(IdentityResult result)
    {
        var errors = result.Errors.ToList();
        if (errors.FirstOrDefault(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) is { } duplicate)
        {
            return Conflict("user-exists", "userName", $"用户名已被使用。{duplicate.Description}");
        }
        if (errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "concurrent-modification", "并发冲突 / Concurrent change",
                "该用户同时被其他请求修改，请重试。Another request changed this user at the same time; please retry.");
        }
        var byField = errors.GroupBy(Field).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        var (code, detail) = byField.Keys.FirstOrDefault() switch
        {
            "password" => ("invalid-password", "密码不符合要求。The password does not meet the rules: "),
            "userName" => ("invalid-user-name", "用户名不符合要求。The user name is not acceptable: "),
            "email" => ("invalid-email", "电子邮箱不符合要求。The e-mail address is not acceptable: "),
            _ => ("invalid-user", "用户信息不符合要求。The user is not acceptable: "),
        };
        return ApiProblem.Validation(code, detail + string.Join(" ", errors.Select(e => e.Description)), byField);
    }

    private static string Field(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == nameof(IdentityErrorDescriber.UserAlreadyHasPassword) => "password",
        nameof(IdentityErrorDescriber.InvalidUserName) => "userName",
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.DuplicateEmail) => "email",
        _ => "user",
    };
}
