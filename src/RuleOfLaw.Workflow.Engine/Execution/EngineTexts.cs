using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// The engine's own refusals (<c>EngineTexts.resx</c> zh-CN, <c>EngineTexts.en.resx</c>): code, article and arguments
/// like every module's, so an API client gets them in the language it asked for. Their class keeps the status each
/// code has always had (403 not authorized, 404 not found, 422 bad input, 409 otherwise).
/// </summary>
public sealed class EngineTexts : TextCatalog
{
    public static readonly EngineTexts Catalog = new();

    private EngineTexts() : base("engine")
    {
    }

    /// <summary>
    /// A refusal whose code is computed (<c>use-&lt;command&gt;</c>: a client learns which command completes the step)
    /// with one text of this catalog for every such code.
    /// </summary>
    public Refusal Computed(string code, string textKey, RefusalClass kind, string? article, params (string Name, object? Value)[] arguments) =>
        Refuse(kind, textKey, article, arguments) with { Code = code, TextKey = textKey };

    /// <summary>A step's title in the reader's language (the definition's <c>title</c> / <c>titleEn</c>).</summary>
    public static TwoLanguages Title(StepDefinition step) => new(step.Title, step.TitleEn ?? step.Title);

    /// <summary>A procedure's title in the reader's language.</summary>
    public static TwoLanguages Title(ProcedureDefinition definition) => new(definition.Title, definition.TitleEn ?? definition.Title);

    /// <summary>"7个工作日" / "7 working days".</summary>
    public static TwoLanguages Length(int days, Calendar.DayCounting counting) => counting == Calendar.DayCounting.WorkingDays
        ? new($"{days}个工作日", days == 1 ? "1 working day" : $"{days} working days")
        : new($"{days}日", days == 1 ? "1 day" : $"{days} days");
}
