using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Stored data that no longer reads is a failure (500, logged), never "nothing recorded" or "not installed"
/// (issue 19): a corrupt row must not quietly change what the procedure allows.
/// </summary>
public sealed class CorruptDataTests
{
    [Fact]
    public void Stored_json_that_does_not_parse_throws_while_json_of_another_shape_is_just_not_a_package()
    {
        Assert.Throws<InvalidDataException>(() => ModuleWrites.DataProperty("{\"missing\": [", "missing"));
        Assert.Null(ModuleWrites.DataProperty("{\"other\": 1}", "missing"));
        Assert.Null(ModuleWrites.DataProperty(null, "missing"));
        Assert.Throws<InvalidDataException>(() => LegalitySubmissionPackage.Parse("{\"draftReference\": "));
        Assert.Null(LegalitySubmissionPackage.Parse("{\"note\": \"form data, not a package\"}"));
        Assert.Null(LegalitySubmissionPackage.Parse(null));
        Assert.Throws<InvalidDataException>(() => LegalitySubmissionPackage.ParseAssembled("{\"note\": \"not a package\"}", 7));
        Assert.Throws<InvalidDataException>(() => LegalitySubmissionPackage.ParseAssembled(null, 7));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_stored_definition_that_no_longer_parses_is_a_500_and_a_version_never_stored_is_a_404(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var client = await server.SignInAsync("drafter");
        await server.WithDatabaseAsync(async db =>
        {
            db.Definitions.Add(new StoredDefinition
            {
                DefinitionId = "major-administrative-decision", Version = 99, Title = "损坏的定义", Json = "{\"id\": \"major-administrative-decision\", \"steps\": [",
                ContentHash = "0", InstalledAt = server.Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });

        var corrupt = await client.GetAsync("/api/definitions/major-administrative-decision?version=99").ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("internal-error", corrupt.Code);
        Assert.Contains(server.ServerLog, l => l.StartsWith("Error RuleOfLaw.Workflow.Server.Problems.ApiExceptionHandler", StringComparison.Ordinal)
            && l.Contains("GET /api/definitions/major-administrative-decision", StringComparison.Ordinal));
        var absent = await client.GetAsync("/api/definitions/major-administrative-decision?version=98").ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not-found", absent.Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_corrupt_assembled_package_fails_the_submission_instead_of_reading_as_none_assembled(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        await driver.SatisfyGuardAsync(instance.Id, "legality-submission", "submitted");
        await server.WithDatabaseAsync(async db =>
        {
            var entry = await db.Journal.SingleAsync(j => j.InstanceId == instance.Id && j.Type == LegalityEndpoints.PackageAssembled);
            entry.DataJson = "{\"draftReference\": \"决策草案（送审稿）v1\"";
            return await db.SaveChangesAsync();
        });
        var task = await driver.OpenTaskAsync(instance.Id, "legality-submission");
        await driver.As("drafthead");

        var before = await DatabaseSnapshot.TakeAsync(server);
        var problem = await driver.CompleteRawAsync("drafthead", task.Id, "submitted").ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("internal-error", problem.Code);
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the submission over a corrupt package");
        Assert.Contains(server.ServerLog, l => l.Contains("LegalityPackageAssembled", StringComparison.Ordinal) || l.Contains("not valid JSON", StringComparison.Ordinal));
    }
}
