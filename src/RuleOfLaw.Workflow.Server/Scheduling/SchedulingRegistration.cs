using Quartz;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Scheduling;

public static class SchedulingRegistration
{
    /// <summary>
    /// Durable timers (rows + Quartz on the same database: SQLite single node, PostgreSQL and SQL Server clustered; Quartz creates
    /// its own tables if missing), reminders/escalations and the mail outbox.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section));
        var scheduling = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        services.AddSingleton<TimerTriggers>();
        services.AddScoped<PendingTriggers>();
        services.AddScoped<DeadlineContext>();
        services.AddScoped<IInstanceTransitionObserver, TimerRowWriter>();
        services.AddScoped<TimerFiring>();
        services.AddScoped<DomainTimers>();
        services.AddScoped<IComplianceCheck, DeadlineIncidentCheck>();
        services.AddScoped<IDomainTimerHandler, EvaluationDueHandler>();
        services.AddMail(configuration);

        services.AddQuartz(q =>
        {
            // No UseTimeProvider: Quartz takes the container's TimeProvider, the same clock as the rest of the server.
            q.UseDefaultThreadPool(Math.Max(1, scheduling.ThreadCount));
            q.ConfigureScheduler(o => o.IdleWaitTime = TimeSpan.FromSeconds(Math.Max(1, scheduling.IdleWaitSeconds)));
            q.UsePersistentStore(store =>
            {
                store.ProvisionSchema();
                // A late trigger fires late rather than being set aside as "misfired" for the misfire scan: past-due
                // timers are spread out by TimerTriggers.ReconcileAsync at start-up, not by Quartz's misfire policy.
                store.ConfigureStore(o =>
                {
                    o.MisfireThreshold = TimeSpan.FromDays(3650);
                    o.MisfireHandlerFrequency = TimeSpan.FromSeconds(15);
                });
                store.UseSystemTextJsonSerializer();
                switch (database.Provider)
                {
                    case DatabaseProvider.PostgreSql:
                        store.UsePostgres(database.ConnectionString!);
                        UseClustering(store);
                        break;
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(Microsoft.Data.SqlClient.SqlClientFactory.Instance, database.ConnectionString!);
                        UseClustering(store);
                        break;
                    default:
                        store.UseSqlite(DatabaseRegistration.SqliteConnectionString(database, contentRoot));
                        break;
                }
            });
        });
        if (scheduling.Enabled)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            services.AddHostedService<TimerReconciler>();
        }
        return services;
    }

    /// <summary>Every node on a shared server database takes part; a trigger is acquired by exactly one of them.</summary>
    private static void UseClustering(IPersistentStoreBuilder store) =>
        store.UseClustering(c =>
        {
            c.CheckinInterval = TimeSpan.FromSeconds(10);
            c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
        });

    public static void MapScheduling(this IEndpointRouteBuilder api)
    {
        api.MapDeadlineEndpoints();
        api.MapMailEndpoints();
    }
}
