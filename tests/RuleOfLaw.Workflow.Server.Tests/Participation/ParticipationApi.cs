using System.Net;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>Test helpers for the participation endpoints: a matter at public participation, publishing, commenting.</summary>
public static class ParticipationApi
{
    /// <summary>Started 2 March 2026 09:00 Beijing; 30 calendar days run to the end of Wednesday 1 April (16:00 UTC).</summary>
    public static readonly DateTimeOffset DefaultCloses = new(2026, 4, 1, 16, 0, 0, TimeSpan.Zero);

    /// <summary>A new matter with its initiation done, so the public-participation task is open.</summary>
    public static async Task<MatterView> AtParticipationAsync(ProcedureDriver driver, IReadOnlyDictionary<string, bool>? attributes = null)
    {
        var matter = await driver.CreateMatterAsync(attributes: attributes);
        await driver.StartAsync(matter.Id);
        await driver.CompleteAsync(matter.Id, "initiation", "draft-prepared");
        return matter;
    }

    public static object Draft(DateTimeOffset? closesAt = null, string? urgencyReason = null) => new
    {
        title = "关于调整城区停车收费标准的公告（征求意见稿）",
        draftText = "一、城区一类区域白天首小时收费调整为5元。",
        explanation = "起草说明：现行标准制定于2015年，停车资源供需矛盾突出。",
        documentVersionIds = new[] { Guid.Parse("00000000-0000-0000-0000-000000000001") },
        closesAt,
        urgencyReason,
    };

    public static async Task<HttpResponseMessage> PublishRawAsync(ProcedureDriver driver, Guid matterId, object body, string user = "drafter") =>
        await (await driver.As(user)).PostJsonAsync($"/api/matters/{matterId}/consultations", body);

    public static async Task<ConsultationView> PublishAsync(ProcedureDriver driver, Guid matterId, object? body = null)
    {
        using var response = await PublishRawAsync(driver, matterId, body ?? Draft());
        await response.ExpectAsync(HttpStatusCode.Created, driver.Server);
        return await response.ReadAsync<ConsultationView>();
    }

    public static Task<HttpResponseMessage> CommentRawAsync(HttpClient client, Guid consultationId, string text, string type = "anonymous",
        string? name = null, string? key = null) =>
        client.PostJsonAsync($"/api/public/consultations/{consultationId}/comments", new { submitterType = type, name, text }, key);

    public static async Task<CommentReceipt> CommentAsync(ServerFactory server, HttpClient client, Guid consultationId, string text,
        string type = "anonymous", string? name = null, string? key = null)
    {
        using var response = await CommentRawAsync(client, consultationId, text, type, name, key);
        await response.ExpectAsync(HttpStatusCode.Created, server);
        return await response.ReadAsync<CommentReceipt>();
    }

    public static async Task<T> PostAsync<T>(ProcedureDriver driver, string url, object body, HttpStatusCode expected = HttpStatusCode.OK, string user = "drafter")
    {
        var client = await driver.As(user);
        using var response = await client.PostJsonAsync(url, body);
        await response.ExpectAsync(expected, driver.Server);
        return await response.ReadAsync<T>();
    }

    public static async Task<ProblemBody> ProblemAsync(ProcedureDriver driver, string url, object body, HttpStatusCode expected, string user = "drafter")
    {
        var client = await driver.As(user);
        using var response = await client.PostJsonAsync(url, body);
        return await response.ReadProblemAsync(expected);
    }

    public static async Task<T> GetAsync<T>(ProcedureDriver driver, string url, string user = "drafter")
    {
        var client = await driver.As(user);
        using var response = await client.GetAsync(url);
        await response.ExpectAsync(HttpStatusCode.OK, driver.Server);
        return await response.ReadAsync<T>();
    }
}
