using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// The one place unexpected failures become ProblemDetails: malformed requests are the client's (400/413 with
/// what was wrong), a lost concurrency race is a 409 to retry, anything else a 500 without internals.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "request-too-large" : "invalid-request",
                "请求格式错误 / Malformed request", bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message),
            DbUpdateException => (StatusCodes.Status409Conflict, "concurrent-modification", "并发冲突 / Concurrent change",
                "该事项同时被其他请求修改，请重试。Another request changed this at the same time; please retry."),
            _ => (StatusCodes.Status500InternalServerError, "internal-error", "服务器内部错误 / Internal error",
                "请求未能完成，未保存任何更改。The request failed and nothing was saved."),
        };
        if (status >= 500)
        {
            LogUnexpected(logger, exception, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://rule-of-law.example/problems/{code}" };
        problem.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure on {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
