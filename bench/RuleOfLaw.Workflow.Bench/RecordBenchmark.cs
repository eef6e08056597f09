using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Record;
using RuleOfLaw.Workflow.Server.Record.Indicators;

namespace RuleOfLaw.Workflow.Bench;

/// <summary>
/// <c>--mode record</c> (issue 15): the dashboard's figures and the dossier export over 10,000 matters in 5 years
/// (<c>--matters</c>), on each provider. Seeds one government with five departments; every matter has a hash-chained
/// journal of the procedure's main steps (about 20 entries; steps skipped, done or missing in fixed proportions);
/// the exported matters also have three 200 KB documents. Measures, after one warm-up run each: the dashboard's
/// computation (<see cref="IndicatorService.ComputeAsync"/>, all indicators for one year, the page asks for two),
/// one drill-down, and <see cref="DossierExport.WriteAsync"/> then the offline verifier on the same ZIP.
/// The compliance report inside the export is the step lines only (the domain checks need the whole server).
/// </summary>
public static class RecordBenchmark
{
    private const string Organ = "bench-gov";
    private static readonly string[] Steps = ["public-participation", "expert-argumentation", "risk-assessment", "legal-counsel-opinion", "legality-review"];

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var workflows = WorkflowsOptions.Resolve(options.Workflows, AppContext.BaseDirectory);
        var temp = Path.Combine(Path.GetTempPath(), $"rolw-bench-record-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        var matters = options.RecordMatters;
        Console.WriteLine($"RuleOfLaw.Workflow record benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; {matters} matters over 2022-2026");
        Console.WriteLine($"load average at start: {BenchProgram.LoadAverage()} (other processes on these CPUs skew every figure)");
        try
        {
            foreach (var provider in options.Providers)
            {
                if (provider == "sqlite")
                {
                    var file = Path.Combine(temp, "record.db");
                    await RunOneAsync("sqlite", new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file};Pooling=True" }, workflows, temp, matters, ct);
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                }
                else
                {
                    var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
                    var database = $"rolw_bench_record_{Guid.NewGuid().ToString("N")[..12]}";
                    await BenchProgram.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"", ct);
                    try
                    {
                        var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database };
                        await RunOneAsync("postgresql", new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = target.ConnectionString }, workflows, temp, matters, ct);
                    }
                    finally
                    {
                        NpgsqlConnection.ClearAllPools();
                        await BenchProgram.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
                    }
                }
            }
            Console.WriteLine($"load average at end: {BenchProgram.LoadAverage()}");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"warning: could not delete {temp}: {e.Message}");
            }
        }
    }

    private static async Task RunOneAsync(string name, DatabaseOptions database, string workflows, string temp, int matters, CancellationToken ct)
    {
        Console.WriteLine($"== {name}");
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<WorkflowDbContext>(b => DatabaseRegistration.Configure(b, database, temp));
        services.AddSingleton<DefinitionRegistry>();
        var jurisdictions = new JurisdictionRegistry();
        jurisdictions.Load(workflows);
        services.AddSingleton(jurisdictions);
        services.AddSingleton(Options.Create(new WorkflowsOptions { Directory = workflows }));
        services.AddScoped<ComplianceReportService>();
        services.AddScoped<DossierExport>();
        services.AddScoped<IndicatorService>();
        services.AddScoped<IIndicatorProvider, MajorDecisionIndicatorProvider>();
        await using var provider = services.BuildServiceProvider();

        var seed = Stopwatch.StartNew();
        var exported = await SeedAsync(provider, workflows, matters, ct);
        Console.WriteLine(FormattableString.Invariant($"   seeded {matters} matters in {seed.Elapsed.TotalSeconds:F1} s"));

        var organName = "基准县人民政府";
        foreach (var department in new[] { "", "bench-dept-1" })
        {
            var times = new List<double>();
            for (var run = 0; run < 6; run++)
            {
                var year = 2022 + run % 5;
                await using var scope = provider.CreateAsyncScope();
                var service = scope.ServiceProvider.GetRequiredService<IndicatorService>();
                var (from, to) = IndicatorRules.YearBounds(year, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
                var watch = Stopwatch.StartNew();
                var report = await service.ComputeAsync(new IndicatorScope(Organ, department, year, from, to, 2), organName, null, ct);
                watch.Stop();
                if (run == 0)
                {
                    Console.WriteLine($"   {(department == "" ? "whole government" : department)} {year}: decided {report.Indicators.Single(i => i.Definition.Id == "matters-decided").Figure.Value}, " +
                        $"legality {SvgBarChart.Format(report.Indicators.Single(i => i.Definition.Id == "legality-review-rate").Figure.Percent)}");
                    continue; // warm-up
                }
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine(FormattableString.Invariant(
                $"   dashboard figures ({(department == "" ? "whole government" : "one department")}, one year): median {Median(times):F0} ms, max {times.Max():F0} ms (5 runs); the page computes two years"));
        }

        var drill = new List<double>();
        for (var run = 0; run < 4; run++)
        {
            await using var scope = provider.CreateAsyncScope();
            var indicators = scope.ServiceProvider.GetServices<IIndicatorProvider>().Single();
            var (from, to) = IndicatorRules.YearBounds(2026, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            var watch = Stopwatch.StartNew();
            var rows = await indicators.DrillDownAsync(new IndicatorScope(Organ, "", 2026, from, to, 2), "archiving-rate", ct);
            if (run > 0)
            {
                drill.Add(watch.Elapsed.TotalMilliseconds);
            }
            else
            {
                Console.WriteLine($"   drill-down archiving-rate 2026: {rows!.Count} matters, {rows.Count(r => r.Breaks)} breaking");
            }
        }
        Console.WriteLine(FormattableString.Invariant($"   drill-down (one figure, one year): median {Median(drill):F0} ms"));

        var exports = new List<double>();
        var verifies = new List<double>();
        foreach (var (matterId, index) in exported.Select((m, i) => (m, i)))
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var matter = await db.Matters.FindAsync([matterId], ct);
            using var zip = new MemoryStream();
            var watch = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<DossierExport>().WriteAsync(matter!, "bench", zip, ct);
            var exportMs = watch.Elapsed.TotalMilliseconds;
            zip.Position = 0;
            watch.Restart();
            var verdict = DossierVerifier.Verify(zip);
            var verifyMs = watch.Elapsed.TotalMilliseconds;
            if (!verdict.Valid)
            {
                throw new InvalidOperationException($"the exported dossier does not verify: {verdict}");
            }
            if (index > 0)
            {
                exports.Add(exportMs);
                verifies.Add(verifyMs);
            }
            else
            {
                Console.WriteLine(FormattableString.Invariant($"   dossier: {zip.Length / 1024} KB, {verdict.FilesChecked} files, {verdict.JournalEntriesChecked} journal entries"));
            }
        }
        Console.WriteLine(FormattableString.Invariant(
            $"   dossier export: median {Median(exports):F0} ms, max {exports.Max():F0} ms; offline verification: median {Median(verifies):F0} ms ({exports.Count} matters)"));
    }

    /// <summary>The government, five departments, the matters with their journals; returns the matters to export.</summary>
    private static async Task<List<Guid>> SeedAsync(ServiceProvider provider, string workflows, int matters, CancellationToken ct)
    {
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await DatabaseRegistration.MigrateAsync(db, ct);
            await provider.GetRequiredService<DefinitionRegistry>().InstallAsync(workflows, db, TimeProvider.System, ct);
            db.Organizations.Add(new Organization { Id = Organ, Name = "基准县人民政府", Kind = OrganizationKinds.Government });
            for (var d = 1; d <= 5; d++)
            {
                db.Organizations.Add(new Organization { Id = $"bench-dept-{d}", Name = $"基准县第{d}局", Kind = OrganizationKinds.Department, ParentId = Organ });
            }
            await db.SaveChangesAsync(ct);
        }
        var definitionVersion = provider.GetRequiredService<DefinitionRegistry>().Latest("major-administrative-decision")?.Version
            ?? throw new InvalidOperationException("major-administrative-decision is not installed from the workflows folder");
        var exported = new List<Guid>();
        var random = new Random(15);
        const int batch = 250;
        for (var start = 0; start < matters; start += batch)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            for (var i = start; i < Math.Min(matters, start + batch); i++)
            {
                var id = Guid.CreateVersion7();
                var year = 2022 + i % 5;
                var started = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 300 * 24 * 60));
                // Eleven matters get three 200 KB documents, each upload recorded in the journal as the server does
                // (DocumentVersionAdded with the version id and its SM3 digest), so the exported dossiers verify.
                var uploads = new List<(Guid DocumentId, Guid VersionId, byte[] Content, string Digest)>();
                if (i % 500 == 0 && exported.Count < 11)
                {
                    exported.Add(id);
                    for (var k = 0; k < 3; k++)
                    {
                        var content = new byte[200 * 1024];
                        random.NextBytes(content);
                        uploads.Add((Guid.CreateVersion7(), Guid.CreateVersion7(), content, RuleOfLaw.Workflow.Record.DocumentDigest.Compute("sm3", content)));
                    }
                }
                var journal = Journal(id, started, random, out var decided,
                    [.. uploads.Select(u => System.Text.Json.JsonSerializer.Serialize(new { documentId = u.DocumentId, versionId = u.VersionId, digestAlgorithm = "sm3", digest = u.Digest }))]);
                db.Matters.Add(new Matter
                {
                    Id = id, Number = $"{year}-{i:D5}", Title = $"基准事项{i}", DefinitionId = "major-administrative-decision", DecisionOrganId = Organ,
                    DraftingUnitId = $"bench-dept-{1 + i / 5 % 5}", AttributesJson = "{}", AssignmentsJson = "{}", CreatedBy = "bench", CreatedAt = started,
                });
                var state = new InstanceState
                {
                    Id = id, MatterId = id.ToString(), DefinitionId = "major-administrative-decision", DefinitionVersion = definitionVersion, StartedAt = started,
                    Status = InstanceStatus.Completed, JournalSequence = journal.Count, JournalHead = journal[^1].Hash,
                };
                db.Instances.Add(new InstanceRecord
                {
                    Id = id, MatterId = id, DefinitionId = "major-administrative-decision", DefinitionVersion = definitionVersion, Status = "completed",
                    StateJson = InstanceStateJson.Serialize(state), Version = 1, StartedAt = started, UpdatedAt = decided,
                });
                db.Journal.AddRange(journal.Select(e => new JournalRecord
                {
                    InstanceId = e.InstanceId, Sequence = e.Sequence, Type = e.Type, StepId = e.StepId, Iteration = e.Iteration, TaskId = e.TaskId, ActorId = e.ActorId,
                    ActorName = e.ActorName, OccurredAt = e.OccurredAt, Outcome = e.Outcome, Comment = e.Comment, DataJson = e.DataJson, PreviousHash = e.PreviousHash,
                    Hash = e.Hash, HashAlgorithm = e.HashAlgorithm,
                }));
                foreach (var (u, k) in uploads.Select((u, k) => (u, k)))
                {
                    db.Add(new MatterDocument { Id = u.DocumentId, MatterId = id, Kind = DocumentKinds.Supporting, Title = $"材料{k}", LatestVersion = 1, CreatedBy = "bench", CreatedAt = started });
                    db.Add(new DocumentVersion
                    {
                        Id = u.VersionId, DocumentId = u.DocumentId, Number = 1, FileName = $"m{k}.pdf", ContentType = "application/pdf", Length = u.Content.Length,
                        Digest = u.Digest, DigestAlgorithm = "sm3", Content = u.Content, UploadedBy = "bench", UploadedByName = "基准", UploadedAt = started,
                    });
                }
            }
            await db.SaveChangesAsync(ct);
        }
        return exported;
    }

    /// <summary>A hash-chained journal: start, each step skipped (40 %), done (58 %) or missing (2 %), the decision (90 % approved), archiving.</summary>
    private static List<JournalEntry> Journal(Guid id, DateTimeOffset started, Random random, out DateTimeOffset decided, IReadOnlyList<string> uploads)
    {
        var entries = new List<JournalEntry>();
        var at = started;
        void Add(string type, string? step, string? outcome, string data = "{}")
        {
            at = at.AddHours(random.Next(1, 72));
            var previous = entries.Count == 0 ? JournalHash.Genesis : entries[^1].Hash;
            var entry = new JournalEntry(id, entries.Count + 1, type, step, step is null ? null : 1, null, "bench", "基准", at, outcome, null, data, previous, "")
            {
                HashAlgorithm = JournalAlgorithms.Sm3,
            };
            entries.Add(entry with { Hash = JournalHash.Compute(entry) });
        }
        Add("InstanceStarted", null, null);
        foreach (var upload in uploads)
        {
            Add("DocumentVersionAdded", null, null, upload);
        }
        foreach (var step in Steps)
        {
            var roll = random.Next(100);
            if (roll < 40 && step is not "legality-review" and not "legal-counsel-opinion")
            {
                Add("StepSkipped", step, null);
                continue;
            }
            Add("TaskOpened", step, null);
            if (roll < 98)
            {
                Add("TaskCompleted", step, "done");
            }
        }
        Add("TaskOpened", "collective-decision", null);
        Add("TaskCompleted", "collective-decision", random.Next(100) < 90 ? "approved" : "not-approved");
        decided = at;
        Add("TaskOpened", "archiving", null);
        if (random.Next(100) < 95)
        {
            Add("TaskCompleted", "archiving", "archived");
        }
        return entries;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

}
