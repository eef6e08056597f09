using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// Frees a disposed test server (issue 17 item 8). ASP.NET Core's rate-limiting middleware (<c>UseRateLimiter</c>, in
/// the server's pipeline twice) creates partitioned limiters that run a periodic timer and are never disposed
/// (dotnet/aspnetcore#66434, #69061, #69259): the process-wide timer queue then holds the limiter, the middleware, the
/// whole pipeline and the server's services after the server is disposed. One server per process in production loses
/// nothing; a test process that starts hundreds kept every one of them (about 10 MB each, 7 GB by the end of the suite,
/// each with its timers still ticking). The test server records its pipeline when it is built
/// (<see cref="CapturingBuilderFactory"/>); when the server is disposed, the limiters found in that pipeline are disposed
/// too, which stops their timers. <see cref="ServerCensus"/> checks that disposed servers are freed.
/// </summary>
internal sealed class RateLimiterRelease
{
    private const string MiddlewareType = "Microsoft.AspNetCore.RateLimiting.RateLimitingMiddleware";

    private RequestDelegate? _pipeline;

    /// <summary>The limiters held by the rate-limiting middlewares of the recorded pipeline.</summary>
    public IReadOnlyList<PartitionedRateLimiter<HttpContext>> Limiters()
    {
        if (_pipeline is null)
        {
            return [];
        }
        return Pipeline(_pipeline)
            .Where(o => o.GetType().FullName == MiddlewareType)
            .SelectMany(m => Fields(m.GetType()).Select(f => f.GetValue(m)).OfType<PartitionedRateLimiter<HttpContext>>())
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// The middleware objects of a pipeline: each middleware holds the next one as a delegate (<c>_next</c>), directly
    /// or through a compiler-made closure. Only delegates, closures and objects holding a <see cref="RequestDelegate"/>
    /// are followed, so the walk stays in the pipeline and never wanders into the services.
    /// </summary>
    private static IEnumerable<object> Pipeline(RequestDelegate root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<object>([root]);
        while (queue.TryDequeue(out var item))
        {
            if (!seen.Add(item))
            {
                continue;
            }
            yield return item;
            if (item is Delegate handler)
            {
                foreach (var single in handler.GetInvocationList())
                {
                    if (single.Target is { } target)
                    {
                        queue.Enqueue(target);
                    }
                }
                continue;
            }
            foreach (var field in Fields(item.GetType()))
            {
                if (field.GetValue(item) is { } value && (value is Delegate || IsClosure(value.GetType()) || HoldsNext(value.GetType())))
                {
                    queue.Enqueue(value);
                }
            }
        }
    }

    private static bool IsClosure(Type type) => type.Name.Contains('<', StringComparison.Ordinal);

    private static bool HoldsNext(Type type) => Fields(type).Any(f => f.FieldType == typeof(RequestDelegate));

    private static IEnumerable<FieldInfo> Fields(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsValueType && !field.FieldType.IsPointer)
                {
                    yield return field;
                }
            }
        }
    }

    /// <summary>The host's application builder factory, recording the pipeline it builds.</summary>
    internal sealed class CapturingBuilderFactory(IServiceProvider services, RateLimiterRelease release) : IApplicationBuilderFactory
    {
        public IApplicationBuilder CreateBuilder(IFeatureCollection serverFeatures) => new Capturing(new ApplicationBuilder(services, serverFeatures), release);
    }

    private sealed class Capturing(IApplicationBuilder inner, RateLimiterRelease release) : IApplicationBuilder
    {
        public IServiceProvider ApplicationServices { get => inner.ApplicationServices; set => inner.ApplicationServices = value; }

        public IFeatureCollection ServerFeatures => inner.ServerFeatures;

        public IDictionary<string, object?> Properties => inner.Properties;

        public IApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware)
        {
            inner.Use(middleware);
            return this;
        }

        public IApplicationBuilder New() => inner.New();

        public RequestDelegate Build() => release._pipeline = inner.Build();
    }
}
