using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>Matters are numbered per local year (2026-0001, 2026-0002, …); the number is unique and never blocks creation.</summary>
public sealed class MatterNumberingTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Matters_are_numbered_in_turn(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        Assert.Equal("2026-0001", (await driver.CreateMatterAsync("第一件")).Number);
        Assert.Equal("2026-0002", (await driver.CreateMatterAsync("第二件")).Number);
        Assert.Equal("2026-0003", (await driver.CreateMatterAsync("第三件", user: "drafthead")).Number);
    }

    /// <summary>
    /// Gaps appear whenever two matters are created at the same moment (the loser of the unique-number race draws
    /// again; see ConcurrencyTests). Numbering must go on after any number of gaps; it used to count the year's
    /// matters and try the next five numbers above the count, so five gaps made every later creation fail.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Gaps_in_the_sequence_do_not_block_new_matters(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var existing = new[] { 1, 3, 5, 7, 9, 11, 12, 13, 14, 15 }.Select(n => $"2026-{n:D4}").ToList();
        await server.WithDatabaseAsync(db =>
        {
            db.Matters.AddRange(existing.Select(number => new Matter
            {
                Id = Guid.NewGuid(), Number = number, Title = $"既有事项 {number}", DefinitionId = "major-administrative-decision",
                DecisionOrganId = "demo-county", DraftingUnitId = "demo-county-drc", AttributesJson = "{}", AssignmentsJson = "{}",
                CreatedBy = "seed", CreatedAt = server.Clock.GetUtcNow(),
            }));
            return db.SaveChangesAsync();
        });

        var created = new List<MatterView>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await driver.CreateMatterAsync($"新事项 {i}"));
        }

        var numbers = created.Select(m => m.Number).ToList();
        Assert.Equal(3, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.DoesNotContain(n, existing));
        Assert.All(numbers, n => Assert.True(string.CompareOrdinal(n, existing[^1]) > 0, $"{n} is not after {existing[^1]}"));
        Assert.Equal(existing.Count + 3, await server.WithDatabaseAsync(db => db.Matters.CountAsync()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_year_is_the_local_year_of_creation(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        Assert.Equal("2026-0001", (await driver.CreateMatterAsync("年底事项")).Number);

        // 17:00 UTC on 31 December is 01:00 on 1 January in Beijing: a new year, a new sequence.
        driver.MoveClockTo(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal("2027-0001", (await driver.CreateMatterAsync("新年第一件")).Number);
        Assert.Equal("2027-0002", (await driver.CreateMatterAsync("新年第二件")).Number);
    }
}
