using Microsoft.AspNetCore.Identity;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// Refusals of the administration API, from <see cref="AdministrationTexts"/>. Each names the request field at fault
/// (its <see cref="RequestField.Argument"/>) in <c>errors</c>: the refusal's text in the reader's language, or, for an
/// unknown value from a fixed list (kind, role), the allowed values.
/// </summary>
public static class AdministrationProblems
{
    private static AdministrationTexts T => AdministrationTexts.Catalog;

    /// <summary>The refusal, with its text under its field in <c>errors</c> (or under <paramref name="field"/>, when a change elsewhere caused it).</summary>
    public static IResult Refused(Refusal refusal, string? field = null) =>
        ApiProblem.Refused(refusal, Errors(field ?? FieldOf(refusal), [ReaderLanguage.Text(refusal)]));

    /// <summary>The refusal of a value not on a fixed list: <c>errors</c> lists the allowed values under its field.</summary>
    public static IResult NotOneOf(Refusal refusal, IEnumerable<string> allowed) =>
        ApiProblem.Refused(refusal, Errors(FieldOf(refusal), [.. allowed]));

    public static IResult UserNotFound(string id) => ApiProblem.Refused(T.NotFound("not-found.user", null, ("user", id)));

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
            return Refused(T.Conflict("user-exists.identity", null, (RequestField.Argument, "userName"), ("rules", duplicate.Description)));
        }
        if (errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return ApiProblem.Refused(ProblemTexts.Catalog.Conflict("concurrent-modification"));
        }
        var byField = errors.GroupBy(Field).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        var field = byField.Keys.FirstOrDefault();
        var code = field switch
        {
            "password" => "invalid-password",
            "userName" => "invalid-user-name",
            "email" => "invalid-email",
            _ => "invalid-user",
        };
        // Identity's descriptions are its own (in the language its describer speaks); they are passed on as they are.
        var refusal = T.Invalid(code, null, (RequestField.Argument, field), ("rules", string.Join(" ", errors.Select(e => e.Description))));
        return ApiProblem.Refused(refusal, new Dictionary<string, object?> { ["errors"] = byField });
    }

    private static string FieldOf(Refusal refusal) => refusal.Arguments?.GetValueOrDefault(RequestField.Argument) as string ?? "";

    private static Dictionary<string, object?> Errors(string field, string[] values) =>
        new() { ["errors"] = new Dictionary<string, string[]> { [field] = values } };

    private static string Field(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == nameof(IdentityErrorDescriber.UserAlreadyHasPassword) => "password",
        nameof(IdentityErrorDescriber.InvalidUserName) => "userName",
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.DuplicateEmail) => "email",
        _ => "user",
    };
}
