using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>A consultation as the public portal lists it; times are shown in <paramref name="TimeZone"/> (the jurisdiction's IANA id) (the participation module owns the data and the pages behind the link).</summary>
/// <remarks><paramref name="ProvisionalYear"/>: the end waits for that year's holiday calendar; ClosesAt is "at least until".</remarks>
public sealed record PublicConsultationItem(string Title, string Organ, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Open, string Url, string TimeZone,
    int? ProvisionalYear = null);

/// <summary>A published decision as the portal lists it, with the link to its page (text, how opinions were used).</summary>
public sealed record PublicDecisionItem(string Number, string Title, string Organ, DateTimeOffset PublishedAt, string Url, string TimeZone);

/// <summary>
/// Where the portal's consultation list comes from. The participation module replaces the empty default with
/// <c>services.Replace(ServiceDescriptor.Scoped&lt;IPublicConsultations, X&gt;())</c>; the pages are output-cached, so
/// an implementation is asked at most once a minute per language and query, however many people read.
/// </summary>
public interface IPublicConsultations
{
    Task<IReadOnlyList<PublicConsultationItem>> ListAsync(bool open, CancellationToken cancellationToken);
}

/// <summary>Where the portal's list of published decisions (art. 32) comes from; see <see cref="IPublicConsultations"/>.</summary>
public interface IPublicDecisions
{
    Task<IReadOnlyList<PublicDecisionItem>> ListAsync(CancellationToken cancellationToken);
}

internal sealed class NoPublicConsultations : IPublicConsultations
{
    public Task<IReadOnlyList<PublicConsultationItem>> ListAsync(bool open, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PublicConsultationItem>>([]);
}

internal sealed class NoPublicDecisions : IPublicDecisions
{
    public Task<IReadOnlyList<PublicDecisionItem>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PublicDecisionItem>>([]);
}

public static class PublicPortalRegistration
{
    public static IServiceCollection AddPublicPortalDefaults(this IServiceCollection services)
    {
        services.TryAddScoped<IPublicConsultations, NoPublicConsultations>();
        services.TryAddScoped<IPublicDecisions, NoPublicDecisions>();
        return services;
    }
}
