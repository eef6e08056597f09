using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// The one place unexpected failures become ProblemDetails: malformed requests are the client's (400/413 with
/// what was wrong); a lost concurrency race (and only that: <see cref="DatabaseFailure.IsConflict"/>) is a 409 to
/// retry; a value the database cannot hold is a 422 naming why; anything else a 500 without internals. Every database
/// failure is logged with the request's ids (trace id, method, path, user); the problem carries the trace id, so a
/// report from a client can be found in the log.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The W3C trace id as the framework writes it into its own problems (traceparent form).
        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        var request = httpContext.Request;
        var user = httpContext.User.Identity?.Name ?? "anonymous";
        // Outside the endpoint's flow: the reader's language is read from the request again (see ReaderLanguage).
        var culture = ReaderLanguage.Of(httpContext);
        string Text(string key) => ProblemTexts.Catalog.Text(key, culture);
        var (status, code, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "request-too-large" : "invalid-request",
                Text("title-malformed"), bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message),
            _ when DatabaseFailure.IsConflict(exception) => (StatusCodes.Status409Conflict, "concurrent-modification", Text("title-concurrent"),
                Text("concurrent-modification")),
            _ when DatabaseFailure.InvalidValueCode(exception) is { } invalid => (StatusCodes.Status422UnprocessableEntity, invalid, Text("title-invalid"),
                Text(invalid == "value-too-long" ? "value-too-long" : "invalid-characters")),
            _ => (StatusCodes.Status500InternalServerError, "internal-error", Text("title-internal"), Text("internal-error")),
        };
        if (status == StatusCodes.Status409Conflict)
        {
            // Expected under load: what lost, without a stack trace.
            LogConflict(logger, request.Method, request.Path, user, traceId, DatabaseFailure.Describe(exception));
        }
        else if (status >= 500 || code is "value-too-long" or "invalid-characters")
        {
            LogFailure(logger, exception, status, request.Method, request.Path, user, traceId);
        }
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://rule-of-law.example/problems/{code}" };
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = traceId;
        // A body that is not the JSON the endpoint reads (a wrong type, invalid UTF-16/UTF-8): name the field, as the input rules do.
        if (exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: { } path } json })
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
            problem.Extensions["field"] = field;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [json.Message] };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Concurrent change on {Method} {Path} by {User} (trace {TraceId}), answered 409 to retry: {Reason}")]
    private static partial void LogConflict(ILogger logger, string method, string path, string user, string traceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed with {Status} on {Method} {Path} by {User} (trace {TraceId})")]
    private static partial void LogFailure(ILogger logger, Exception exception, int status, string method, string path, string user, string traceId);
}
