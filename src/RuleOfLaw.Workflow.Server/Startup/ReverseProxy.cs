using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Startup;

/// <summary>
/// <c>ReverseProxy:*</c> (issue 16 item 1): the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed. <b>Nothing is trusted by default</b>, not even the loopback address: a header from any other address is
/// ignored, so a client cannot choose its own rate-limit bucket or pretend its request came over HTTPS.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of the proxies in front of the server, e.g. <c>["10.0.0.5"]</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR form, e.g. <c>["10.0.0.0/24"]</c> (a load-balancer pool).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are stepped back through (default 1: one proxy in front).</summary>
    public int ForwardLimit { get; set; } = 1;
}

public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReverseProxyOptions>().Bind(configuration.GetSection(ReverseProxyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>();
        // PostConfigure: runs after the framework's own setup (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true clears the lists
        // and so trusts every client); the lists are always exactly the configured ones.
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<ReverseProxyOptions>>((o, proxy) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list is still consulted by the middleware; it must be empty too
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var address in proxy.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(address.Trim()));
            }
            foreach (var network in proxy.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
            o.ForwardLimit = proxy.Value.ForwardLimit;
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it (rate limits, cookies, HSTS, logs) sees the real client and scheme.</summary>
    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app) => app.UseForwardedHeaders();
}

internal sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        var problems = options.KnownProxies.Where(a => !IPAddress.TryParse(a?.Trim(), out _))
            .Select(a => $"ReverseProxy:KnownProxies: \"{a}\" is not an IP address")
            .Concat(options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n?.Trim(), out _))
                .Select(n => $"ReverseProxy:KnownNetworks: \"{n}\" is not a network in CIDR form (e.g. 10.0.0.0/24)"))
            .ToList();
        if (options.ForwardLimit is < 1 or > 10)
        {
            problems.Add("ReverseProxy:ForwardLimit must be between 1 and 10");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
