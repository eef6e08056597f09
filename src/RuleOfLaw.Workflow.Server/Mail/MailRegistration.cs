using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Mail;

public sealed record OutboxItem(Guid Id, string EventKey, string Kind, string ToAddress, string Subject, string Status, bool Digest,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);

/// <summary>How I receive mail: <c>immediate</c> or <c>daily-digest</c>; <c>zh</c> or <c>en</c>.</summary>
public sealed record MailPreferenceRequest([property: Required] string Delivery, string? Language);

public static class MailRegistration
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<SmtpConnectionPool>();
        services.AddSingleton<IMailSender, MailKitSender>();
        services.AddSingleton<MailLinks>();
        services.AddHostedService<MailStartupReport>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<ISignInAlerts, OutboxSignInAlerts>();
        // Run by recurring Hangfire jobs (Scheduling/SchedulingStartup), not a polling loop of its own.
        services.AddSingleton<OutboxWorker>();
        return services;
    }

    public static void MapMailEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/api/admin/outbox", async (WorkflowDbContext db, CancellationToken ct, string? status = null, int limit = 200) =>
        {
            if (limit is < 1 or > 5000)
            {
                return ApiProblem.Refused(ProblemTexts.Catalog.Invalid("invalid-query.outbox"));
            }
            var query = db.Set<OutboxMessage>().AsNoTracking();
            if (!string.IsNullOrWhiteSpace(status))
            {
                query = query.Where(m => m.Status == status);
            }
            var rows = await query.OrderByDescending(m => m.NextAttemptAt).Take(limit).ToListAsync(ct);
            return Results.Ok(rows.Select(m => new OutboxItem(m.Id, m.EventKey, m.Kind, m.ToAddress, m.Subject, m.Status, m.Digest, m.Attempts,
                m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError)).ToList());
        }).WithTags("Administration").RequireAuthorization(OperatorPolicy.Name) // every government's mail, and the SMTP link: the deployment's
          .WithSummary("Operators: the mail outbox: what is waiting, sent, or failed (status: Pending, Sending, Sent, Failed, NoAddress)")
          .Produces<List<OutboxItem>>();

        api.MapGet("/api/mail/preference", async (CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            var p = await db.Set<MailPreference>().AsNoTracking().SingleOrDefaultAsync(x => x.UserId == actor.Id, ct);
            return Results.Ok(new MailPreferenceRequest(p?.Delivery ?? MailPreference.Immediate, p?.Language ?? "zh"));
        }).WithTags("Mail").WithSummary("My mail preference").Produces<MailPreferenceRequest>();

        api.MapPut("/api/mail/preference", async (MailPreferenceRequest request, CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
        {
            var language = request.Language ?? "zh";
            if (request.Delivery is not (MailPreference.Immediate or MailPreference.DailyDigest) || language is not ("zh" or "en"))
            {
                return ApiProblem.Refused(ProblemTexts.Catalog.Invalid("invalid-mail-preference"));
            }
            var actor = await current.GetAsync(ct);
            var p = await db.Set<MailPreference>().SingleOrDefaultAsync(x => x.UserId == actor.Id, ct);
            if (p is null)
            {
                db.Set<MailPreference>().Add(new MailPreference { UserId = actor.Id, Delivery = request.Delivery, Language = language });
            }
            else
            {
                p.Delivery = request.Delivery;
                p.Language = language;
            }
            await db.SaveChangesAsync(ct);
            return Results.Ok(new MailPreferenceRequest(request.Delivery, language));
        }).WithTags("Mail").WithSummary("Set my mail preference: each mail at once, or one digest a day").Produces<MailPreferenceRequest>();
    }
}
