using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The normative-document API (docs/normative-documents.md): thin handlers over the module's services; every rule
/// is in the services and in <c>RuleOfLaw.Workflow.NormativeDocuments</c>.
/// </summary>
public static class NormativeEndpoints
{
    public static IServiceCollection AddNormativeDocuments(this IServiceCollection services)
    {
        services.AddScoped<NormativeContext>();
        services.AddScoped<IssuerList>();
        services.AddScoped<DocumentDrafting>();
        services.AddScoped<ReviewPackages>();
        services.AddScoped<LegalityReviewOpinions>();
        services.AddScoped<Deliberation>();
        services.AddScoped<Registration>();
        services.AddScoped<Publication>();
        services.AddScoped<ExpiryEvaluation>();
        services.AddScoped<Catalogue>();
        services.AddScoped<Filings>();
        services.AddScoped<ReviewSuggestions>();
        services.AddScoped<Figures>();
        services.AddScoped<Cleanups>();
        // The figures on the record's dashboard and in its exports (issue 15 item 2).
        services.AddScoped<Record.Indicators.IIndicatorProvider, NormativeIndicatorProvider>();
        // The procedure on the engine (workflows/normative-document.json); the timers are the descriptor's.
        services.AddScoped<DocumentProcedure>();
        services.AddScoped<IInstanceTransitionObserver, MeetingDecisionProjection>();
        return services;
    }

    public static void MapNormativeDocuments(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/normative-issuers").WithTags("Normative documents");
        admin.MapGet("", (string? governmentId, IssuerList list, CancellationToken ct) => Run(async () => Results.Ok(await list.ListAsync(governmentId, listedOnly: false, ct))))
            .WithSummary("The issuing-entity lists, with delisted entries").Produces<List<IssuerView>>();
        admin.MapPost("", (AddIssuerRequest request, IssuerList list, CurrentActor actor, CancellationToken ct) =>
                Run(async () => { var view = await list.AddAsync(await actor.GetAsync(ct), request, ct); return Results.Created($"/api/normative-issuers/{view.Id}", view); }))
            .WithSummary("Administrator: put an entity on a government's issuing-entity list (Notice 37)").Produces<IssuerView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/delisting", (Guid id, IssuerList list, CurrentActor actor, CancellationToken ct) =>
                Run(async () => Results.Ok(await list.DelistAsync(await actor.GetAsync(ct), id, ct))))
            .WithSummary("Administrator: take an entity off the list").Produces<IssuerView>();

        var documents = app.MapGroup("/api/normative-documents").WithTags("Normative documents");
        documents.MapGet("", async (string? governmentId, NormativeContext context, CancellationToken ct) =>
        {
            var query = context.Db.Set<NormativeDocument>().AsNoTracking();
            if (governmentId is not null)
            {
                query = query.Where(d => d.GovernmentId == governmentId);
            }
            return Results.Ok((await query.ToListAsync(ct)).OrderByDescending(d => d.CreatedAt).Select(d => NormativeDocumentView.From(d)).ToList());
        }).WithSummary("Every normative document, newest first").Produces<List<NormativeDocumentView>>();
        documents.MapGet("/{id:guid}", (Guid id, NormativeContext context, LegalityReviewOpinions reviews, CancellationToken ct) => Run(async () =>
        {
            var document = await context.DocumentAsync(id, ct);
            var window = document.SubmittedForReviewOn is null ? null : await reviews.WindowAsync(document, ct);
            return Results.Ok(NormativeDocumentView.From(document, window, context.Today(await context.SettingsAsync(document.GovernmentId, ct))));
        })).WithSummary("One document with its review window and validity").Produces<NormativeDocumentView>();
        documents.MapGet("/{id:guid}/review-package", (Guid id, NormativeContext context, DocumentProcedure procedure, CancellationToken ct) => Run(async () =>
        {
            await context.DocumentAsync(id, ct);
            return await procedure.LoadAsync(id, ct) is { } running && ReviewPackages.Submitted(running) is { } package
                ? Results.Ok(package)
                : throw NormativeRefusedException.NotFound("合法性审核送审材料 / legality review package " + id);
        })).WithSummary("The legality review package of the last submission, as assembled from the record and journaled (Opinion 115)")
            .Produces<RuleOfLaw.Workflow.NormativeDocuments.LegalityReviewPackage>();
        documents.MapGet("/{id:guid}/events", (Guid id, NormativeContext context, CancellationToken ct) => Run(async () =>
        {
            // An unknown document is a 404 like on the document's other reads, not an empty history.
            await context.DocumentAsync(id, ct);
            return Results.Ok((await context.Db.Set<NormativeDocumentEvent>().AsNoTracking().Where(e => e.DocumentId == id).ToListAsync(ct))
                .OrderBy(e => e.At)
                // As the document page reads them (Accept-Language), with the stored note kept for scripts.
                .Select(e => new NormativeEventView(e.Type, e.At, e.Actor, HistoryNotes.Render(e.Type, e.Note, ReaderLanguage.Culture), e.Note)).ToList());
        }))
            .WithSummary("The document's history: each event's code, its note in the reader's language (Accept-Language) and the note as stored")
            .Produces<List<NormativeEventView>>();

        documents.MapPost("", (DraftRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, DocumentDrafting drafting, CurrentActor actor,
            CancellationToken ct) => Run(async () =>
        {
            var document = await drafting.CreateAsync(await actor.GetAsync(ct), request, ct, clientKey);
            return Results.Created($"/api/normative-documents/{document.Id}", NormativeDocumentView.From(document));
        })).WithSummary("Drafting unit of a listed entity: open a document (Notice 37; validity ≤ 5 years, 2 for 暂行/试行)")
            .Produces<NormativeDocumentView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        documents.MapPost("/{id:guid}/review-submission", (Guid id, DocumentDrafting drafting, CurrentActor actor, CancellationToken ct) =>
                Act(async () => await drafting.SubmitForReviewAsync(await actor.GetAsync(ct), id, ct)))
            .WithSummary("Drafting unit: submit the package for legality review (the 5-15 working days start)").Produces<NormativeDocumentView>();
        documents.MapPost("/{id:guid}/review-opinion", (Guid id, ReviewOpinionRequest request, LegalityReviewOpinions reviews, CurrentActor actor, CancellationToken ct) =>
                Act(async () => await reviews.RecordAsync(await actor.GetAsync(ct), id, request, ct)))
            .WithSummary("Justice office: the legality review opinion with the content checklist (Opinion 115)").Produces<NormativeDocumentView>();
        documents.MapPost("/{id:guid}/deliberation", (Guid id, DeliberationRequest request, Deliberation deliberation, CurrentActor actor, CancellationToken ct) =>
                Act(async () => await deliberation.RecordAsync(await actor.GetAsync(ct), id, request, ct)))
            .WithSummary("Collective deliberation; refused when not reviewed or found unlawful (Notice 37)").Produces<NormativeDocumentView>();
        documents.MapPost("/{id:guid}/signature", (Guid id, Deliberation deliberation, CurrentActor actor, CancellationToken ct) =>
                Act(async () => await deliberation.SignAsync(await actor.GetAsync(ct), id, ct)))
            .WithSummary("The issuing organ's head signs").Produces<NormativeDocumentView>();
        documents.MapPost("/{id:guid}/registration", (Guid id, Registration registration, CurrentActor actor, CancellationToken ct) =>
                Act(async () => await registration.RegisterAsync(await actor.GetAsync(ct), id, ct)))
            .WithSummary("Justice office: “三统一” registration and numbering (gap-free per entity and year)").Produces<NormativeDocumentView>();
        documents.MapPost("/{id:guid}/publication", (Guid id, NormativePublicationRequest request, Publication publication, CurrentActor actor, CancellationToken ct) =>
                Act(async () => await publication.PublishAsync(await actor.GetAsync(ct), id, request, ct)))
            .WithSummary("Justice office: publish on the portal; schedules the expiry reminder and the lapse").Produces<NormativeDocumentView>();
        documents.MapPost("/{id:guid}/expiry-decision", (Guid id, ExpiryDecisionRequest request, ExpiryEvaluation decisions, CurrentActor actor, CancellationToken ct) =>
                Act(async () => await decisions.DecideAsync(await actor.GetAsync(ct), id, request, ct)))
            .WithSummary("Issuer's head: continue, amend or lapse after the expiry reminder").Produces<NormativeDocumentView>();

        documents.MapGet("/{id:guid}/filings", (Guid id, Filings filings, CancellationToken ct) => Run(async () => Results.Ok(await filings.ForDocumentAsync(id, ct))))
            .WithSummary("The document's filings, one per recipient, with deadline and timeliness").Produces<List<NormativeFilingView>>();

        app.MapGet("/api/normative-figures", (string governmentId, int year, Figures figures, CancellationToken ct) =>
                Run(async () => Results.Ok(await figures.ComputeAsync(governmentId, year, ct))))
            .WithTags("Normative documents").WithSummary("Per government and registration year: issued, filing rate, timeliness, material conformity, review pass and legality review rates, each with its documents")
            .Produces<FiguresView>();

        var cleanups = app.MapGroup("/api/normative-cleanups").WithTags("Normative documents (clean-up)");
        cleanups.MapGet("", (string? governmentId, Cleanups list, CancellationToken ct) => Run(async () => Results.Ok(await list.ListAsync(governmentId, publishedOnly: false, ct))))
            .WithSummary("The clean-ups, newest first, with their documents and results").Produces<List<CleanupView>>();
        cleanups.MapGet("/{id:guid}", async (Guid id, Cleanups list, CancellationToken ct) => (await list.GetAsync(id, publishedOnly: false, ct)).ToHttp())
            .WithSummary("One clean-up").Produces<CleanupView>();
        cleanups.MapPost("", async (OpenCleanupRequest request, Cleanups list, CurrentActor actor, CancellationToken ct) =>
                (await list.OpenAsync(await actor.GetAsync(ct), request, ct)).ToHttp())
            .WithSummary("Administrator: open a clean-up with its scope (issuer, issue years, subject); fixes the documents in force it covers (Notice 37)")
            .Produces<CleanupView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        cleanups.MapPost("/{id:guid}/documents/{documentId:guid}/result", async (Guid id, Guid documentId, CleanupResultRequest request, Cleanups list, CurrentActor actor, CancellationToken ct) =>
                (await list.RecordResultAsync(await actor.GetAsync(ct), id, documentId, request, ct)).ToHttp())
            .WithSummary("Issuer's drafting unit: continue, amend, repeal or declare invalid, with a reason (谁制定谁清理)").Produces<CleanupView>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cleanups.MapPost("/{id:guid}/approval", async (Guid id, Cleanups list, CurrentActor actor, CancellationToken ct) =>
                (await list.ApproveAsync(await actor.GetAsync(ct), id, ct)).ToHttp())
            .WithSummary("Justice office: approve once every document has a result").Produces<CleanupView>().ProducesProblem(StatusCodes.Status409Conflict);
        cleanups.MapPost("/{id:guid}/publication", async (Guid id, Cleanups list, CurrentActor actor, CancellationToken ct) =>
                (await list.PublishAsync(await actor.GetAsync(ct), id, ct)).ToHttp())
            .WithSummary("Justice office: publish the results; repealed and invalid documents leave the current catalogue").Produces<CleanupView>();

        var filing = app.MapGroup("/api/normative-filings").WithTags("Normative documents (filing)");
        filing.MapGet("", (Filings filings, CurrentActor actor, CancellationToken ct) => Run(async () => Results.Ok(await filings.InboxAsync(await actor.GetAsync(ct), ct))))
            .WithSummary("The recipient's filing inbox").Produces<List<NormativeFilingView>>();
        filing.MapPost("/{id:guid}/submission", (Guid id, Filings filings, CurrentActor actor, CancellationToken ct) =>
                Run(async () => Results.Ok(await filings.FileAsync(await actor.GetAsync(ct), id, ct))))
            .WithSummary("Issuer: file (or re-file after a return) with this recipient").Produces<NormativeFilingView>();
        filing.MapPost("/{id:guid}/registration", (Guid id, Filings filings, CurrentActor actor, CancellationToken ct) =>
                Run(async () => Results.Ok(await filings.RegisterAsync(await actor.GetAsync(ct), id, ct))))
            .WithSummary("Recipient: register the filing").Produces<NormativeFilingView>();
        filing.MapPost("/{id:guid}/return", (Guid id, FilingReturnRequest request, Filings filings, CurrentActor actor, CancellationToken ct) =>
                Run(async () => Results.Ok(await filings.ReturnAsync(await actor.GetAsync(ct), id, request, ct))))
            .WithSummary("Recipient: return incomplete material (the first filing date still counts)").Produces<NormativeFilingView>();
        filing.MapPost("/{id:guid}/review", (Guid id, FilingReviewRequest request, Filings filings, CurrentActor actor, CancellationToken ct) =>
                Run(async () => Results.Ok(await filings.ReviewAsync(await actor.GetAsync(ct), id, request, ct))))
            .WithSummary("Recipient: accept, or issue a correction notice with its period").Produces<NormativeFilingView>();
        filing.MapPost("/{id:guid}/correction-answer", (Guid id, CorrectionAnswerRequest request, Filings filings, CurrentActor actor, CancellationToken ct) =>
                Run(async () => Results.Ok(await filings.AnswerCorrectionAsync(await actor.GetAsync(ct), id, request, ct))))
            .WithSummary("Issuer's head: answer a correction notice").Produces<NormativeFilingView>();

        var suggestions = app.MapGroup("/api/normative-review-suggestions").WithTags("Normative documents (filing)");
        suggestions.MapGet("", (ReviewSuggestions list, CurrentActor actor, CancellationToken ct) => Run(async () => Results.Ok(await list.InboxAsync(await actor.GetAsync(ct), ct))))
            .WithSummary("The recipient's review suggestions").Produces<List<ReviewSuggestionView>>();
        suggestions.MapPost("/{id:guid}/reply", (Guid id, ReviewSuggestionReplyRequest request, ReviewSuggestions list, CurrentActor actor, CancellationToken ct) =>
                Run(async () => Results.Ok(await list.ReplyAsync(await actor.GetAsync(ct), id, request, ct))))
            .WithSummary("Recipient: reply to a review suggestion").Produces<ReviewSuggestionReceipt>();

        var portal = app.MapGroup("/api/public").WithTags("Normative documents (portal)").AllowAnonymous();
        portal.MapGet("/normative-issuers", (string? governmentId, IssuerList list, CancellationToken ct) =>
                Run(async () => Results.Ok(await list.ListAsync(governmentId, listedOnly: true, ct))))
            .WithSummary("The published issuing-entity list (name and code)").Produces<List<IssuerView>>();
        portal.MapGet("/normative-documents", (string? governmentId, bool? current, Catalogue catalogue, CancellationToken ct) =>
                Run(async () => Results.Ok(await catalogue.PublishedAsync(governmentId, current ?? true, ct))))
            .WithSummary("The current-documents catalogue (现行有效目录); current=false lists every published document").Produces<List<PublicNormativeDocumentView>>();
        portal.MapGet("/normative-documents/{id:guid}", (Guid id, Catalogue catalogue, CancellationToken ct) =>
                Run(async () => Results.Ok(await catalogue.PublishedAsync(id, ct))))
            .WithSummary("A published document with its full text").Produces<PublicNormativeDocumentView>();
        portal.MapGet("/normative-cleanups", (string? governmentId, Cleanups list, CancellationToken ct) =>
                Run(async () => Results.Ok(await list.ListAsync(governmentId, publishedOnly: true, ct))))
            .WithSummary("The published clean-up results (清理结果)").Produces<List<CleanupView>>();
        portal.MapGet("/normative-cleanups/{id:guid}", async (Guid id, Cleanups list, CancellationToken ct) => (await list.GetAsync(id, publishedOnly: true, ct)).ToHttp())
            .WithSummary("One published clean-up's results").Produces<CleanupView>();
        portal.MapPost("/normative-documents/{id:guid}/review-suggestions", (Guid id, ReviewSuggestionRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ReviewSuggestions list, CancellationToken ct) =>
                Run(async () => { var receipt = await list.SubmitAsync(id, request, clientKey, ct); return Results.Created($"/api/public/review-suggestions/{receipt.Receipt}", receipt); }))
            .RequireRateLimiting(Participation.PublicEndpoints.RateLimitPolicy)
            .WithSummary("Anyone: a review suggestion (审查建议) on a published document, with a receipt (rate-limited like public comments)").Produces<ReviewSuggestionReceipt>(StatusCodes.Status201Created);
        portal.MapGet("/review-suggestions/{receipt}", (string receipt, ReviewSuggestions list, CancellationToken ct) =>
                Run(async () => Results.Ok(await list.ByReceiptAsync(receipt, ct))))
            .WithSummary("Follow a review suggestion by its receipt").Produces<ReviewSuggestionReceipt>();
    }

    private static Task<IResult> Run(Func<Task<IResult>> call) => NormativeProblems.Answer(call);

    private static Task<IResult> Act(Func<Task<NormativeDocument>> call) =>
        NormativeProblems.Answer(async () => Results.Ok(NormativeDocumentView.From(await call())));
}
