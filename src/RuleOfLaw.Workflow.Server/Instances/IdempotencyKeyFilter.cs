using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>Refuses an over-long <c>Idempotency-Key</c> on every API endpoint before it reaches a handler or the key column.</summary>
public sealed class IdempotencyKeyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.Request.Headers[IdempotencyKey.Header].ToString();
        return key.Length > IdempotencyKey.MaxClientKeyLength
            ? ValueTask.FromResult<object?>(ApiProblem.Refused(
                ProblemTexts.Catalog.Invalid("invalid-idempotency-key", null, ("max", IdempotencyKey.MaxClientKeyLength))))
            : next(context);
    }
}
