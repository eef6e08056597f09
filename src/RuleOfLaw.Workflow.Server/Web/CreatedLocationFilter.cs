using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>
/// Every create answers 201 with a <c>Location</c> (RFC 9110 §15.3.2). Handlers that know their resource's address say
/// it (<c>Results.Created</c>); for the others this filter, on every API endpoint, points at the nearest resource a GET
/// answers: <c>{path}/{id}</c> when the answer has an <c>id</c> and that is a route, else the path itself (the list
/// the new row appears in), else its nearest parent (the meeting an agenda item was added to). It only ever names an
/// address some GET route matches, so a client that follows it is never sent to a 404 by construction.
/// </summary>
public sealed class CreatedLocationFilter(EndpointDataSource endpoints) : IEndpointFilter
{
    private string[][]? _getTemplates;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created } || HasOwnLocation(result))
        {
            return result;
        }
        var http = context.HttpContext;
        if (Locate(http.Request.Path.Value ?? "/", IdOf(result)) is { } location)
        {
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode == StatusCodes.Status201Created && !http.Response.Headers.ContainsKey("Location"))
                {
                    http.Response.Headers.Location = location;
                }
                return Task.CompletedTask;
            });
        }
        return result;
    }

    /// <summary>The address for a created resource answered at <paramref name="path"/> with body id <paramref name="id"/>.</summary>
    public string? Locate(string path, string? id)
    {
        path = path.TrimEnd('/');
        if (id is not null && Matches(path + "/" + Uri.EscapeDataString(id)))
        {
            return path + "/" + Uri.EscapeDataString(id);
        }
        for (var candidate = path; candidate.LastIndexOf('/') > 0; candidate = candidate[..candidate.LastIndexOf('/')])
        {
            if (Matches(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static bool HasOwnLocation(object result) =>
        result.GetType().GetProperty("Location")?.GetValue(result) is string { Length: > 0 };

    private static string? IdOf(object result)
    {
        try
        {
            var json = result switch
            {
                CommandResult.StoredJsonResult stored => stored.Json,
                IValueHttpResult { Value: { } value } => JsonSerializer.Serialize(value, value.GetType(), ApiJson.Options),
                _ => null,
            };
            if (json is null)
            {
                return null;
            }
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? id.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool Matches(string path)
    {
        _getTemplates ??= endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .Select(e => ("/" + (e.RoutePattern.RawText ?? "").Trim('/')).Split('/'))
            .ToArray();
        var segments = path.Split('/');
        return _getTemplates.Any(t => t.Length == segments.Length && t.Zip(segments).All(p =>
            p.First.StartsWith('{') && p.First.EndsWith('}') && !p.First.Contains('*') ? p.Second.Length > 0
            : string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase)));
    }
}
