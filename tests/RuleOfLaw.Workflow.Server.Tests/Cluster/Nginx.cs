using System.Diagnostics;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>
/// Debian's nginx, which ./test.sh installs (package nginx-light). Outside CI a machine without it skips the proxied
/// cluster tests with that reason; in CI (CI=true) they run and fail without it, so CI cannot go green untested.
/// </summary>
public static class Nginx
{
    public static string? Binary { get; } =
        new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx" }.FirstOrDefault(File.Exists);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string SkipReason =>
        "nginx is not installed (apt-get install nginx-light, as ./test.sh does): the proxied two-server tests need a real proxy. " +
        "In CI (CI=true) they run and fail instead of skipping.";
}

/// <summary>A fact that needs nginx: skipped with the reason where nginx is absent outside CI; run (and failing) in CI.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (Nginx.Binary is null && !Nginx.InCi)
        {
            Skip = Nginx.SkipReason;
        }
    }
}

/// <summary>
/// nginx in front of the nodes: round-robin (its default), no stickiness, the forwarded headers the nodes trust
/// (X-Forwarded-For overwritten with the address nginx sees, X-Forwarded-Proto), and a request passed on to the next
/// node when one refused the connection, closed it or timed out before answering, POSTs included (<c>non_idempotent</c>):
/// a node that stops closes connections it accepted but had not read yet, and without it those POSTs fail with 502.
/// A POST retried after the first node did process it is answered once when it carries an Idempotency-Key (the
/// portal's comment form always does). It adds <c>X-Upstream</c> (the node that answered) for the tests to see the alternation.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private NginxProxy(Process process, DirectoryInfo directory, int port)
    {
        _process = process;
        _directory = directory;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public string ErrorLog => Path.Combine(_directory.FullName, "error.log");

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<int> upstreamPorts)
    {
        var binary = Nginx.Binary ?? throw new InvalidOperationException(Nginx.SkipReason);
        var directory = Directory.CreateTempSubdirectory("rolw-nginx-");
        var port = ServerProcess.FreePort();
        var d = directory.FullName;
        // A node is left out for 5 s after 3 failures in a row: a stopped node's refusals, not one slow connect on a busy
        // machine, which with max_fails=1 marked the healthy node down too and left nginx with no node (502).
        var servers = string.Concat(upstreamPorts.Select(p => $"        server 127.0.0.1:{p} max_fails=3 fail_timeout=5s;\n"));
        await File.WriteAllTextAsync(Path.Combine(d, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{d}}/nginx.pid;
            error_log {{d}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{d}}/access.log;
                client_body_temp_path {{d}}/body;
                proxy_temp_path {{d}}/proxy;
                client_max_body_size 2m;
                upstream rolw {
            {{servers}}    }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://rolw;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_next_upstream error timeout non_idempotent;
                        proxy_connect_timeout 5s;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", d, "-c", Path.Combine(d, "nginx.conf"), "-e", Path.Combine(d, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var proxy = new NginxProxy(process, directory, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await ReadAsync(proxy.ErrorLog)}");
            }
            try
            {
                using var live = await client.GetAsync(new Uri(proxy.Address, "/health/live"));
                if (live.IsSuccessStatusCode)
                {
                    return proxy;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                await proxy.DisposeAsync();
                throw new TimeoutException($"nginx did not answer on {proxy.Address} within 30 s: {await ReadAsync(proxy.ErrorLog)}");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<string> ReadAsync(string file) => File.Exists(file) ? await File.ReadAllTextAsync(file) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
