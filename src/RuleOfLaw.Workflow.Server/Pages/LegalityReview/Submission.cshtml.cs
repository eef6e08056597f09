using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.LegalityReview;

/// <summary>
/// The drafting head's submission for legality review (第二十五条、第二十六条): the draft, the legal bases and the requested
/// opinion date; the system assembles the package and completes the task (<see cref="LegalityService.SubmitAsync"/>, the service the API calls).
/// </summary>
public sealed class SubmissionModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t, LegalityPageServices services)
    : LegalityPageModel(reader, db, commands, t, services)
{
    [BindProperty] public string? DraftReference { get; set; }
    [BindProperty] public string? DraftHash { get; set; }
    [BindProperty] public string? LegalBases { get; set; }
    [BindProperty] public string? RequestedOpinionDate { get; set; }

    /// <summary>The earliest acceptable opinion date, counted the API's way (<see cref="LegalitySubmissionPackage.ReviewTime"/>).</summary>
    public string? Earliest { get; private set; }
    public string? EarliestRule { get; private set; }
    public string? EarliestRefusal { get; private set; }

    /// <summary>The account of the procedures the system would put in the package now.</summary>
    public IReadOnlyList<ProcedureAccountLine> Account { get; private set; } = [];

    protected override Task LoadLegalityStepAsync(CancellationToken ct)
    {
        var state = Dossier.State!;
        var guaranteed = LegalitySubmissionPackage.ReviewTime(Services.Engine, Services.Registry, Dossier.Definition, state, Services.Clock.GetUtcNow(), null)?.Check;
        Earliest = guaranteed?.Minimum?.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        EarliestRule = guaranteed?.Rule;
        EarliestRefusal = guaranteed?.Refusals.FirstOrDefault()?.Message;
        Account = LegalitySubmissionPackage.Account(Dossier.Definition, state, Services.Engine.DeadlinesIn(state.Jurisdiction?.TimeZone));
        if (Request.Method == HttpMethods.Get)
        {
            // A resubmission starts from the last package.
            DraftReference ??= Package?.DraftReference;
            DraftHash ??= Package?.DraftHash;
            LegalBases ??= Package is null ? null : string.Join("\n", Package.LegalBases);
            RequestedOpinionDate ??= Earliest;
        }
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        var request = new LegalitySubmissionRequest(DraftReference, string.IsNullOrWhiteSpace(DraftHash) ? null : DraftHash.Trim(), Lines(LegalBases),
            RequestedOpinionDate?.Trim());
        var result = await ActAsync(id, request,
            () => Services.Legality.SubmitAsync(Dossier.Matter.Id, request, "web-legality-submission:" + FormKey, ct),
            T["已送请合法性审查。"], Field, ct);
        return ToDossierIfDone(result);
    }

    private static string? Field(string code) => code switch
    {
        "draftReference" or "draft-required" => nameof(DraftReference),
        "draftHash" => nameof(DraftHash),
        "legalBases" or "legal-bases-required" => nameof(LegalBases),
        "requestedOpinionDate" or "review-time-too-short" or "invalid-opinion-date" or "calendar-missing" => nameof(RequestedOpinionDate),
        _ => null,
    };
}
