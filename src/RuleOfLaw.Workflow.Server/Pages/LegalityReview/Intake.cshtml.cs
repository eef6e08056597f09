using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Tasks;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.LegalityReview;

/// <summary>
/// The review office receives the package (第二十六条): the whole package on one page; accept it, or return it with the
/// list of what is missing (the completion's <c>data.missing</c>, required by the module's guard) and the reasons.
/// </summary>
public sealed class IntakeModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t, LegalityPageServices services)
    : LegalityPageModel(reader, db, commands, t, services)
{
    [BindProperty] public string? Missing { get; set; }
    [BindProperty] public string? ReturnComment { get; set; }

    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct)
    {
        var missing = new JsonArray([.. Lines(Missing).Select(m => (JsonNode)JsonValue.Create(m))]);
        var request = new CompleteTaskRequest(LegalityOutcomes.Returned, string.IsNullOrWhiteSpace(ReturnComment) ? null : ReturnComment,
            new JsonObject { ["missing"] = missing });
        return await CompleteThroughApiAsync(id, request, "web-legality-return:" + FormKey, T["已退回送审材料。"], Field, ct);
    }

    private static string? Field(string code) => code switch
    {
        "missing-items-required" => nameof(Missing),
        "comment-required" or "reason-required" or nameof(CompleteTaskRequest.Comment) => nameof(ReturnComment),
        _ => null,
    };
}
