using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RuleOfLaw.Workflow.Server.Tests.Mail;

/// <summary>
/// A mail as the real SMTP server received it (tests/tools/smtp_sink.py decodes subject and bodies, and keeps the raw
/// Subject and From headers); whether it came over TLS, the AUTH user, and the client's address:port (one per connection).
/// </summary>
public sealed record ReceivedMail(string MailFrom, List<string> RcptTos, string From, string To, string Subject, string MessageId, string Body,
    string RawSubject = "", string RawFrom = "", string ContentType = "", string Html = "", bool Tls = false, string? AuthUser = null, string Peer = "");

/// <summary>How the sink behaves: STARTTLS required (throwaway certificate), AUTH required, recipients refused with 550.</summary>
public sealed record SmtpSinkOptions(bool StartTls = false, string? UserName = null, string? Password = null, params string[] Reject);

/// <summary>
/// A real SMTP server (python3-aiosmtpd, run by tests/tools/smtp_sink.py) on a free localhost port, saving what it
/// receives in its own folder. ./test.sh installs it and sets ROLW_TEST_SMTP_PYTHON / ROLW_TEST_SMTP_SINK; without
/// them the mail tests fail loudly rather than skip. It can be stopped and started again on the same port (an outage).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string PythonVariable = "ROLW_TEST_SMTP_PYTHON";
    public const string SinkVariable = "ROLW_TEST_SMTP_SINK";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Process? _process;

    private SmtpSink(int port, string directory, SmtpSinkOptions options)
    {
        Port = port;
        Directory = directory;
        Options = options;
    }

    public int Port { get; }
    public string Directory { get; }
    public SmtpSinkOptions Options { get; }

    /// <summary>The sink's throwaway self-signed certificate (with <see cref="SmtpSinkOptions.StartTls"/>).</summary>
    public string CertificatePath => Path.Combine(Directory, "server.crt");

    public static async Task<SmtpSink> StartAsync(SmtpSinkOptions? options = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var sink = new SmtpSink(port, Path.Combine(Path.GetTempPath(), $"rolw-smtp-{Guid.NewGuid():N}"), options ?? new SmtpSinkOptions());
        await sink.StartAgainAsync();
        return sink;
    }

    public async Task StartAgainAsync()
    {
        var python = Environment.GetEnvironmentVariable(PythonVariable);
        var script = Environment.GetEnvironmentVariable(SinkVariable);
        if (string.IsNullOrWhiteSpace(python) || string.IsNullOrWhiteSpace(script))
        {
            throw new InvalidOperationException($"{PythonVariable} / {SinkVariable} are not set: run the tests through ./test.sh, which installs python3-aiosmtpd and sets them.");
        }
        List<string> arguments = [script, "--port", Port.ToString(), "--dir", Directory];
        if (Options.StartTls)
        {
            arguments.Add("--starttls");
        }
        if (Options.UserName is not null)
        {
            arguments.AddRange(["--auth", $"{Options.UserName}:{Options.Password}"]);
        }
        foreach (var address in Options.Reject)
        {
            arguments.AddRange(["--reject", address]);
        }
        var start = new ProcessStartInfo(python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        for (var attempt = 1; ; attempt++)
        {
            var process = Process.Start(start)!;
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (ready == "READY")
            {
                _process = process;
                return;
            }
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            // The port of a sink just stopped may still be held for a moment.
            if (attempt >= 20)
            {
                throw new InvalidOperationException($"The SMTP test server did not start on port {Port}: {error}");
            }
            await Task.Delay(250);
        }
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    public List<ReceivedMail> Mails() =>
        !System.IO.Directory.Exists(Directory) ? [] : System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(f), Json)!).ToList();

    /// <summary>Waits until <paramref name="done"/> holds for what has arrived; fails with what did arrive.</summary>
    public async Task<List<ReceivedMail>> WaitForAsync(Func<List<ReceivedMail>, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var mails = Mails();
            if (done(mails))
            {
                return mails;
            }
            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what ?? "mail"}; received {mails.Count}:\n" +
                    string.Join("\n", mails.Select(m => $"  to {string.Join(",", m.RcptTos)}: {m.Subject}")));
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
