using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>Comments sent at the same moment: distinct receipts, and one comment per Idempotency-Key however many twins race.</summary>
public sealed class ConcurrentCommentTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Concurrent_comments_get_distinct_receipts_and_concurrent_twins_of_one_key_write_one_comment(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: s => s.Settings["Participation:PublicComments:PermitLimit"] = "1000");
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var anonymous = server.CreateAnonymousClient();

        var distinct = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => CommentRawAsync(anonymous, consultation.Id, $"第{i}条意见")));
        var receipts = new List<string>();
        foreach (var response in distinct)
        {
            using (response)
            {
                await response.ExpectAsync(HttpStatusCode.Created, server);
                receipts.Add((await response.ReadAsync<CommentReceipt>()).ReceiptNumber);
            }
        }
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"{matter.Number}-C{i:D6}"), receipts.Order());

        var twins = await Task.WhenAll(Enumerable.Range(1, 6).Select(_ => CommentRawAsync(anonymous, consultation.Id, "同一条意见", key: "twin-key")));
        var twinReceipts = new List<string>();
        foreach (var response in twins)
        {
            using (response)
            {
                await response.ExpectAsync(HttpStatusCode.Created, server);
                twinReceipts.Add((await response.ReadAsync<CommentReceipt>()).ReceiptNumber);
            }
        }
        Assert.Single(twinReceipts.Distinct());
        Assert.Single(twins, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(9, await server.WithDatabaseAsync(db => Task.FromResult(db.Set<ConsultationComment>().Count(c => c.ConsultationId == consultation.Id))));
    }
}
