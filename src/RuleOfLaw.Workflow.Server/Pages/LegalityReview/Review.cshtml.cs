using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Tasks;
using RuleOfLaw.Workflow.Server.Web;
using RuleOfLaw.Workflow.Server.Integrity;

namespace RuleOfLaw.Workflow.Server.Pages.LegalityReview;

/// <summary>
/// The review office's legality review (第二十五条至第二十八条): findings on authority, procedure and content
/// (<see cref="LegalityService.FindingsAsync"/>), the counsel opinions of this round with their signatures verified
/// (<see cref="LegalityService.VerifyCounselAsync"/>), and the conclusion, completed on the API's path
/// (<c>POST /api/tasks/{id}/complete</c>, with the module's guards).
/// </summary>
public sealed class ReviewModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t, LegalityPageServices services)
    : LegalityPageModel(reader, db, commands, t, services)
{
    [BindProperty] public string? Authority { get; set; }
    [BindProperty] public string? Procedure { get; set; }
    [BindProperty] public string? ContentFindings { get; set; }
    [BindProperty] public string? LegalRisk { get; set; }

    /// <summary>The latest findings of this review task (the ones the guard counts).</summary>
    public FindingsView? Findings { get; private set; }

    /// <summary>The check of the reviewer's SM2 signature on the findings (issue 20); null when none are recorded.</summary>
    public SignatureCheck? FindingsCheck { get; private set; }

    /// <summary>The counsel opinions of this round (the last completed counsel task), with their signature checks.</summary>
    public IReadOnlyList<CounselOpinionShown> Opinions { get; private set; } = [];

    protected override async Task LoadLegalityStepAsync(CancellationToken ct)
    {
        Findings = Legality.Findings.Where(f => f.ReviewTaskId == Task.Id).LastOrDefault();
        FindingsCheck = Findings is null ? null : (await Services.Legality.VerifyFindingsAsync(Dossier.Matter.Id, Findings.Id, ct)).Value;
        var counselTask = Dossier.State!.Tasks.LastOrDefault(x => x.StepId == LegalityGuards.CounselStep && x.Status == WorkTaskStatus.Completed);
        var shown = new List<CounselOpinionShown>();
        foreach (var opinion in Legality.CounselOpinions.Where(o => o.CounselTaskId == counselTask?.Id))
        {
            var check = (await Services.Legality.VerifyCounselAsync(Dossier.Matter.Id, opinion.Id, ct)).Value;
            shown.Add(new CounselOpinionShown(opinion, Dossier.Zone, check?.Valid));
        }
        Opinions = shown;
        if (Request.Method == HttpMethods.Get && Findings is not null)
        {
            Authority ??= Findings.Authority;
            Procedure ??= Findings.Procedure;
            ContentFindings ??= Findings.Content;
            LegalRisk ??= Findings.LegalRisk;
        }
    }

    public Task<IActionResult> OnPostFindingsAsync(Guid id, CancellationToken ct)
    {
        var request = new FindingsRequest(Authority, Procedure, ContentFindings, string.IsNullOrWhiteSpace(LegalRisk) ? null : LegalRisk);
        return ActAsync(id, request,
            () => Services.Legality.FindingsAsync(Dossier.Matter.Id, request, "web-legality-findings:" + FormKey, ct),
            T["审查意见已记录。"], code => code is "invalid-findings" ? FindingsField : null, ct);
    }

    /// <summary>The conclusion: the task's completion with an outcome and the comment, refusals next to what they concern.</summary>
    public async Task<IActionResult> OnPostConcludeAsync(Guid id, CancellationToken ct)
    {
        var request = new CompleteTaskRequest(Outcome ?? "", string.IsNullOrWhiteSpace(Comment) ? null : Comment, null);
        return await CompleteThroughApiAsync(id, request, "web-complete:" + FormKey, T["合法性审查意见已出具。"], ConclusionField, ct);
    }

    /// <summary>The key of errors about the findings as a whole (shown above the findings form).</summary>
    public const string FindingsField = "Findings";

    private static string? ConclusionField(string code) => code switch
    {
        "comment-required" or "reason-required" or nameof(CompleteTaskRequest.Comment) => nameof(Comment),
        "unknown-outcome" or nameof(CompleteTaskRequest.Outcome) => nameof(Outcome),
        "review-findings-missing" => FindingsField,
        "legal-risk-required" => nameof(LegalRisk),
        _ => null,
    };
}
