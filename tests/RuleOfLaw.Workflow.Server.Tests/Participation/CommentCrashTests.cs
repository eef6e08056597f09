using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>
/// A server killed (SIGKILL) in the middle of a stream of concurrent public comments (issue 21): every receipt it
/// handed out is in the database, the stored receipt numbers have no gap, and after a restart the numbering goes on
/// from the last stored one. Comments are written in batches (<see cref="CommentBatches"/>): a receipt is answered only
/// after its batch committed, and a batch cut off by the kill leaves nothing behind.
/// </summary>
public sealed class CommentCrashTests
{
    private const int Clients = 16;
    private const int ReceiptsBeforeKill = 300;

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_receipt_handed_out_before_a_kill_is_stored_and_the_numbers_have_no_gap(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid consultationId;
        string matterNumber;
        await using (var setup = new ServerFactory(database))
        {
            setup.Settings["Scheduling:Enabled"] = "false";
            setup.StartServer();
            using var driver = new ProcedureDriver(setup);
            var matter = await AtParticipationAsync(driver);
            var consultation = await PublishAsync(driver, matter.Id);
            (consultationId, matterNumber) = (consultation.Id, matter.Number);
            // The server below runs on the real clock: the period is moved around it.
            var now = DateTimeOffset.UtcNow;
            await setup.WithDatabaseAsync(db => db.Set<Consultation>().Where(c => c.Id == consultationId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.OpensAt, now.AddHours(-1)).SetProperty(c => c.ClosesAt, now.AddDays(1))));
        }

        var port = FreePort();
        using var process = StartServerProcess(database, port);
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var handedOut = new ConcurrentDictionary<string, DateTimeOffset>();
        var killed = 0;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilServingAsync(http, process, consultationId, output);

            using var kill = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                for (var n = 0; !kill.IsCancellationRequested; n++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/consultations/{consultationId}/comments")
                        {
                            // Every fourth text repeats, so batches also carry grouped comments.
                            Content = JsonContent.Create(new { submitterType = "anonymous", text = n % 4 == 0 ? "同一条意见" : $"客户{client}的第{n}条意见" }),
                        };
                        request.Headers.Add("Idempotency-Key", $"crash-{client}-{n}");
                        using var response = await http.SendAsync(request, kill.Token);
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        var receipt = (await response.Content.ReadFromJsonAsync<CommentReceipt>(kill.Token))!;
                        Assert.True(handedOut.TryAdd(receipt.ReceiptNumber, receipt.ReceivedAt), $"receipt {receipt.ReceiptNumber} handed out twice");
                        if (handedOut.Count >= ReceiptsBeforeKill && Interlocked.Exchange(ref killed, 1) == 0)
                        {
                            process.Kill(); // SIGKILL: no shutdown, no flush, requests in flight cut off
                        }
                    }
                    catch (Exception e) when (Volatile.Read(ref killed) == 1 && e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        kill.Cancel(); // the server is gone: stop sending
                    }
                }
            })).ToList();
            await Task.WhenAll(senders);
            await process.WaitForExitAsync();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        Assert.True(handedOut.Count >= ReceiptsBeforeKill, $"only {handedOut.Count} receipts before the server went{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
        await using var after = new ServerFactory(database);
        after.Settings["Scheduling:Enabled"] = "false";
        after.Clock.MoveTo(DateTimeOffset.UtcNow);
        after.StartServer();
        var stored = await after.WithDatabaseAsync(db => db.Set<ConsultationComment>().AsNoTracking()
            .Where(c => c.ConsultationId == consultationId).OrderBy(c => c.Sequence)
            .Select(c => new { c.Sequence, c.ReceiptNumber, c.ReceivedAt, c.Text, c.GroupKey }).ToListAsync());
        var storedByReceipt = stored.ToDictionary(c => c.ReceiptNumber);
        foreach (var (receipt, receivedAt) in handedOut)
        {
            Assert.True(storedByReceipt.TryGetValue(receipt, out var row), $"receipt {receipt} was handed out but is not in the database");
            Assert.Equal(receivedAt, row.ReceivedAt);
        }
        // Gap-free: the stored numbers are 1..n, each receipt naming its own number.
        Assert.Equal(Enumerable.Range(1, stored.Count), stored.Select(c => c.Sequence));
        Assert.All(stored, c => Assert.Equal($"{matterNumber}-C{c.Sequence:D6}", c.ReceiptNumber));
        Assert.Equal(stored.Count, await after.WithDatabaseAsync(db => db.Set<Consultation>().Where(c => c.Id == consultationId).Select(c => c.CommentSequence).SingleAsync()));
        // Grouping is exact in batches too: each row carries the key of its own text, so the repeated text is one group.
        Assert.All(stored, c => Assert.Equal(CommentGrouping.GroupKey(c.Text), c.GroupKey));
        Assert.True(stored.Count(c => c.Text == "同一条意见") > 1);

        // After the restart the numbering goes on from the last stored comment.
        using var anonymous = after.CreateAnonymousClient();
        var next = await CommentAsync(after, anonymous, consultationId, "重启之后的意见。");
        Assert.Equal($"{matterNumber}-C{stored.Count + 1:D6}", next.ReceiptNumber);
    }

    private static Process StartServerProcess(TestDatabase database, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerBuild.Assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["Crypto__KeyRingFile"] = database.KeyRingFile;
        start.Environment["Workflows__Directory"] = Path.Combine(ServerBuild.RepositoryRoot, "workflows");
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Scheduling__Enabled"] = "false";
        start.Environment["Participation__PublicComments__PermitLimit"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start)!;
    }

    /// <summary>Until the consultation is served (start-up migrations and checks done); fails when the process ends first.</summary>
    private static async Task WaitUntilServingAsync(HttpClient http, Process process, Guid consultationId, ConcurrentQueue<string> output)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"the server exited ({process.ExitCode}){Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }
            try
            {
                using var response = await http.GetAsync($"/api/public/consultations/{consultationId}", patience.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, patience.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
