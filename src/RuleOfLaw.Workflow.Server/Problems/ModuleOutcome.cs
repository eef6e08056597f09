using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// What a module's application service answers (issue 12): the value with the status the API sends it with (201 for
/// a new record, 200 for a read or a replayed write), or the refusals (code, article, arguments, class; texts from the
/// module's catalog) with the problem's extra members. Handlers send it with <see cref="ModuleOutcomes.ToHttp{T}"/>;
/// pages put the refusals on their forms. No HTTP types: the same answer serves both.
/// </summary>
public sealed record ModuleOutcome<T>(T? Value, IReadOnlyList<Refusal> Refusals, int Status, IReadOnlyDictionary<string, object?>? Extensions = null)
    where T : class
{
    public bool Succeeded => Refusals.Count == 0;

    /// <summary>A retried request answered with the first one's answer (the API marks it <c>Idempotent-Replayed: true</c>).</summary>
    public bool Replayed { get; init; }

    /// <summary>The first refusal (it decides the status), or null on success.</summary>
    public Refusal? Refusal => Refusals.Count > 0 ? Refusals[0] : null;

    public static ModuleOutcome<T> Ok(T value) => new(value, [], StatusCodes.Status200OK);

    /// <summary>A new record (201), or the first answer of a replayed write (200).</summary>
    public static ModuleOutcome<T> Created(T value, bool replayed = false) => new(value, [], replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);

    public static ModuleOutcome<T> Refused(IReadOnlyList<Refusal> refusals, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(null, refusals, ApiProblem.StatusOf(refusals[0]), extensions);

    public static implicit operator ModuleOutcome<T>(Refusal refusal) => Refused([refusal]);

    /// <summary>The same refusal (or success status) for another value type.</summary>
    public ModuleOutcome<TOther> As<TOther>() where TOther : class =>
        Succeeded ? throw new InvalidOperationException("Only a refusal changes its value type.") : new(null, Refusals, Status, Extensions);
}

public static class ModuleOutcomes
{
    /// <summary>The API's answer: the value as JSON with its status, or the problem (texts in the reader's language, <see cref="ReaderLanguage"/>).</summary>
    public static IResult ToHttp<T>(this ModuleOutcome<T> outcome) where T : class =>
        !outcome.Succeeded ? ApiProblem.Refused(outcome.Refusals, outcome.Extensions?.ToDictionary(e => e.Key, e => e.Value))
        : outcome.Replayed ? new ReplayedJson(outcome.Value, outcome.Status)
        : Results.Json(outcome.Value, ApiJson.Options, statusCode: outcome.Status);

    /// <summary>The first answer again, marked as a replay: nothing was done again (a value and status result, so the API's filters read it).</summary>
    private sealed class ReplayedJson(object? body, int status) : IResult, IValueHttpResult, IStatusCodeHttpResult
    {
        public object? Value => body;

        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Json(body, ApiJson.Options, statusCode: status).ExecuteAsync(httpContext);
        }
    }
}
