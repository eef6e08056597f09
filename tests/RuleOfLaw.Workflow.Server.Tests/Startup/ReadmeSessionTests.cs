using System.Diagnostics;
using System.Text.RegularExpressions;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Startup;

/// <summary>
/// The README's first session, pasted as it is into bash (with <c>-e -o pipefail</c>) against a started server on a
/// real port: it must run to its end without editing, the inbox naming the steps that follow initiation.
/// </summary>
public sealed partial class ReadmeSessionTests
{
    [Fact]
    public async Task The_first_session_in_the_readme_runs_as_pasted()
    {
        var script = FirstSession();
        Assert.DoesNotContain("<", script.Replace("<<", "", StringComparison.Ordinal)); // no "<id from above>" to edit by hand

        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, configure: f => f.UseKestrel(0));
        var address = server.Options(handleCookies: false).BaseAddress!.ToString().TrimEnd('/');
        var directory = Directory.CreateTempSubdirectory("rolw-readme-");
        try
        {
            var start = new ProcessStartInfo("bash")
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-euo");
            start.ArgumentList.Add("pipefail");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script.Replace("localhost:5080", address, StringComparison.Ordinal));
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}{Environment.NewLine}{output}{Environment.NewLine}{await stderr}{server.DescribeServerLog()}");

            Assert.Contains("\"userName\":\"drafter\"", output); // sign-in answers the user
            var id = MatterLine().Match(output).Groups[1].Value;
            Assert.Contains($"201 /api/instances/{id}", output);
            Assert.Contains("\"stepId\": \"initiation\"", output);
            Assert.Matches(@"(?m)^200$", output);
            Assert.Matches(@"(?m)^2026-0001 public-participation Public participation$", output); // the drafter's next task
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string FirstSession()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "README.md")))
        {
            directory = directory.Parent;
        }
        var readme = File.ReadAllText(Path.Combine(directory!.FullName, "README.md"));
        var after = readme[readme.IndexOf("A first session", StringComparison.Ordinal)..];
        var block = after[(after.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length)..];
        return block[..block.IndexOf("```", StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"(?m)^matter ([0-9a-f-]{36})$")]
    private static partial Regex MatterLine();
}
