using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.FairCompetition;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.FairCompetition;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Assessments;

/// <summary>
/// The drafting unit's fair-competition review (the rule its procedure gives the step: 第二十九条第一项 for a major
/// decision, <see cref="FairCompetitionRules.ArticleIn"/>): the conclusion through
/// <see cref="FairCompetitionService.RecordAsync"/> (the service the API calls), then the task's completion (the module's guard needs a conclusion that lets the draft go on).
/// </summary>
public sealed class FairCompetitionModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t, FairCompetitionService reviews)
    : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public string? Conclusion { get; set; }
    [BindProperty] public string? Detail { get; set; }

    public IReadOnlyList<FairCompetitionView> Reviews { get; private set; } = [];

    /// <summary>The rule the review rests on in this matter's procedure, as its refusals cite it.</summary>
    public string Article => FairCompetitionRules.ArticleIn(Dossier.Definition);

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        var rows = await Db.Set<FairCompetitionReview>().AsNoTracking().Where(r => r.InstanceId == Dossier.State!.Id).ToListAsync(ct);
        Reviews = [.. rows.OrderBy(r => r.RecordedAt).Select(FairCompetitionView.From)];
    }

    public Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct)
    {
        var request = new FairCompetitionRequest(Conclusion, string.IsNullOrWhiteSpace(Detail) ? null : Detail);
        return ActAsync(id, request,
            () => reviews.RecordAsync(Dossier.Matter.Id, request, "web-fair-competition:" + FormKey, ct),
            T["公平竞争审查结论已记录。"], code => code is "invalid-fair-competition-review" ? nameof(Detail) : null, ct);
    }

    public string ConclusionTitle(string conclusion) => conclusion switch
    {
        "compliant" => T["符合公平竞争审查标准"],
        "adjusted" => T["存在排除、限制竞争情形，已调整至符合"],
        "exception" => T["适用例外规定"],
        "not-compliant" => T["不符合，须调整决策草案"],
        _ => conclusion,
    };
}
