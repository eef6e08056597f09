using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// Counts the test servers of this process (issue 17 item 8: the suite once ended with gigabytes of servers that were
/// never disposed). Every <see cref="ServerFactory"/> whose host was built is counted when it starts and when it is
/// disposed; when <c>ROLW_TEST_CENSUS</c> names a file (test.sh sets it), each start and stop is a line there (live
/// servers, the process's memory, which test class started it) and the process's exit adds a summary line:
/// <c>servers: N started, N still running at exit</c>, then one line per server never disposed with the class that
/// started it. test.sh prints the summary and fails the run when a server was left running.
/// </summary>
internal static class ServerCensus
{
    private const string Variable = "ROLW_TEST_CENSUS";
    private static readonly int CheckEvery = int.TryParse(Environment.GetEnvironmentVariable("ROLW_TEST_CENSUS_GC"), out var every) && every > 0 ? every : 50;
    private static readonly ConcurrentDictionary<ServerFactory, Entry> Running = new();
    private static readonly ConcurrentBag<Entry> Built = [];
    private static readonly string? File = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;
    private static readonly Lock Gate = new();
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static int _started;
    private static int _peak;

    public static int Started => Volatile.Read(ref _started);

    public static int Live => Running.Count;

    [ModuleInitializer]
    internal static void ReportAtExit()
    {
        if (File is null)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var process = Process.GetCurrentProcess();
            Write(new[] { $"servers: {Started} started, {Live} still running at exit (at most {Volatile.Read(ref _peak)} at once; peak memory {process.PeakWorkingSet64 / (1024 * 1024)} MB; {process.TotalProcessorTime.TotalSeconds:F0} s of CPU in {Clock.Elapsed.TotalSeconds:F0} s)" }
                .Concat(Running.Values.Select(entry => $"  never disposed: a server started by {entry.Origin}")));
        };
    }

    /// <summary>The test class (and method) that is starting a server: the first frame of a test outside this folder.</summary>
    public static string Origin()
    {
        foreach (var frame in new StackTrace().GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            // An async method runs in a compiler-made state machine nested in its class.
            while (type is { DeclaringType: not null } && type.Name.Contains('<', StringComparison.Ordinal))
            {
                type = type.DeclaringType;
            }
            if (type?.Namespace is { } ns && ns.StartsWith("RuleOfLaw.Workflow.Server.Tests", StringComparison.Ordinal)
                && ns != typeof(ServerCensus).Namespace)
            {
                return type.FullName!["RuleOfLaw.Workflow.Server.Tests.".Length..];
            }
        }
        return "(a fixture)";
    }

    public static void Starting(ServerFactory server, string origin)
    {
        if (!Running.TryAdd(server, new Entry(origin)))
        {
            return;
        }
        var started = Interlocked.Increment(ref _started);
        var live = Running.Count;
        int peak;
        while (live > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, live, peak) != peak)
        {
        }
        Log($"start #{started}", live, origin);
        if (File is not null && started % CheckEvery == 0)
        {
            // Disposed servers the collector cannot free are held by something static: a leak of memory, not of servers.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var held = Built.Where(b => b.Disposed && b.Services?.IsAlive == true).Select(b => b.Origin).ToList();
            Write(new[] { $"  after a full collection: {held.Count} of {Built.Count(b => b.Disposed)} disposed servers still in memory, heap {GC.GetTotalMemory(false) / (1024 * 1024)} MB" }
                .Concat(held.GroupBy(o => o).Select(g => $"    still in memory: {g.Count()} disposed server(s) of {g.Key}")));
        }
    }

    public static void Ready(ServerFactory server, IServiceProvider services)
    {
        if (Running.TryGetValue(server, out var entry))
        {
            entry.Services = new WeakReference(services);
            Built.Add(entry);
            Log("ready", Running.Count, entry.Origin);
        }
    }

    public static void Disposed(ServerFactory server)
    {
        if (Running.TryRemove(server, out var entry))
        {
            entry.Disposed = true;
            Log("stop", Running.Count, entry.Origin);
        }
    }

    private static void Log(string what, int live, string origin)
    {
        if (File is null)
        {
            return;
        }
        Write([string.Create(CultureInfo.InvariantCulture,
            $"{Clock.Elapsed.TotalSeconds,8:F1}s cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,7:F1}s {what,-10} live {live,3}  rss {Environment.WorkingSet / (1024 * 1024),5} MB  heap {GC.GetTotalMemory(false) / (1024 * 1024),5} MB  {origin}")]);
    }

    private static void Write(IEnumerable<string> lines)
    {
        lock (Gate)
        {
            System.IO.File.AppendAllLines(File!, lines);
        }
    }

    /// <summary>One server: who started it, its services (weakly, to see whether disposing freed them), whether it was disposed.</summary>
    private sealed class Entry(string origin)
    {
        public string Origin { get; } = origin;
        public WeakReference? Services { get; set; }
        public volatile bool Disposed;
    }
}
