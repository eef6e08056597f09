namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// Where the server's build output is, next to this test build (same configuration), for the tests that run the server
/// as a deployment or a newcomer runs it (<c>dotnet RuleOfLaw.Workflow.Server.dll</c>, its own process).
/// </summary>
public static class ServerBuild
{
    public static string Assembly { get; } = Find();

    public static string RepositoryRoot { get; } = FindRoot();

    private static string Find()
    {
        var tests = Path.Combine("tests", "RuleOfLaw.Workflow.Server.Tests");
        var binaries = AppContext.BaseDirectory;
        var index = binaries.LastIndexOf(tests, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new InvalidOperationException($"unexpected test directory {binaries}");
        }
        var path = Path.Combine(binaries[..index], "src", "RuleOfLaw.Workflow.Server", binaries[(index + tests.Length)..].TrimStart(Path.DirectorySeparatorChar), "RuleOfLaw.Workflow.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"server build not found at {path}");
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RuleOfLaw.Workflow.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
