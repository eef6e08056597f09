using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>
/// One node: the server's own build run as a deployment runs it (<c>dotnet RuleOfLaw.Workflow.Server.dll</c>, its own
/// process), on a fixed port, stopped with SIGTERM like a service manager does, so the real graceful stop is tested.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _kept = new();
    private readonly Func<string, bool>? _keep;
    private Process? _process;

    /// <param name="name">The node's name in messages.</param>
    /// <param name="environment">Its settings.</param>
    /// <param name="keep">Output lines to keep for good (<see cref="Kept"/>), across restarts, beside the last 300 of <see cref="Output"/>.</param>
    public ServerProcess(string name, IReadOnlyDictionary<string, string> environment, Func<string, bool>? keep = null)
    {
        Name = name;
        _environment = environment;
        _keep = keep;
        Port = FreePort();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>The <c>X-Upstream</c> value nginx gives for this node.</summary>
    public string Upstream => $"127.0.0.1:{Port}";

    /// <summary>The running process's id (0 when stopped).</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Every line the <c>keep</c> filter chose, from every run of this node.</summary>
    public IReadOnlyList<string> Kept => _kept.ToList();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerBuild.Assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Address.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with {process.ExitCode} while starting:{Environment.NewLine}{Output}");
            }
            try
            {
                using var ready = await client.GetAsync(new Uri(Address, "/health/ready"));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Node {Name} was not ready within {timeout ?? TimeSpan.FromMinutes(3)}:{Environment.NewLine}{Output}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM, as systemd or a container runtime stops a service; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        var process = _process ?? throw new InvalidOperationException($"Node {Name} is not running.");
        if (!process.HasExited)
        {
            using var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
            await signal.WaitForExitAsync();
            using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(wait.Token);
        }
        var code = process.ExitCode;
        process.Dispose();
        _process = null;
        return code;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (_keep?.Invoke(line) == true)
        {
            _kept.Enqueue(line);
        }
        _output.Enqueue(line);
        while (_output.Count > 300)
        {
            _output.TryDequeue(out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            _process = null;
        }
    }
}
