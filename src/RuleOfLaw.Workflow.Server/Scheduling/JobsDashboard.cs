using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Auth;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// The Hangfire Dashboard at <see cref="Path"/>, for operators only (every government's jobs): the endpoint requires the application's
/// own sign-in and <see cref="OperatorPolicy"/> (anonymous → 401, other users → 403), and the dashboard's own
/// filter checks the same policy again, so it stays closed even if mapped without the endpoint's metadata.
/// A timer's job shows as its matter number, step and kind, read from its row (the job itself carries only the id).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var labels = new TimerLabels(endpoints.ServiceProvider.GetRequiredService<IServiceScopeFactory>());
        var options = new DashboardOptions
        {
            DashboardTitle = "作业 Jobs · RuleOfLaw.Workflow",
            AppPath = "/",
            Authorization = [],
            AsyncAuthorization = [new AdministratorsOnly()],
            DisplayNameFunc = labels.DisplayName,
            // Timers run on the application's clock; showing times in the browser's zone is Hangfire's default and fine.
        };
        return endpoints.MapHangfireDashboard(Path, options, endpoints.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(OperatorPolicy.Name);
    }

    private sealed class AdministratorsOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            return http.User.Identity?.IsAuthenticated == true
                && (await authorization.AuthorizeAsync(http.User, OperatorPolicy.Name)).Succeeded;
        }
    }

    /// <summary>"事项 2026-001 · 起草方案 (draft) · task-reminder": one query per timer shown, cached (rows do not change kind or step).</summary>
    private sealed class TimerLabels(IServiceScopeFactory scopes)
    {
        private readonly ConcurrentDictionary<Guid, string> _cache = new();

        public string DisplayName(DashboardContext context, Job job)
        {
            if (job.Type != typeof(TimerJob) || job.Args is not [Guid timerId, ..])
            {
                return DefaultName(job);
            }
            if (_cache.TryGetValue(timerId, out var cached))
            {
                return cached;
            }
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var row = db.Set<ScheduledTimer>().AsNoTracking().Where(t => t.Id == timerId)
                .Select(t => new { t.Kind, t.StepId, Number = db.Matters.Where(m => m.Id == t.MatterId).Select(m => m.Number).FirstOrDefault() })
                .SingleOrDefault();
            if (row is null)
            {
                return $"期限 Timer {timerId} (no row)";
            }
            var label = $"期限 Timer · 事项 {row.Number ?? "-"} · {row.StepId ?? "-"} · {row.Kind}";
            _cache.TryAdd(timerId, label);
            return label;
        }

        private static string DefaultName(Job job) =>
            job.Method.GetCustomAttributes(typeof(System.ComponentModel.DisplayNameAttribute), true) is [System.ComponentModel.DisplayNameAttribute a, ..]
                ? a.DisplayName
                : $"{job.Type.Name}.{job.Method.Name}";
    }
}
