using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.Tests.TestSupport;

/// <summary>The repository's real procedure definitions, jurisdiction settings and holiday calendars, as the server loads them.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<IReadOnlyList<ProcedureDefinition>> Definitions =
        new(() => DefinitionLoader.LoadDirectory(WorkflowsDirectory, ProcedureVocabulary.Instance));

    public static string WorkflowsDirectory => Path.Combine(Root.Value, "workflows");

    public static IReadOnlyList<ProcedureDefinition> LoadedDefinitions => Definitions.Value;

    public static ProcedureDefinition MajorAdministrativeDecision =>
        LoadedDefinitions.Single(d => d is { Id: "major-administrative-decision", Version: 7 });

    /// <summary>
    /// Version 2 of the normative-document procedure (the department's office meeting recorded by its head), as shipped
    /// before version 3 replaced it: documents pinned to it keep running, so its path stays tested. The copy is the
    /// server tests' fixture (they install it beside the current version).
    /// </summary>
    public static ProcedureDefinition NormativeDocumentVersion2 => NormativeVersion2.Value;

    private static readonly Lazy<ProcedureDefinition> NormativeVersion2 = new(() => DefinitionLoader.Parse(
        File.ReadAllText(Path.Combine(Root.Value, "tests", "RuleOfLaw.Workflow.Server.Tests", "NormativeDocuments", "Fixtures", "normative-document-v2.json")),
        "normative-document-v2.json", ProcedureVocabulary.Instance));

    /// <summary>
    /// Version 3 of the normative-document procedure (a document that is also a major decision is linked to a separate
    /// major-decision matter), as shipped before version 4 ran that procedure as its sub-procedure: documents pinned to
    /// it keep the linked path. The copy is the server tests' fixture.
    /// </summary>
    public static ProcedureDefinition NormativeDocumentVersion3 => NormativeVersion3.Value;

    private static readonly Lazy<ProcedureDefinition> NormativeVersion3 = new(() => DefinitionLoader.Parse(
        File.ReadAllText(Path.Combine(Root.Value, "tests", "RuleOfLaw.Workflow.Server.Tests", "NormativeDocuments", "Fixtures", "normative-document-v3.json")),
        "normative-document-v3.json", ProcedureVocabulary.Instance));

    private static readonly Lazy<IReadOnlyList<JurisdictionSettings>> LoadedJurisdictions =
        new(() => JurisdictionLoader.LoadDirectory(Path.Combine(WorkflowsDirectory, "jurisdictions")));

    /// <summary>The repository's jurisdiction settings files, validated as the server loads them.</summary>
    public static IReadOnlyList<JurisdictionSettings> Jurisdictions => LoadedJurisdictions.Value;

    public static JurisdictionSettings Jurisdiction(string id) => Jurisdictions.Single(j => j.Id == id);

    public static DeadlineCalculator Calculator() => new(
        HolidayCalendar.LoadDirectory(Path.Combine(WorkflowsDirectory, "calendars")),
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RuleOfLaw.Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RuleOfLaw.Workflow.sln not found above {AppContext.BaseDirectory}");
    }
}
