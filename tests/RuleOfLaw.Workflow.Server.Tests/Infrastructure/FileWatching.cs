using System.Runtime.CompilerServices;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// Test servers watch files by polling, not with inotify. Every server a test starts watches its configuration files
/// and web root (PhysicalFileProvider), and Linux gives each user 128 inotify instances by default
/// (fs.inotify.max_user_instances): with several hundred servers started in one test process, and classes that keep a
/// server for their whole run (<see cref="SharedServers"/>), the suite reached that limit and servers failed with
/// "The configured user limit (128) on the number of inotify instances has been reached". The framework's documented
/// switch, read when each PhysicalFileProvider is made, replaces the watchers with polling; no test depends on a file
/// change being noticed.
/// </summary>
internal static class FileWatching
{
    [ModuleInitializer]
    internal static void PollInsteadOfInotify() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
