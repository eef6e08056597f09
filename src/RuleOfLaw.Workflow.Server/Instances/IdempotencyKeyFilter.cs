using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>Refuses an over-long <c>Idempotency-Key</c> on every API endpoint before it reaches a handler or the key column.</summary>
public sealed class IdempotencyKeyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.Request.Headers[IdempotencyKey.Header].ToString();
        return key.Length > IdempotencyKey.MaxClientKeyLength
            ? ValueTask.FromResult<object?>(ApiProblem.Validation("invalid-idempotency-key",
                $"Idempotency-Key 最长{IdempotencyKey.MaxClientKeyLength}个字符。The key may have at most {IdempotencyKey.MaxClientKeyLength} characters."))
            : next(context);
    }
}
