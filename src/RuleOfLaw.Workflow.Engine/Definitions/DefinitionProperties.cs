namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// The properties <see cref="DefinitionReader"/> accepts on each kind of object in a definition file; any other
/// property is an error with its file and JSON path (a typo such as <c>"minimun"</c> must not silently delete a
/// statutory minimum). The keys are the names of the matching <c>$defs</c> in
/// <c>workflows/schema/procedure-definition.schema.json</c>, and a test holds the schema and this list equal, so a new
/// property is added to both together.
/// </summary>
public static class DefinitionProperties
{
    public const string Definition = "definition";
    public const string Attribute = "attribute";
    public const string Step = "step";
    public const string Outcome = "outcome";
    public const string Period = "period";
    public const string Event = "event";
    public const string Parties = "parties";
    public const string Completion = "completion";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByObject { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        // "$schema" lets an editor find the schema; the reader ignores its value.
        [Definition] = ["$schema", "id", "version", "title", "titleEn", "legalBasis", "attributes", "start", "steps", "events"],
        [Attribute] = ["name", "title", "titleEn", "article"],
        [Step] =
        [
            "id", "kind", "title", "titleEn", "article", "description", "role", "organization", "when", "join",
            "due", "minimum", "duration", "condition", "otherwise", "outcomes", "next", "signal", "completedBy", "events", "parties",
            "procedure", "passAttributes",
        ],
        [Outcome] = ["id", "title", "titleEn", "next", "commentRequired", "article", "set"],
        [Period] = ["days", "counting", "setting", "from", "when", "article", "restricts", "reasonIfShorter"],
        [Event] = ["signal", "title", "titleEn", "article", "interrupting", "next", "sentBy"],
        [Parties] = ["role", "organization", "outcomes", "completion", "last", "recorderRole", "recorderOrganization", "completedBy"],
        [Completion] = ["count", "share"],
    };
}
