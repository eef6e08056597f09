using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>Runs only when asked (bench/cluster.sh sets ROLW_BENCH_CLUSTER=1): a measurement, not a check.</summary>
public sealed class ClusterBenchFactAttribute : FactAttribute
{
    public ClusterBenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("ROLW_BENCH_CLUSTER") != "1")
        {
            Skip = "benchmark: run bench/cluster.sh (sets ROLW_BENCH_CLUSTER=1)";
        }
        else if (Nginx.Binary is null)
        {
            Skip = Nginx.SkipReason;
        }
    }
}

/// <summary>
/// Issue 18 item 5: public comments per second and their p99 latency through nginx with one node and with two
/// (the same two server processes as the proxied tests, on one PostgreSQL database), with the CPU each part used.
/// On a 2-core machine the second node mostly competes with the first, PostgreSQL, nginx and the load generator for
/// the same cores: the split shows where the time went.
/// </summary>
[Collection(ProxiedClusterCollection.Name)]
public sealed class ClusterBench(ProxiedCluster cluster, ITestOutputHelper output)
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

    [ClusterBenchFact]
    public async Task Comments_per_second_and_p99_through_nginx_with_one_and_two_servers()
    {
        var seconds = Setting("ROLW_BENCH_SECONDS", 20);
        var clients = Setting("ROLW_BENCH_CLIENTS", 16);
        output.WriteLine($"Public comments through nginx, {clients} concurrent clients, {seconds} s measured after 3 s warm-up; {Environment.ProcessorCount} cores.");
        await using (var single = await NginxProxy.StartAsync([cluster.Nodes[0].Port]))
        {
            output.WriteLine(await RunAsync("1 server ", single.Address, clients, seconds, [cluster.Nodes[0]]));
        }
        output.WriteLine(await RunAsync("2 servers", cluster.Proxy.Address, clients, seconds, cluster.Nodes));
    }

    private async Task<string> RunAsync(string label, Uri proxy, int clients, int seconds, IReadOnlyList<ServerProcess> nodes)
    {
        await LoadAsync(proxy, clients, TimeSpan.FromSeconds(3)); // warm-up: JIT, connection pools, caches
        var before = CpuSample.Take();
        var wall = Stopwatch.StartNew();
        var (latencies, failures) = await LoadAsync(proxy, clients, TimeSpan.FromSeconds(seconds));
        wall.Stop();
        var after = CpuSample.Take();
        latencies.Sort();
        var p = (double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var groups = new Dictionary<string, Func<CpuSample.Process, bool>>
        {
            [string.Join("+", nodes.Select(n => "node " + n.Name))] = pr => nodes.Any(n => n.ProcessId == pr.Id),
            ["postgres"] = pr => pr.Name == "postgres",
            ["nginx"] = pr => pr.Name == "nginx",
            ["load generator"] = pr => pr.Id == Environment.ProcessId,
        };
        var split = groups.Select(g => $"{g.Key} {CpuSample.Seconds(before, after, g.Value) / wall.Elapsed.TotalSeconds:F2}")
            .Append($"all other processes {CpuSample.Seconds(before, after, pr => !groups.Values.Any(g => g(pr))) / wall.Elapsed.TotalSeconds:F2}");
        return string.Create(CultureInfo.InvariantCulture,
            $"{label}: {latencies.Count / wall.Elapsed.TotalSeconds,7:F1} comments/s, p50 {p(0.50),6:F1} ms, p99 {p(0.99),6:F1} ms, {failures} failed; " +
            $"CPU (cores busy): {string.Join(", ", split)}");
    }

    private async Task<(List<double> Latencies, int Failures)> LoadAsync(Uri proxy, int clients, TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(60) };
            var latencies = new List<double>();
            var failures = 0;
            for (var n = 0; DateTime.UtcNow < end; n++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.PostAsJsonAsync($"/api/public/consultations/{cluster.ConsultationId}/comments",
                    new { submitterType = "anonymous", text = $"压力测试第{c}号客户第{n}条意见。" });
                watch.Stop();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
                else
                {
                    failures++;
                }
            }
            return (latencies, failures);
        })));
        return (results.SelectMany(r => r.latencies).ToList(), results.Sum(r => r.failures));
    }

    /// <summary>CPU time of every process from /proc (Linux), to split a run's CPU between its parts.</summary>
    private static class CpuSample
    {
        public sealed record Process(int Id, string Name, double Seconds);

        public static Dictionary<int, Process> Take()
        {
            var result = new Dictionary<int, Process>();
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var id))
                {
                    continue;
                }
                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var close = stat.LastIndexOf(')');
                    var name = stat[(stat.IndexOf('(') + 1)..close];
                    var fields = stat[(close + 2)..].Split(' ');
                    // utime and stime are fields 14 and 15 of stat (11 and 12 after the name), in clock ticks (100 a second).
                    var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
                    result[id] = new Process(id, name, ticks / 100);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
                {
                    // The process ended meanwhile.
                }
            }
            return result;
        }

        public static double Seconds(Dictionary<int, Process> before, Dictionary<int, Process> after, Func<Process, bool> include) =>
            after.Values.Where(include).Sum(p => p.Seconds - (before.TryGetValue(p.Id, out var b) && b.Name == p.Name ? b.Seconds : 0));
    }
}
