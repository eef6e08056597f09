using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands each HTTP request's path runs (issue 12 item 6: a list page or query runs a fixed number of
/// commands, not one or more per row). Commands outside a request (timers, the outbox, readiness) are not counted.
/// Register it with <see cref="AddTo"/> before the server starts.
/// </summary>
public sealed class RequestCommands : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private IHttpContextAccessor? _http;

    public void AddTo(ServerFactory server) =>
        server.ExtraServices.Add(services => services.AddSingleton<IInterceptor>(provider =>
        {
            _http = provider.GetRequiredService<IHttpContextAccessor>();
            return this;
        }));

    /// <summary>The commands requests to <paramref name="path"/> ran so far.</summary>
    public int For(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The commands one request to <paramref name="path"/> runs.</summary>
    public async Task<int> OfAsync(string path, Func<Task> request)
    {
        var before = For(path);
        await request();
        return For(path) - before;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Seen();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Seen();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Seen();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Seen();
        return ValueTask.FromResult(result);
    }

    private void Seen()
    {
        if (_http?.HttpContext?.Request.Path.Value is { } path)
        {
            _byPath.AddOrUpdate(path, 1, (_, n) => n + 1);
        }
    }
}
