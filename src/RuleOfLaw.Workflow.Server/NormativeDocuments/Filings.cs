using Microsoft.EntityFrameworkCore;
using System.Text.Json.Nodes;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

public sealed record NormativeFilingView(
    Guid Id, Guid DocumentId, string DocumentTitle, string? RegistrationNumber, string RecipientKind, string RecipientOrganizationId,
    DateOnly DueOn, string DueRule, string Status, DateOnly? FirstFiledOn, bool? Timely, int Returns, string? ReturnReason, string? Result,
    string? Reasons, DateOnly? CorrectionDueOn, string? CorrectionAnswer)
{
    public static NormativeFilingView From(NormativeFiling f, NormativeDocument d) => new(
        f.Id, f.DocumentId, d.Title, d.RegistrationNumber, f.RecipientKind, f.RecipientOrganizationId, f.DueOn, f.DueRule, f.Status, f.FirstFiledOn,
        f.FirstFiledOn is { } first ? FilingRules.Timely(first, f.DueOn) : null, f.Returns, f.ReturnReason, f.Result, f.Reasons, f.CorrectionDueOn, f.CorrectionAnswer);
}

public sealed record FilingReturnRequest(string? Reason);

public sealed record FilingReviewRequest(string? Result, string? Reasons);

public sealed record CorrectionAnswerRequest(string? Answer);

/// <summary>
/// Filing (备案) and filing review (备案审查): “有件必备、有备必审、有错必纠”. The filings are created when the document
/// is published, one per recipient, each with its own deadline (within 15 days of issuance, setting); the issuer
/// files, the recipient registers, returns incomplete material, reviews and accepts or issues a correction notice
/// with a period (setting), and the issuer answers it.
/// </summary>
public sealed class Filings(NormativeContext context, DocumentProcedure procedure)
{
    private static readonly string[] Issuers = [Roles.DraftingOfficer, Roles.DraftingHead];

    /// <summary>
    /// The recipients' offices: a department document's same-level government's justice office; a government
    /// document's next higher government's justice office and the same-level people's congress standing committee.
    /// A missing one refuses publication: every document must be filed (有件必备), so the tree must say to whom.
    /// </summary>
    public async Task<List<NormativeFiling>> CreateAsync(NormativeDocument document, CancellationToken ct)
    {
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        var due = FilingRules.Due(context.Calculator(settings), document.IssuedOn!.Value, settings.NormativeDocuments);
        var filings = new List<NormativeFiling>();
        foreach (var kind in FilingRules.Recipients(document.Kind))
        {
            var organization = await RecipientAsync(document.GovernmentId, kind, ct)
                ?? throw new NormativeRefusedException(NormativeTexts.Catalog.Conflict("filing-recipient-missing", NormativeArticles.Filing, ("recipient", kind), ("government", document.GovernmentId)));
            filings.Add(new NormativeFiling
            {
                Id = Guid.NewGuid(), DocumentId = document.Id, RecipientKind = kind, RecipientOrganizationId = organization, DueOn = due.LastDay,
                DueRule = $"{settings.NormativeDocuments.Period(Jurisdictions.NormativeDocumentSettings.FilingDeadline).Article}；{due.Explanation}",
                Status = FilingStatuses.Due,
            });
        }
        context.Db.Set<NormativeFiling>().AddRange(filings);
        return filings;
    }

    private async Task<string?> RecipientAsync(string governmentId, string kind, CancellationToken ct)
    {
        var organizations = context.Db.Organizations.AsNoTracking();
        var government = kind switch
        {
            FilingRecipientKinds.SameLevelGovernment => governmentId,
            FilingRecipientKinds.HigherGovernment => await organizations.Where(o => o.Id == governmentId).Select(o => o.ParentId).SingleOrDefaultAsync(ct),
            _ => null,
        };
        return kind == FilingRecipientKinds.PeopleCongressStandingCommittee
            ? await organizations.Where(o => o.ParentId == governmentId && o.Kind == OrganizationScopes.PeopleCongressStandingCommittee).Select(o => o.Id).FirstOrDefaultAsync(ct)
            : government is null ? null
            : await organizations.Where(o => o.ParentId == government && o.Kind == OrganizationScopes.LegalityReviewOffice).Select(o => o.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<List<NormativeFilingView>> ForDocumentAsync(Guid documentId, CancellationToken ct)
    {
        var document = await context.DocumentAsync(documentId, ct);
        return (await context.Db.Set<NormativeFiling>().AsNoTracking().Where(f => f.DocumentId == documentId).ToListAsync(ct))
            .OrderBy(f => f.RecipientKind, StringComparer.Ordinal).Select(f => NormativeFilingView.From(f, document)).ToList();
    }

    /// <summary>The recipient's inbox: filings to the offices where the actor reviews.</summary>
    public async Task<List<NormativeFilingView>> InboxAsync(Actor actor, CancellationToken ct)
    {
        var offices = actor.Memberships.Where(m => m.Role == Roles.LegalityReviewer).Select(m => m.OrganizationId).ToList();
        var filings = await context.Db.Set<NormativeFiling>().AsNoTracking().Where(f => offices.Contains(f.RecipientOrganizationId) && f.Status != FilingStatuses.Due).ToListAsync(ct);
        var ids = filings.Select(f => f.DocumentId).Distinct().ToList();
        var documents = await context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        return filings.OrderBy(f => f.DueOn).Select(f => NormativeFilingView.From(f, documents[f.DocumentId])).ToList();
    }

    /// <summary>The issuer's filings: those of the documents of the listed entities whose drafting unit the actor belongs to.</summary>
    public async Task<List<NormativeFilingView>> OfIssuerAsync(Actor actor, CancellationToken ct)
    {
        var units = actor.Memberships.Where(m => Issuers.Contains(m.Role)).Select(m => m.OrganizationId).ToList();
        var issuers = await context.Db.Set<NormativeIssuer>().AsNoTracking().Where(i => units.Contains(i.OrganizationId)).Select(i => i.Id).ToListAsync(ct);
        var documents = await context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => issuers.Contains(d.IssuerId) && d.PublishedAt != null)
            .ToDictionaryAsync(d => d.Id, ct);
        var ids = documents.Keys.ToList();
        return (await context.Db.Set<NormativeFiling>().AsNoTracking().Where(f => ids.Contains(f.DocumentId)).ToListAsync(ct))
            .OrderBy(f => f.DueOn).ThenBy(f => f.RecipientKind, StringComparer.Ordinal).Select(f => NormativeFilingView.From(f, documents[f.DocumentId])).ToList();
    }

    /// <summary>
    /// The issuer files (or re-files after a return); only a published document (Notice 37). The first filing with
    /// the last recipient not yet filed with completes the procedure's filing step, in the same transaction.
    /// </summary>
    public async Task<NormativeFilingView> FileAsync(Actor actor, Guid filingId, CancellationToken ct)
    {
        var (filing, document) = await LoadAsync(filingId, ct);
        var request = new { filing = filingId };
        if (await procedure.AnsweredAsync(document.Id, NormativeSteps.Filing, NormativeCommands.Filing, "filed", request, actor, ct))
        {
            return await ViewAsync(filingId, ct);
        }
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        NormativeContext.Require(actor, [issuer.OrganizationId], Issuers, $"{issuer.Name} / the issuer", NormativeArticles.Filing);
        if (FilingRules.CheckCanFile(document.PublishedAt is not null) is { } unpublished)
        {
            throw new NormativeRefusedException(unpublished);
        }
        CheckStatus(filing, "报送备案 / filed", FilingStatuses.Due, FilingStatuses.Returned);
        var today = context.Today(await context.SettingsAsync(document.GovernmentId, ct));
        var all = await context.Db.Set<NormativeFiling>().AsNoTracking().Where(f => f.DocumentId == document.Id).ToListAsync(ct);
        // The last recipient filed with completes the procedure's filing step: this person must be able to complete it.
        NormativeAct? step = null;
        if (filing.FirstFiledOn is null && all.All(f => f.Id == filing.Id || f.FirstFiledOn is not null)
            && (await procedure.LoadAsync(document.Id, ct))?.OpenTask(NormativeSteps.Filing) is not null)
        {
            await procedure.CheckAsync(document.Id, NormativeSteps.Filing, "filed", null, NormativeCommands.Filing, actor, ct);
            step = new NormativeAct(NormativeSteps.Filing, NormativeCommands.Filing, "filed", null,
                new { filings = all.Select(f => new { f.Id, f.RecipientOrganizationId, FirstFiledOn = f.FirstFiledOn ?? today, f.DueOn }) }, request);
        }
        var filedAt = context.Clock.GetUtcNow();
        await procedure.ActAsync(document.Id, step, actor, async c =>
        {
            var stored = await context.Db.Set<NormativeFiling>().SingleAsync(f => f.Id == filingId, c);
            CheckStatus(stored, "报送备案 / filed", FilingStatuses.Due, FilingStatuses.Returned);
            stored.FirstFiledOn ??= today;
            stored.LastFiledAt = filedAt;
            stored.Status = FilingStatuses.Filed;
            context.Event(stored.DocumentId, "filed", actor.Id, $"{stored.RecipientKind}{(stored.Returns > 0 ? "（补正后重新报送）" : "")}");
        }, ct);
        if (step is null)
        {
            await procedure.FollowFilingsAsync(document.Id, actor, ct);
        }
        return await ViewAsync(filingId, ct);
    }

    public Task<NormativeFilingView> RegisterAsync(Actor actor, Guid filingId, CancellationToken ct) =>
        RecipientActAsync(actor, filingId, [FilingStatuses.Filed], "登记 / registered", (filing, _) =>
        {
            filing.Status = FilingStatuses.Registered;
            filing.RegisteredAt = context.Clock.GetUtcNow();
            return "filing-registered";
        }, ct);

    /// <summary>Incomplete material goes back to the issuer; the time still counts from the first filing.</summary>
    public Task<NormativeFilingView> ReturnAsync(Actor actor, Guid filingId, FilingReturnRequest request, CancellationToken ct) =>
        RecipientActAsync(actor, filingId, [FilingStatuses.Filed, FilingStatuses.Registered], "退回补正 / returned", (filing, _) =>
        {
            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                throw new NormativeRefusedException(NormativeTexts.Catalog.Invalid("return-reason-required", NormativeArticles.Filing));
            }
            filing.Status = FilingStatuses.Returned;
            filing.Returns++;
            filing.ReturnReason = request.Reason;
            return "filing-returned";
        }, ct);

    /// <summary>Accept, or issue a correction notice whose period comes from the settings (default 30 days).</summary>
    public Task<NormativeFilingView> ReviewAsync(Actor actor, Guid filingId, FilingReviewRequest request, CancellationToken ct) =>
        RecipientActAsync(actor, filingId, [FilingStatuses.Registered, FilingStatuses.CorrectionAnswered], "审查 / reviewed", async (filing, document) =>
        {
            if (FilingRules.CheckReview(request.Result ?? "", request.Reasons) is { } refusal)
            {
                throw new NormativeRefusedException(refusal);
            }
            filing.Result = request.Result;
            filing.Reasons = request.Reasons;
            filing.ReviewedAt = context.Clock.GetUtcNow();
            if (request.Result == FilingReviewResults.Accepted)
            {
                filing.Status = FilingStatuses.Accepted;
                return "filing-accepted";
            }
            var settings = await context.SettingsAsync(document.GovernmentId, ct);
            var period = settings.NormativeDocuments.Period(Jurisdictions.NormativeDocumentSettings.CorrectionPeriod);
            filing.CorrectionDueOn = context.Calculator(settings).AfterDays(context.Today(settings), period.Days, period.Counting).LastDay;
            filing.Status = FilingStatuses.Correction;
            return "correction-notice";
        }, ct, request);

    /// <summary>The issuer's answer to a correction notice (amended, repealed or explained); the recipient reviews again.</summary>
    public async Task<NormativeFilingView> AnswerCorrectionAsync(Actor actor, Guid filingId, CorrectionAnswerRequest request, CancellationToken ct)
    {
        var (filing, document) = await LoadAsync(filingId, ct);
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        NormativeContext.Require(actor, [issuer.OrganizationId], IssuerHead.Roles, $"{issuer.Name}负责人 / the issuer's head", NormativeArticles.Filing);
        if (filing.Status == FilingStatuses.CorrectionAnswered && filing.CorrectionAnswer == request.Answer)
        {
            // The same answer again (a resent form, a retry): answered as it stands, nothing written.
            return NormativeFilingView.From(filing, document);
        }
        if (filing.Status != FilingStatuses.Correction)
        {
            throw WrongStage("答复纠正通知 / answered", filing.Status);
        }
        if (string.IsNullOrWhiteSpace(request.Answer))
        {
            throw new NormativeRefusedException(NormativeTexts.Catalog.Invalid("correction-answer-required", NormativeArticles.Filing));
        }
        filing.CorrectionAnswer = request.Answer;
        filing.CorrectionAnsweredAt = context.Clock.GetUtcNow();
        filing.Status = FilingStatuses.CorrectionAnswered;
        context.Event(document.Id, "correction-answered", actor.Id, filing.RecipientKind);
        await context.Db.SaveChangesAsync(ct);
        return NormativeFilingView.From(filing, document);
    }

    /// <summary>
    /// A recipient's act on a filing. The acceptance by the last recipient still to accept concludes the procedure's
    /// filing review (its signal), in the same transaction as the filing's row.
    /// </summary>
    private async Task<NormativeFilingView> RecipientActAsync(Actor actor, Guid filingId, string[] from, string act,
        Func<NormativeFiling, NormativeDocument, ValueTask<string>> apply, CancellationToken ct, FilingReviewRequest? review = null)
    {
        var (filing, document) = await LoadAsync(filingId, ct);
        var request = new { filing = filingId, review };
        if (review is not null && await procedure.AnsweredAsync(document.Id, NormativeSteps.FilingReview, NormativeCommands.FilingReviewConcluded,
                FilingReviewResults.Accepted, request, actor, ct, signal: true))
        {
            return await ViewAsync(filingId, ct);
        }
        NormativeContext.Require(actor, [filing.RecipientOrganizationId], [Roles.LegalityReviewer], "备案审查机关 / the filing recipient", NormativeArticles.Filing);
        CheckStatus(filing, act, from);
        NormativeAct? step = null;
        if (review?.Result == FilingReviewResults.Accepted
            && await context.Db.Set<NormativeFiling>().AsNoTracking().Where(f => f.DocumentId == document.Id && f.Id != filingId).AllAsync(f => f.Status == FilingStatuses.Accepted, ct)
            && (await procedure.LoadAsync(document.Id, ct))?.State.Steps.GetValueOrDefault(NormativeSteps.FilingReview)?.Status == StepStatus.Active)
        {
            var all = await context.Db.Set<NormativeFiling>().AsNoTracking().Where(f => f.DocumentId == document.Id).ToListAsync(ct);
            step = ConcludedSignal(all.Select(f => (f.Id, f.RecipientOrganizationId, f.Id == filingId ? review.Result : f.Result)), request);
        }
        await procedure.ActAsync(document.Id, step, actor, async c =>
        {
            var stored = await context.Db.Set<NormativeFiling>().SingleAsync(f => f.Id == filingId, c);
            CheckStatus(stored, act, from);
            var type = await apply(stored, document);
            context.Event(document.Id, type, actor.Id, $"{stored.RecipientKind} {stored.Reasons ?? stored.ReturnReason}".Trim());
        }, ct);
        if (step is null)
        {
            await procedure.FollowFilingsAsync(document.Id, actor, ct);
        }
        return await ViewAsync(filingId, ct);
    }

    /// <summary>The filing review's signal: every recipient has accepted the document (有备必审).</summary>
    internal static NormativeAct ConcludedSignal(IEnumerable<(Guid Id, string RecipientOrganizationId, string? Result)> filings, object request)
    {
        // The journal keeps the zh-CN text as its comment and the text's code in its data, rendered for each reader.
        var comment = NormativeTexts.Catalog.Line("comment.filing-review-concluded");
        var data = ApiJson.Serialize(new { filings = filings.Select(f => new { f.Id, f.RecipientOrganizationId, f.Result }) });
        return new(NormativeSteps.FilingReview, NormativeCommands.FilingReviewConcluded, FilingReviewResults.Accepted, comment.ToText(TextCatalog.Chinese),
            JsonNode.Parse(StoredTexts.WithComment(data, comment))!, request, Signal: true, SentBy: NormativeCommands.FilingReview);
    }

    private Task<NormativeFilingView> RecipientActAsync(Actor actor, Guid filingId, string[] from, string act, Func<NormativeFiling, NormativeDocument, string> apply, CancellationToken ct) =>
        RecipientActAsync(actor, filingId, from, act, (f, d) => ValueTask.FromResult(apply(f, d)), ct);

    private async Task<NormativeFilingView> ViewAsync(Guid filingId, CancellationToken ct)
    {
        context.Db.ChangeTracker.Clear();
        var (filing, document) = await LoadAsync(filingId, ct);
        return NormativeFilingView.From(filing, document);
    }

    private static void CheckStatus(NormativeFiling filing, string act, params string[] from)
    {
        if (!from.Contains(filing.Status))
        {
            throw WrongStage(act, filing.Status);
        }
    }

    private async Task<(NormativeFiling, NormativeDocument)> LoadAsync(Guid filingId, CancellationToken ct)
    {
        var filing = await context.Db.Set<NormativeFiling>().SingleOrDefaultAsync(f => f.Id == filingId, ct)
            ?? throw NormativeRefusedException.NotFound("备案 / filing " + filingId);
        return (filing, await context.DocumentAsync(filing.DocumentId, ct));
    }

    private static NormativeRefusedException WrongStage(string act, string status) =>
        new(NormativeTexts.Catalog.Conflict("filing-wrong-stage", NormativeArticles.Filing, ("act", act), ("status", status)));
}
