using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>What executing a command produced: a stored response (new or replayed) or refusals.</summary>
public sealed record CommandResult(int StatusCode, string? ResponseJson, bool Replayed, IReadOnlyList<Refusal> Refusals)
{
    public static CommandResult Refused(params Refusal[] refusals) => new(0, null, false, refusals);

    public IResult ToHttp(Func<IReadOnlyList<Refusal>, IResult> refused)
    {
        if (Refusals.Count > 0)
        {
            return refused(Refusals);
        }
        return new StoredJsonResult(StatusCode, ResponseJson!, Replayed);
    }

    /// <summary>The stored answer as JSON text, sent as it was stored (a replay sends the first answer again).</summary>
    internal sealed class StoredJsonResult(int statusCode, string json, bool replayed) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => statusCode;

        public string Json => json;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            if (replayed)
            {
                // A retried request: this is the answer the first one got; nothing was done again.
                httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            }
            return httpContext.Response.WriteAsync(json, httpContext.RequestAborted);
        }
    }
}
