using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Startup;

/// <summary>
/// The server started as a newcomer starts it (its own process, <c>dotnet RuleOfLaw.Workflow.Server.dll</c>) on a port
/// that is already taken: one line saying so, a non-zero exit, no stack trace, and no start-up work done first.
/// </summary>
public sealed class PortInUseTests
{
    [Fact]
    public async Task A_taken_port_is_said_in_one_line_and_the_server_exits_non_zero()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var directory = Directory.CreateTempSubdirectory("rolw-port-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(ServerBuild.Assembly);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
            start.Environment["Demo__Seed"] = "false";
            start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(directory.FullName, "port.db")}";
            start.Environment["Crypto__KeyRingFile"] = Path.Combine(directory.FullName, "keys.json");
            start.Environment["Workflows__Directory"] = Path.Combine(ServerBuild.RepositoryRoot, "workflows");
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            var error = (await stderr).Trim();
            var output = (await stdout).Trim();
            Assert.True(process.ExitCode != 0, $"exit code 0; stderr: {error}");
            Assert.NotEqual(134, process.ExitCode); // not an abort
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"127.0.0.1:{port}", line);
            Assert.Contains("already in use", line);
            Assert.Contains("--urls", line);
            Assert.DoesNotContain("   at ", error + output);
            Assert.DoesNotContain("Exception", error + output);
            // The check comes before the start-up work: no database was created.
            Assert.False(File.Exists(Path.Combine(directory.FullName, "port.db")));
        }
        finally
        {
            holder.Stop();
            directory.Delete(recursive: true);
        }
    }
}
