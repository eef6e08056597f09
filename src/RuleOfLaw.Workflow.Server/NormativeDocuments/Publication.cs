using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// Publication on the portal (统一印发 and 公布) with the full text, the numbers, the dates and the validity; it
/// schedules the expiry reminder and the lapse on the existing durable timers, in the same transaction.
/// </summary>
public sealed class Publication(NormativeContext context, DomainTimers timers, Filings filings, DocumentProcedure procedure)
{
    public async Task<NormativeDocument> PublishAsync(Actor actor, Guid id, NormativePublicationRequest request, CancellationToken ct)
    {
        if (await procedure.AnsweredAsync(id, NormativeSteps.Publication, NormativeCommands.Publication, "published", request, actor, ct))
        {
            return await context.DocumentAsync(id, ct);
        }
        var document = await context.DocumentAsync(id, ct);
        NormativeContext.Require(actor, await context.JusticeOfficesAsync(document.GovernmentId, ct), [Roles.LegalityReviewer],
            "本级司法行政部门 / the justice office", NormativeArticles.UniformRegistration);
        CheckRegistered(document);
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(request.FullText))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("full-text-required", NormativeArticles.PublicationRequired));
        }
        var effective = request.EffectiveFrom ?? document.IssuedOn!.Value;
        if (effective < document.IssuedOn!.Value)
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("effective-before-issue", NormativeArticles.UniformRegistration,
                ("effective", NormativeProblems.Day(effective)), ("issued", NormativeProblems.Day(document.IssuedOn.Value))));
        }
        if (refusals.Count > 0)
        {
            throw new NormativeRefusedException(refusals);
        }
        await procedure.CheckAsync(document.Id, NormativeSteps.Publication, "published", null, NormativeCommands.Publication, actor, ct);
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        var period = ValidityRules.Period(effective, document.ValidityYears, settings.NormativeDocuments.ExpiryReminderMonths);
        var zone = context.Calculator(settings).TimeZone;
        var publishedAt = context.Clock.GetUtcNow();
        // The document, its filings and its two timers are saved with the step's completion: all or nothing.
        await procedure.ActAsync(id, new NormativeAct(NormativeSteps.Publication, NormativeCommands.Publication, "published", null,
            new { effectiveFrom = period.EffectiveFrom, lastDayInForce = period.LastDayInForce }, request), actor, async c =>
        {
            var stored = await context.DocumentAsync(id, c);
            CheckRegistered(stored);
            stored.FullText = request.FullText;
            stored.EffectiveFrom = period.EffectiveFrom;
            stored.LastDayInForce = period.LastDayInForce;
            stored.LapsesOn = period.LapsesOn;
            stored.ReminderOn = period.ReminderOn;
            stored.PublishedAt = publishedAt;
            stored.Status = NormativeStatuses.Published;
            context.Event(id, "published", actor.Id, $"施行{NormativeProblems.Day(period.EffectiveFrom)}，有效期至{NormativeProblems.Day(period.LastDayInForce)}");
            // One filing per recipient, each with its deadline from the issue day; a missing recipient refuses publication.
            await filings.CreateAsync(stored, c);
            await timers.AddAsync(ExpiryReminderTimer.TimerKind, id.ToString("N"), StartOf(period.ReminderOn, zone), null, null,
                ApiJson.Serialize(new { documentId = id }), c);
            await timers.AddAsync(LapseTimer.TimerKind, id.ToString("N"), StartOf(period.LapsesOn, zone), null, null,
                ApiJson.Serialize(new { documentId = id }), c);
        }, ct);
        await timers.ArmAfterCommitAsync(ct);
        return await context.DocumentAsync(id, ct);
    }

    private static void CheckRegistered(NormativeDocument document)
    {
        if (document.Status != NormativeStatuses.Registered)
        {
            throw NormativeRefusedException.WrongStage("公布 / published", document.Status, NormativeArticles.UniformRegistration);
        }
    }

    /// <summary>Local 00:00 of <paramref name="day"/> as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
