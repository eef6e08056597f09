using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Initiation;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Initiation;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Matters;

/// <summary>
/// Creating a matter through <see cref="MatterCreation"/>, the service behind <c>POST /api/matters</c>: the same checks
/// and refusals (shown next to their field), and a form key as the idempotency key so a double submission creates one matter.
/// </summary>
public sealed class NewModel(CurrentActor current, MatterCreation creation, DefinitionRegistry registry, WorkflowDbContext db,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? DraftingUnitId { get; set; }
    [BindProperty] public List<string> Attributes { get; set; } = [];
    [BindProperty] public string FormKey { get; set; } = Guid.NewGuid().ToString("N");

    public ProcedureDefinition Definition { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Categories => MatterCategories.All;
    public IReadOnlyDictionary<string, string> DraftingUnits { get; private set; } = new Dictionary<string, string>();
    public string? FormError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (DraftingUnits.Count == 0)
        {
            // The initiation module's rule (第十条), in the reader's language, as the API answers it.
            var refusal = MatterCreationRules.DraftingUnit(holdsDraftingRole: false)!;
            FormError = $"{refusal.TextIn(System.Globalization.CultureInfo.CurrentUICulture)}（{refusal.Article}）";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var request = new CreateMatterRequest(Title?.Trim() ?? "", string.IsNullOrWhiteSpace(Summary) ? null : Summary,
            string.IsNullOrEmpty(Category) ? null : Category, null, string.IsNullOrEmpty(DraftingUnitId) ? null : DraftingUnitId,
            Attributes.Distinct().ToDictionary(a => a, _ => true), null);
        // The API's own validation attributes on the request, so both refuse the same input.
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                foreach (var member in result.MemberNames)
                {
                    ModelState.AddModelError(member, member == nameof(Title) && string.IsNullOrWhiteSpace(Title)
                        ? t["请填写事项名称。"] : t["{0}过长。", member].Value);
                }
            }
            return this.Refused(StatusCodes.Status400BadRequest);
        }
        var actor = await current.GetAsync(ct);
        var outcome = await creation.CreateAsync(request, "web-new-matter:" + FormKey, actor, ct);
        var refusals = outcome.Succeeded ? outcome.Value!.Refusals : outcome.Refusals;
        if (refusals.Count > 0)
        {
            foreach (var refusal in refusals)
            {
                var field = refusal.Arguments?.GetValueOrDefault(RequestField.Argument) switch
                {
                    "category" => nameof(Category),
                    "attributes" => nameof(Attributes),
                    "draftingUnitId" when DraftingUnits.Count > 1 => nameof(DraftingUnitId),
                    _ => null,
                };
                if (field is null)
                {
                    FormError = FormError is null ? RefusalForms.Text(refusal) : $"{FormError} {RefusalForms.Text(refusal)}";
                }
                else
                {
                    ModelState.AddModelError(field, RefusalForms.Text(refusal));
                }
            }
            return this.Refused(RefusedPage.StatusOf(refusals));
        }
        var id = JsonSerializer.Deserialize<MatterView>(outcome.Value!.ResponseJson!, ApiJson.Options)!.Id;
        return Redirect($"/matters/{id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Definition = registry.Latest(MatterEndpoints.DefaultDefinition)
            ?? throw new InvalidOperationException($"Definition {MatterEndpoints.DefaultDefinition} is not installed.");
        var actor = await current.GetAsync(ct);
        var units = actor.Memberships.Where(m => m.Role is Roles.DraftingOfficer or Roles.DraftingHead).Select(m => m.OrganizationId).Distinct().ToList();
        DraftingUnits = await db.Organizations.AsNoTracking().Where(o => units.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => Ui.Pick(o.Name, o.NameEn), ct);
    }
}
