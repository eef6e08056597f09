using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace RuleOfLaw.Workflow.Server.Startup;

/// <summary>
/// Before the (slow) start-up work, checks that the addresses the server will listen on are free, so that a second
/// server or another program on port 5080 gives one line saying so and a non-zero exit, not a stack trace after the
/// migrations. Kestrel's own bind stays the real check (<see cref="IsAddressInUse"/> catches the race).
/// </summary>
public static class PortCheck
{
    public const int ExitCode = 2;

    /// <summary>The first configured address whose port is taken, or null.</summary>
    public static string? FindTakenAddress(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? configuration["http_ports"] switch
        {
            { Length: > 0 } ports => string.Join(';', ports.Split(';').Select(p => $"http://*:{p}")),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(urls))
        {
            return null;
        }
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                continue; // Kestrel reports a malformed address itself.
            }
            if (address.IsUnixPipe || address.IsNamedPipe || address.Port == 0)
            {
                continue;
            }
            if (Endpoints(address.Host).Any(ip => IsTaken(ip, address.Port)))
            {
                return url;
            }
        }
        return null;
    }

    /// <summary>The one line the server prints when it cannot listen.</summary>
    public static string Message(string address) =>
        $"Cannot listen on {address}: the port is already in use (another server running?). Stop it, or choose another port: " +
        "dotnet run --project src/RuleOfLaw.Workflow.Server --urls http://localhost:5090 (or ASPNETCORE_URLS). 端口已被占用。";

    /// <summary>Kestrel's failure to bind, for the race where the port was taken after the check.</summary>
    public static bool IsAddressInUse(Exception exception) =>
        exception is AddressInUseException || exception.InnerException is AddressInUseException
        || exception is IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } };

    private static IEnumerable<IPAddress> Endpoints(string host) => host switch
    {
        "localhost" => [IPAddress.Loopback, IPAddress.IPv6Loopback],
        "*" or "+" or "0.0.0.0" or "[::]" => [IPAddress.Any],
        _ => IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? [ip] : [],
    };

    private static bool IsTaken(IPAddress ip, int port)
    {
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6)
        {
            return false;
        }
        var listener = new TcpListener(ip, port);
        try
        {
            listener.Start();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // e.g. IPv6 disabled on this machine: Kestrel decides.
        }
        finally
        {
            listener.Stop();
        }
    }
}
