using Microsoft.AspNetCore.Mvc;

namespace RuleOfLaw.Workflow.Server.Input;

/// <summary>
/// A page whose GET handler does not show the form (the public forms redirect to the page that embeds them) says how
/// to show it again after the input rules refused the post: load what it displays and return the page (the filter
/// sets the 400). The refusal is already in <c>ModelState</c>, next to its field.
/// </summary>
public interface IInputRefusedPage
{
    Task<IActionResult> ShowRefusedInputAsync(Guid id, CancellationToken ct);
}
