using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The justice office's legality review opinion on a page (<c>/normative/documents/{id}/review-opinion</c>, Opinion 115):
/// the conclusion, the content checklist answered item by item (no / yes with a note; any "yes" forbids "lawful", Notice
/// 37) and the written opinion — the same service as <c>POST /api/normative-documents/{id}/review-opinion</c>
/// (<see cref="LegalityReviewOpinions.RecordAsync"/>). An item left unanswered is not sent, so the service names it
/// (<c>checklist-incomplete</c>); an opinion before the 5th working day is refused (409) with the earliest day.
/// </summary>
public sealed class ReviewOpinionModel(NormativeContext context, LegalityReviewOpinions reviews, DocumentProcedure procedure, CurrentActor current,
    IStringLocalizer<SharedResource> t) : DocumentActModel(context, reviews, procedure, current, t)
{
    [BindProperty] public string? Conclusion { get; set; }

    /// <summary>Each item's answer, <c>yes</c> or <c>no</c> (form names <c>Answer[item]</c>); an item not answered is absent.</summary>
    [BindProperty] public Dictionary<string, string> Answer { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each item's note (form names <c>Note[item]</c>): what the document contains, required with a "yes".</summary>
    [BindProperty] public Dictionary<string, string> Note { get; set; } = new(StringComparer.Ordinal);

    [BindProperty] public string? Opinion { get; set; }

    /// <summary>The package the drafting unit submitted, as assembled from the record and journaled (null: not submitted on the procedure).</summary>
    public LegalityReviewPackage? Package { get; private set; }

    protected override async Task LoadedAsync(NormativeDocument document, CancellationToken ct) =>
        Package = await Procedure.LoadAsync(document.Id, ct) is { } running ? ReviewPackages.Submitted(running) : null;

    /// <summary>A missing material as the reviewer reads it (<see cref="ReviewPackageMaterials"/>).</summary>
    public static string MissingText(string material) => material switch
    {
        ReviewPackageMaterials.Draft => Ui.Pick("文件送审稿（案卷中没有“草案”类文件）", "The draft (no file of kind “draft” in the record)"),
        ReviewPackageMaterials.LegalBases => Ui.Pick("制定依据", "The legal bases"),
        ReviewPackageMaterials.ConsultationRecord => Ui.Pick("征求意见情况（应当征求意见，案卷中没有征求意见记录）", "The consultation record (a consultation was due; the record holds none)"),
        _ => material,
    };

    protected override string StepId => NormativeSteps.LegalityReview;

    protected override IReadOnlyCollection<string> Stages => [NormativeStatuses.InReview];

    /// <summary>The checklist items as the reviewer reads them (Notice 37, Opinion 115), zh-CN and English.</summary>
    public static string ItemText(string item) => item switch
    {
        "creates-licence" => Ui.Pick("设定行政许可或者增设许可条件", "Creates an administrative licence or adds licence conditions"),
        "creates-penalty" => Ui.Pick("设定行政处罚", "Creates an administrative penalty"),
        "creates-compulsory-measure" => Ui.Pick("设定行政强制措施", "Creates an administrative compulsory measure"),
        "adds-duties" => Ui.Pick("没有法律依据增加公民、法人和其他组织的义务", "Adds duties without a legal basis"),
        "reduces-rights" => Ui.Pick("没有法律依据减损公民、法人和其他组织的合法权益", "Reduces lawful rights without a legal basis"),
        "enlarges-powers" => Ui.Pick("增加本机关权力或者减少本机关法定职责", "Enlarges the organ's powers or reduces its statutory duties"),
        "certification-requirement" => Ui.Pick("没有法律依据设定证明事项", "Sets certification requirements without a legal basis"),
        "restricts-competition" => Ui.Pick("含有排除、限制公平竞争的内容", "Excludes or restricts fair competition"),
        _ => item,
    };

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var checklist = LegalityReviewRules.ChecklistItems
            .Where(item => Answer.GetValueOrDefault(item) is "yes" or "no")
            .Select(item => new ChecklistAnswer(item, Answer[item] == "yes", string.IsNullOrWhiteSpace(Note.GetValueOrDefault(item)) ? null : Note[item].Trim()))
            .ToList();
        var request = new ReviewOpinionRequest(Conclusion ?? "", checklist, string.IsNullOrWhiteSpace(Opinion) ? null : Opinion.Trim());
        return ActAsync(id, actor => Reviews.RecordAsync(actor, id, request, ct), "合法性审核意见已记录。", $"/normative/documents/{id}", code => code switch
        {
            "review-conclusion-unknown" or "checklist-forbids-lawful" => nameof(Conclusion),
            "checklist-incomplete" or "checklist-note-required" or "checklist-item-unknown" or "checklist-item-twice" => "Checklist",
            "comment-required" => nameof(Opinion),
            _ => null,
        }, ct);
    }
}
