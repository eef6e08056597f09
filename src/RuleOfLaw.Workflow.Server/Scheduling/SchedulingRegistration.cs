using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Scheduling;

public static class SchedulingRegistration
{
    /// <summary>
    /// Durable timers (rows + Hangfire jobs carrying their ids; storage per database provider, see
    /// <see cref="SchedulingStorage"/>), reminders/escalations, the recurring jobs and the mail outbox.
    /// </summary>
    /// <remarks>
    /// Hangfire's own <c>AddHangfire</c> configures process-wide statics (<c>JobStorage.Current</c>, the activator):
    /// one storage per process. Several servers live in one test process, each on its own database, so every
    /// Hangfire service is registered here per container instead, and nothing static is touched but the log bridge.
    /// </remarks>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section));
        var scheduling = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        services.AddSingleton<TimerTriggers>();
        services.AddSingleton<TimerSweep>();
        services.AddScoped<PendingTriggers>();
        services.AddScoped<DeadlineContext>();
        services.AddScoped<IInstanceTransitionObserver, TimerRowWriter>();
        services.AddScoped<TimerFiring>();
        services.AddScoped<DomainTimers>();
        services.AddScoped<IComplianceCheck, DeadlineIncidentCheck>();
        services.AddScoped<IDomainTimerHandler, EvaluationDueHandler>();
        services.AddMail(configuration);

        services.AddSingleton(_ => SchedulingStorage.Create(database, scheduling));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        // Hangfire's global filters (automatic retry, state statistics…) plus this container's own.
        services.AddSingleton(_ => new JobFilterCollection { new TimerJobIndex(), new ShortLivedJobs() });
        services.AddSingleton<IJobFilterProvider>(sp => new JobFilterProviderCollection(JobFilterProviders.Providers, sp.GetRequiredService<JobFilterCollection>()));
        services.AddSingleton<ITimeZoneResolver, DefaultTimeZoneResolver>();
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(
            sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>(), sp.GetRequiredService<ITimeZoneResolver>()));
        services.AddSingleton(_ => DashboardRoutes.Routes);
        // The marker Hangfire.AspNetCore checks before it maps the dashboard or starts a server; set up once per container.
        services.AddSingleton<IGlobalConfiguration>(sp =>
        {
            HangfireLogBridge.Use(sp.GetRequiredService<ILoggerFactory>());
            return GlobalConfiguration.Configuration;
        });

        if (scheduling.Enabled)
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = Math.Max(1, scheduling.ThreadCount);
                // Due jobs (and recurring ones) are moved to the queue this often: the timers' and the outbox's resolution.
                var poll = Math.Min(Math.Max(0.2, scheduling.IdleWaitSeconds), Math.Max(1, mail.PollSeconds));
                o.SchedulePollingInterval = TimeSpan.FromSeconds(poll);
                o.ShutdownTimeout = TimeSpan.FromSeconds(15);
            });
            services.AddHostedService<SchedulingStartup>();
        }
        return services;
    }

    public static void MapScheduling(this IEndpointRouteBuilder api)
    {
        api.MapMailEndpoints();
    }
}

/// <summary>Succeeded runs of the frequent recurring jobs expire after an hour (Hangfire's default is a day): a run every few seconds would otherwise fill the job storage.</summary>
internal sealed class ShortLivedJobs : JobFilterAttribute, Hangfire.States.IApplyStateFilter
{
    public void OnStateApplied(Hangfire.States.ApplyStateContext context, Hangfire.Storage.IWriteOnlyTransaction transaction)
    {
        if (context.BackgroundJob.Job?.Type == typeof(OutboxWorker) || context.BackgroundJob.Job?.Type == typeof(TimerReconcileJob))
        {
            context.JobExpirationTimeout = TimeSpan.FromHours(1);
        }
    }

    public void OnStateUnapplied(Hangfire.States.ApplyStateContext context, Hangfire.Storage.IWriteOnlyTransaction transaction)
    {
    }
}
