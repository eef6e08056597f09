using RuleOfLaw.Workflow.Record.Indicators;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>
/// The normative-document figures (<see cref="NormativeFigures"/>) as indicators of the annual record (issue 15 item 2:
/// "the normative-document figures plug in when that procedure exists"), so the dashboard, the drill-down, the XLSX
/// and the report draft show them beside the major-decision figures. The year is the registration year (三统一
/// 登记编号的年度); a department's figures are those of documents it issued. docs/indicators.md repeats each definition.
/// </summary>
public static class NormativeIndicators
{
    public const string Procedure = "normative-document";
    public const string Group = "normative-documents";

    public static readonly IndicatorDefinition Issued = new(
        "normative-issued", Procedure, Group, "制发行政规范性文件数", "Normative documents issued",
        "年度内统一登记（登记编号年度为该年）的行政规范性文件件数；以下备案比例均以此为基数。",
        "Documents registered in the year (三统一); the base of the filing figures below.",
        NormativeArticles.UniformRegistration, IndicatorRequirement.Count);

    public static readonly IndicatorDefinition FilingRate = new(
        "normative-filing-rate", Procedure, Group, "报备率", "Filing rate",
        "上述文件中，向每一备案机关均已报送备案的比例（有件必备）。",
        "Of the documents registered in the year, those filed with every recipient.",
        NormativeArticles.Filing, IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition FilingTimeliness = new(
        "normative-filing-timeliness-rate", Procedure, Group, "报备及时率", "Filing timeliness",
        "已报备文件中，每一份备案均在期限内（自印发之日起，按辖区备案期限，首次报送之日计）报送的比例。",
        "Of the filed documents, those whose every filing was first submitted within the jurisdiction's deadline from issuance.",
        NormativeArticles.Filing + "；辖区设置 normativeDocuments.filingDays", IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition MaterialConformity = new(
        "normative-material-conformity-rate", Procedure, Group, "报备材料规范率", "Filing material conformity",
        "已报备文件中，没有一份备案被备案机关退回补正材料的比例（指标体系要求100%）。",
        "Of the filed documents, those none of whose filings was returned for material (the indicators expect 100 %).",
        "《市县法治政府建设示范指标体系》（2021）；" + NormativeArticles.Filing, IndicatorRequirement.Target);

    public static readonly IndicatorDefinition ReviewPass = new(
        "normative-review-pass-rate", Procedure, Group, "备案审查通过率", "Filing review pass rate",
        "每一份备案均已审查完毕的文件中，全部审查结论为通过（未发出纠正通知）的比例。",
        "Of the documents whose every filing was reviewed, those accepted by every recipient (no correction notice).",
        NormativeArticles.Filing, IndicatorRequirement.Count);

    public static readonly IndicatorDefinition LegalityReview = new(
        "normative-legality-review-rate", Procedure, Group, "合法性审核率", "Legality review before deliberation",
        "年度内登记且经集体审议的文件中，审议前经合法性审核的比例；未经审核的不得提交集体审议。",
        "Of the documents registered in the year and deliberated, those reviewed for legality first.",
        NormativeArticles.NoDeliberationWithoutReview, IndicatorRequirement.AllByLaw);

    /// <summary>The indicators in the order pages and reports show them.</summary>
    public static IReadOnlyList<IndicatorDefinition> All { get; } = [Issued, FilingRate, FilingTimeliness, MaterialConformity, ReviewPass, LegalityReview];

    /// <summary>Which <see cref="NormativeFigures"/> figure each indicator shows.</summary>
    public static IReadOnlyDictionary<string, string> FigureNames { get; } = new Dictionary<string, string>
    {
        [Issued.Id] = "issued",
        [FilingRate.Id] = "filing-rate",
        [FilingTimeliness.Id] = "filing-timeliness-rate",
        [MaterialConformity.Id] = "material-conformity-rate",
        [ReviewPass.Id] = "review-pass-rate",
        [LegalityReview.Id] = "legality-review-rate",
    };

    /// <summary>The material-conformity target of the indicators (the seeds: "材料规范率……均达到100%").</summary>
    public const long ConformityTargetPercent = 100;

    /// <summary>
    /// The indicator figure of one computed <see cref="Figure"/>: <see cref="Issued"/> is a count, the others shares
    /// judged by <see cref="IndicatorRules.Share"/> (so "under 100 % where the law requires 100 %" is flagged the same
    /// way as for major decisions).
    /// </summary>
    public static IndicatorFigure ToIndicator(IndicatorDefinition definition, Figure figure) =>
        definition.Requirement == IndicatorRequirement.Count && definition == Issued
            ? IndicatorRules.Count(definition, figure.Numerator)
            : IndicatorRules.Share(definition, figure.Numerator, figure.Denominator,
                definition.Requirement == IndicatorRequirement.Target ? ConformityTargetPercent : null);

    /// <summary>
    /// The report's paragraph on normative documents, in the seeds' style ("报备率、报备及时率、材料规范率均达到100%")
    /// only when the figures show it; otherwise each rate as it is. Null when nothing was registered in the year.
    /// </summary>
    public static string? ReportParagraph(IReadOnlyDictionary<string, IndicatorFigure> figures)
    {
        if (!figures.TryGetValue(Issued.Id, out var issued))
        {
            return null;
        }
        if (issued.Value == 0)
        {
            return "本年度未制发行政规范性文件。";
        }
        static string Rate(IndicatorFigure f) => f.Percent is { } p ? p.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "不适用";
        var filing = figures[FilingRate.Id];
        var timely = figures[FilingTimeliness.Id];
        var conform = figures[MaterialConformity.Id];
        var allHundred = filing.Met == true && timely.Met == true && conform.Met == true && filing.Of > 0;
        var text = $"制发行政规范性文件{issued.Value}件，均实行统一登记、统一编号、统一印发；" +
            (allHundred
                ? "报备率、报备及时率、材料规范率均达到100%"
                : $"报备率{Rate(filing)}（应报备{filing.Of}件，已报备{filing.Value}件），报备及时率{Rate(timely)}，材料规范率{Rate(conform)}");
        var review = figures[ReviewPass.Id];
        var legality = figures[LegalityReview.Id];
        return text + $"；备案审查通过率{Rate(review)}，合法性审核率{Rate(legality)}。";
    }
}
