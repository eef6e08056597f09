using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Tasks;

/// <summary>
/// The generic task form: an outcome of the step and a comment (see <see cref="TaskPageModel"/>). Steps with their
/// own page register it in <see cref="StepPages"/>.
/// </summary>
public sealed class TaskModel(TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t)
    : TaskPageModel(reader, db, commands, t);
