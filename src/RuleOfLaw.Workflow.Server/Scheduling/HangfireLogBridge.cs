using Hangfire.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Hangfire logs through a process-wide provider. This one writes to the logger factory of the most recently
/// started host, and drops a line rather than throw when that factory is gone (several hosts come and go in one
/// test process; a production process has one).
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    private static readonly HangfireLogBridge Instance = new();
    private volatile ILoggerFactory? _factory;

    public static void Use(ILoggerFactory factory)
    {
        Instance._factory = factory;
        LogProvider.SetCurrentLogProvider(Instance);
    }

    public ILog GetLogger(string name) => new Bridged(this, name);

    private sealed class Bridged(HangfireLogBridge bridge, string name) : ILog
    {
        private ILoggerFactory? _from;
        private ILogger? _logger;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var factory = bridge._factory;
            if (factory is null)
            {
                return false;
            }
            try
            {
                if (!ReferenceEquals(factory, _from) || _logger is null)
                {
                    (_from, _logger) = (factory, factory.CreateLogger(name));
                }
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return _logger.IsEnabled(level);
                }
                if (_logger.IsEnabled(level))
                {
                    _logger.Log(level, 0, exception, "{Message}", messageFunc());
                }
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MsLogLevel Map(Hangfire.Logging.LogLevel level) => level switch
        {
            Hangfire.Logging.LogLevel.Trace => MsLogLevel.Trace,
            Hangfire.Logging.LogLevel.Debug => MsLogLevel.Debug,
            Hangfire.Logging.LogLevel.Info => MsLogLevel.Information,
            Hangfire.Logging.LogLevel.Warn => MsLogLevel.Warning,
            Hangfire.Logging.LogLevel.Error => MsLogLevel.Error,
            _ => MsLogLevel.Critical,
        };
    }
}
