using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>
/// Issuing the decision: the report to the Party committee before issuing (第三十一条), publication with the use of
/// public and expert opinions explained (第三十二条), archiving once the dossier is complete (第三十三条). The service
/// has checked the step (<see cref="StepActs.MayRecord"/>); these check the act itself.
/// </summary>
public static class Issuance
{
    public const string PartyReportArticle = "第三十一条";
    public const string PublicationArticle = "第三十二条";
    public const string ArchivingArticle = "第三十三条";

    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

    /// <summary>The report to the Party committee: its form, its date, once per task.</summary>
    public static Refusal? PartyReport(string? form, ActDay day, bool alreadyRecorded) =>
        string.IsNullOrWhiteSpace(form) ? T.Invalid("form-required", PartyReportArticle)
        : StepActs.Dated(day, PartyReportArticle)
        ?? (alreadyRecorded ? T.Conflict("already-recorded.party-report", PartyReportArticle) : null);

    /// <summary>
    /// 第三十二条: a matter that went through public participation or expert argumentation explains, when published,
    /// how the public's and the experts' opinions were used.
    /// </summary>
    public static bool NeedsOpinionsUse(InstanceState state) =>
        state.Steps.GetValueOrDefault("public-participation")?.Status == StepStatus.Completed
        || state.Steps.GetValueOrDefault("expert-argumentation")?.Status == StepStatus.Completed;

    /// <summary>The publication: at least one known channel, the use of opinions when required, its date, once per task.</summary>
    public static Refusal? Publication(IReadOnlyCollection<string> channels, string? opinionsUse, bool opinionsUseRequired, ActDay day, bool alreadyRecorded)
    {
        if (channels.Count == 0 || channels.Any(c => !PublicationChannels.All.ContainsKey(c)))
        {
            return T.Invalid("invalid-channels", PublicationArticle, ("channels", PublicationChannels.All.Keys.ToList()));
        }
        if (opinionsUseRequired && string.IsNullOrWhiteSpace(opinionsUse))
        {
            return T.Invalid("opinions-use-required", PublicationArticle);
        }
        return StepActs.Dated(day, PublicationArticle) ?? (alreadyRecorded ? T.Conflict("already-recorded.publication", PublicationArticle) : null);
    }

    /// <summary>
    /// Archiving (立卷归档): dated, and refused while any record of the dossier is missing (<paramref name="missing"/>,
    /// each "title（article）", in the checklist's order), once per task.
    /// </summary>
    public static Refusal? Archive(ActDay day, IReadOnlyList<string> missing, bool alreadyRecorded) =>
        StepActs.Dated(day, ArchivingArticle)
        ?? (missing.Count > 0 ? T.Conflict("archive-incomplete", ArchivingArticle, ("missing", missing)) : null)
        ?? (alreadyRecorded ? T.Conflict("already-recorded.archive", ArchivingArticle) : null);
}
