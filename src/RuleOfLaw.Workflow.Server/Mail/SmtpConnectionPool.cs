using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>
/// Open, authenticated MailKit connections kept between mails: at most <see cref="MailOptions.MaxConnections"/> at
/// once, each used by one sender at a time. A connection idle for a while is checked with NOOP before reuse, one idle
/// too long (or made with settings that have since changed) is closed, and one that failed is dropped, not reused.
/// </summary>
public sealed partial class SmtpConnectionPool(ILogger<SmtpConnectionPool> logger) : IAsyncDisposable
{
    private readonly ConcurrentStack<Connection> _idle = new();
    private SemaphoreSlim _slots = new(2);
    private int _slotCount = 2;
    private readonly Lock _resize = new();
    private bool _disposed;

    /// <summary>One connection, lent to the caller until <see cref="Return"/> or <see cref="DropAsync"/>.</summary>
    public sealed class Connection(SmtpClient client, string settings, SemaphoreSlim slots)
    {
        public SmtpClient Client { get; } = client;
        internal string Settings { get; } = settings;
        internal SemaphoreSlim Slots { get; } = slots;
        internal long IdleSince { get; set; } = Environment.TickCount64;
    }

    /// <summary>How many connections were opened so far (for tests and logs).</summary>
    public int Opened => _opened;
    private int _opened;

    public async Task<Connection> RentAsync(MailOptions options, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var slots = Slots(options);
        await slots.WaitAsync(ct);
        try
        {
            var settings = Settings(options);
            while (_idle.TryPop(out var idle))
            {
                var idleMs = Environment.TickCount64 - idle.IdleSince;
                if (idle.Settings != settings || !idle.Client.IsConnected || idleMs > options.MaxIdleSeconds * 1000L)
                {
                    await CloseAsync(idle, quit: idle.Client.IsConnected);
                    continue;
                }
                if (idleMs > options.NoOpAfterSeconds * 1000L)
                {
                    try
                    {
                        await idle.Client.NoOpAsync(ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogStale(logger, e.Message);
                        await CloseAsync(idle, quit: false);
                        continue;
                    }
                }
                return new Connection(idle.Client, settings, slots);
            }
            return new Connection(await OpenAsync(options, ct), settings, slots);
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    /// <summary>The connection is fine (the mail went, or the server refused it with a reply): keep it for the next mail.</summary>
    public void Return(Connection connection)
    {
        connection.IdleSince = Environment.TickCount64;
        if (_disposed || !connection.Client.IsConnected)
        {
            connection.Client.Dispose();
        }
        else
        {
            _idle.Push(connection);
        }
        connection.Slots.Release();
    }

    /// <summary>The connection failed (I/O, protocol, timeout): close it without QUIT; the next mail opens a new one.</summary>
    public async Task DropAsync(Connection connection)
    {
        await CloseAsync(connection, quit: false);
        connection.Slots.Release();
    }

    private async Task<SmtpClient> OpenAsync(MailOptions options, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = Math.Max(1, options.TimeoutSeconds) * 1000 };
        var trusted = LoadTrusted(options.ServerCertificate);
        if (trusted is not null)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => Trusts(trusted, certificate, errors);
        }
        try
        {
            await client.ConnectAsync(options.EffectiveHost, options.Port, options.EffectiveSecurity, ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }
        Interlocked.Increment(ref _opened);
        LogOpened(logger, options.EffectiveHost, options.Port, options.EffectiveSecurity, client.IsSecure, client.IsAuthenticated);
        return client;
    }

    /// <summary>
    /// Accepts a certificate the system trusts, or one that chains to the configured certificate (a self-signed server
    /// certificate or a private CA). A wrong host name is never accepted.
    /// </summary>
    internal static bool Trusts(X509Certificate2 trusted, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    private static X509Certificate2? LoadTrusted(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : X509CertificateLoader.LoadCertificateFromFile(path);

    private SemaphoreSlim Slots(MailOptions options)
    {
        var wanted = Math.Max(1, options.MaxConnections);
        lock (_resize)
        {
            if (wanted != _slotCount)
            {
                // Connections lent under the old limit give their slot back to the old semaphore (Connection.Slots).
                _slots = new SemaphoreSlim(wanted);
                _slotCount = wanted;
            }
            return _slots;
        }
    }

    private static string Settings(MailOptions o) =>
        string.Join('\n', o.EffectiveHost, o.Port, o.EffectiveSecurity, o.UserName, o.Password, o.ServerCertificate, o.TimeoutSeconds);

    private static async Task CloseAsync(Connection connection, bool quit)
    {
        try
        {
            if (connection.Client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await connection.Client.DisconnectAsync(quit, timeout.Token);
            }
        }
        catch (Exception)
        {
            // Closing a connection that is already broken: nothing to do.
        }
        connection.Client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryPop(out var idle))
        {
            await CloseAsync(idle, quit: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP connection opened to {Host}:{Port} ({Security}; TLS {Secure}, authenticated {Authenticated})")]
    private static partial void LogOpened(ILogger logger, string host, int port, SecureSocketOptions security, bool secure, bool authenticated);

    [LoggerMessage(Level = LogLevel.Information, Message = "An idle SMTP connection did not answer NOOP ({Error}); opening a new one")]
    private static partial void LogStale(ILogger logger, string error);
}
