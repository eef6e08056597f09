using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>“三统一” numbers are sequential per entity and year, never reused and never skipped, under concurrent registrations.</summary>
public sealed class RegistrationConcurrencyTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Twenty_concurrent_registrations_get_twenty_consecutive_numbers(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuerId = await api.ListBureauAsync();
        // Twenty signed documents (the steps before signature are covered by the lifecycle test).
        var ids = Enumerable.Range(1, 21).Select(_ => Guid.NewGuid()).ToList();
        await server.WithDatabaseAsync(async db =>
        {
            foreach (var (id, n) in ids.Select((id, i) => (id, i + 1)))
            {
                db.Set<NormativeDocument>().Add(new NormativeDocument
                {
                    Id = id, IssuerId = issuerId, GovernmentId = NormativeApi.Government, Kind = NormativeDocumentKinds.Department, Title = $"规范性文件{n}",
                    ValidityYears = 5, LegalBases = "《政府投资条例》", Status = NormativeStatuses.Signed, ReviewConclusion = ReviewConclusions.Lawful,
                    CreatedAt = server.Clock.GetUtcNow(), CreatedBy = "test",
                });
            }
            return await db.SaveChangesAsync();
        });
        var reviewer = await driver.As("reviewer");

        var responses = await Task.WhenAll(ids.Take(20).Select(id => reviewer.PostJsonAsync($"/api/normative-documents/{id}/registration", null)));
        var numbers = new List<(int Sequence, string Registration, string Document)>();
        foreach (var response in responses)
        {
            var body = await (await response.ExpectAsync(HttpStatusCode.OK, server)).ReadAsync<JsonElement>();
            numbers.Add((body.GetProperty("registrationSequence").GetInt32(), body.GetProperty("registrationNumber").GetString()!, body.GetProperty("documentNumber").GetString()!));
        }
        Assert.Equal(Enumerable.Range(1, 20), numbers.Select(n => n.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"XFGGS—2026—{n}").Order(StringComparer.Ordinal), numbers.Select(n => n.Registration).Order(StringComparer.Ordinal));
        Assert.Equal(20, numbers.Select(n => n.Document).Distinct().Count());

        // A refused registration (the same document again) takes no number: the next one is 21, not 22.
        var again = await reviewer.PostJsonAsync($"/api/normative-documents/{ids[0]}/registration", null).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("normative-wrong-stage", again.Code);
        var next = await reviewer.PostJsonAsync($"/api/normative-documents/{ids[20]}/registration", null).ExpectAsync<JsonElement>(HttpStatusCode.OK, server);
        Assert.Equal("示发改规〔2026〕21号", next.GetProperty("documentNumber").GetString());
        var stored = await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().Where(d => d.RegistrationSequence != null).Select(d => d.RegistrationSequence!.Value).ToListAsync());
        Assert.True(NumberingRules.IsGapFree(stored));
    }

    /// <summary>
    /// On the procedure the numbers are taken in the engine command's transaction that completes the registration
    /// step: twenty documents registered at once still get 1..20, each with its step completed once and its journal
    /// entry naming the numbers it got.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Twenty_concurrent_registrations_on_the_procedure_get_twenty_consecutive_numbers_and_steps(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuerId = await api.ListBureauAsync();
        var ids = new List<Guid>();
        for (var n = 1; n <= 20; n++)
        {
            ids.Add(await api.DraftAsync(issuerId, $"规范性文件{n}"));
        }
        foreach (var id in ids)
        {
            await api.SubmitForReviewAsync(id);
        }
        driver.MoveClockTo(new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero));
        foreach (var id in ids)
        {
            await api.PostAsync("reviewer", $"/api/normative-documents/{id}/review-opinion", NormativeApi.Checklist());
            await api.DeliberateAtOfficeMeetingAsync(id);
            await api.PostAsync("drafthead", $"/api/normative-documents/{id}/signature", null);
        }
        var reviewer = await driver.As("reviewer");

        var responses = await Task.WhenAll(ids.Select(id => reviewer.PostJsonAsync($"/api/normative-documents/{id}/registration", null)));
        var registered = new Dictionary<Guid, JsonElement>();
        foreach (var (id, response) in ids.Zip(responses))
        {
            registered[id] = await (await response.ExpectAsync(HttpStatusCode.OK, server)).ReadAsync<JsonElement>();
        }
        Assert.Equal(Enumerable.Range(1, 20), registered.Values.Select(d => d.GetProperty("registrationSequence").GetInt32()).Order());
        foreach (var id in ids)
        {
            var journal = await driver.JournalAsync(id);
            var entry = Assert.Single(journal, e => e.Type == "TaskCompleted" && e.StepId == NormativeSteps.Registration);
            // The step's journal entry names the numbers the document got (三统一), even when a concurrent registration
            // of the entity took the number it first expected.
            using var data = JsonDocument.Parse(entry.DataJson);
            var document = registered[id];
            Assert.Equal(
                (document.GetProperty("registrationNumber").GetString(), document.GetProperty("documentNumber").GetString(), document.GetProperty("registrationSequence").GetInt32()),
                (data.RootElement.GetProperty("registrationNumber").GetString(), data.RootElement.GetProperty("documentNumber").GetString(), data.RootElement.GetProperty("sequence").GetInt32()));
            Assert.Equal($"{document.GetProperty("registrationNumber").GetString()} {document.GetProperty("documentNumber").GetString()}", entry.Comment);
            Assert.Equal(NormativeSteps.Publication, (await driver.OpenTaskAsync(id, NormativeSteps.Publication)).StepId);
            Assert.True((await driver.VerifyJournalAsync(id)).Valid);
        }
    }
}
