using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// A query or route value that is not of its parameter's type (<c>/api/matters?page=abc</c>) is a 400
/// <c>invalid-request</c> naming the parameter, like every other malformed request (<see cref="ApiExceptionHandler"/>).
/// The endpoints' request delegates are generated at build time (EnableRequestDelegateGenerator in the project file);
/// for an optional parameter with a default value the generated code only sets the status to 400 and runs the
/// filters, where the runtime factory threw <see cref="BadHttpRequestException"/> under
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c>. This filter, the API group's outermost, throws it instead, so the
/// answer does not depend on how the delegate was made.
/// </summary>
internal sealed class UnreadableValueFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Nothing before the filters sets a status but a binding failure: the handler has not run yet.
        if (http.Response.StatusCode != StatusCodes.Status400BadRequest || http.Response.HasStarted)
        {
            return next(context);
        }
        throw new BadHttpRequestException(Describe(http));
    }

    /// <summary>The runtime factory's message for the first parameter whose value does not parse.</summary>
    private static string Describe(HttpContext http)
    {
        foreach (var parameter in http.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            if (!parameter.HasTryParse)
            {
                continue;
            }
            string? raw = http.Request.RouteValues.TryGetValue(parameter.Name, out var route) ? route?.ToString() : http.Request.Query[parameter.Name];
            var type = parameter.ParameterInfo.ParameterType;
            if (!string.IsNullOrEmpty(raw) && !Parses(Nullable.GetUnderlyingType(type) ?? type, raw))
            {
                return $"Failed to bind parameter \"{Name(type)} {parameter.Name}\" from \"{raw}\".";
            }
        }
        return "A query or route value could not be read as its parameter's type.";
    }

    private static bool Parses(Type type, string raw)
    {
        var tryParse = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (tryParse is not null)
        {
            return (bool)tryParse.Invoke(null, [raw, CultureInfo.InvariantCulture, null])!;
        }
        tryParse = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        return tryParse is null || (bool)tryParse.Invoke(null, [raw, null])!;
    }

    private static string Name(Type type) => Nullable.GetUnderlyingType(type) is { } inner ? Name(inner) + "?" : Type.GetTypeCode(type) switch
    {
        TypeCode.Int32 => "int",
        TypeCode.Int64 => "long",
        TypeCode.Boolean => "bool",
        TypeCode.Decimal => "decimal",
        _ => type.Name,
    };
}
