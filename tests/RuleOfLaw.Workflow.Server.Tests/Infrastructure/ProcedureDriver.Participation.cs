using System.Net;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>Public participation (arts. 14-18) in the least eventful lawful way: a forum (座谈会) held today.</summary>
public sealed partial class ProcedureDriver
{
    /// <summary>Records a forum as the participation method (art. 14), which is all the guard needs without a consultation.</summary>
    public async Task RecordForumAsync(Guid instanceId)
    {
        var client = await As("drafter");
        using var response = await client.PostJsonAsync($"/api/matters/{instanceId}/participation/activities", new
        {
            method = "forum",
            heldOn = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime.AddHours(8)),
            summary = "召开座谈会听取居民代表意见。",
            participantCount = 12,
        });
        await response.ExpectAsync(HttpStatusCode.Created, server);
    }

    /// <summary>Records the consultation with the affected group (art. 14, second paragraph).</summary>
    public async Task RecordGroupConsultationAsync(Guid instanceId)
    {
        var client = await As("drafter");
        using var response = await client.PostJsonAsync($"/api/matters/{instanceId}/participation/activities", new
        {
            method = "forum",
            heldOn = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime.AddHours(8)),
            summary = "与受影响群体代表座谈。",
            specificGroup = true,
            groupName = "城区个体工商户代表",
        });
        await response.ExpectAsync(HttpStatusCode.Created, server);
    }
}
