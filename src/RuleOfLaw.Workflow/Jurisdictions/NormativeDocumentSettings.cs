using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Jurisdictions;

/// <summary>
/// The numbers of the normative-document procedure that differ between provinces (shared/domain/normative-documents.md,
/// the rules marked "setting"): consultation, legality review, filing, correction and reply periods, validity, the
/// expiry reminder and the numbering patterns. Optional in a jurisdiction file; <see cref="Default"/> holds the
/// national defaults, and the loader refuses a value below a national floor.
/// </summary>
public sealed record NormativeDocumentSettings
{
    public const string ConsultationMinimum = "consultationMinimum";
    public const string ConsultationMinimumMarketActors = "consultationMinimumMarketActors";
    public const string LegalityReviewMinimum = "legalityReviewMinimum";
    public const string LegalityReviewMaximum = "legalityReviewMaximum";
    public const string FilingDeadline = "filingDeadline";
    public const string CorrectionPeriod = "correctionPeriod";
    public const string ReviewSuggestionReply = "reviewSuggestionReply";

    /// <summary>Every period a file must give when it has a <c>normativeDocuments</c> section.</summary>
    public static IReadOnlyList<string> PeriodNames { get; } =
        [ConsultationMinimum, ConsultationMinimumMarketActors, LegalityReviewMinimum, LegalityReviewMaximum, FilingDeadline, CorrectionPeriod, ReviewSuggestionReply];

    /// <summary>The registration number pattern's placeholders: issuing entity code, year, sequence.</summary>
    public static IReadOnlyList<string> RegistrationPlaceholders { get; } = ["{code}", "{year}", "{seq}"];

    /// <summary>The document number pattern's placeholders: the entity's document-number prefix, year, sequence.</summary>
    public static IReadOnlyList<string> DocumentNumberPlaceholders { get; } = ["{prefix}", "{year}", "{seq}"];

    public required IReadOnlyDictionary<string, SettingPeriod> Periods { get; init; }
    /// <summary>Longest validity in years (common provincial rule: 5).</summary>
    public required int MaximumValidityYears { get; init; }
    /// <summary>Longest validity of a document titled 暂行 or 试行 (common provincial rule: 2).</summary>
    public required int ProvisionalMaximumValidityYears { get; init; }
    /// <summary>Months before expiry at which the issuer is reminded to evaluate (default 6).</summary>
    public required int ExpiryReminderMonths { get; init; }
    /// <summary>The rule the validity numbers come from.</summary>
    public required string ValidityArticle { get; init; }
    /// <summary>Registration number (登记号) pattern, e.g. <c>{code}GS—{year}—{seq}</c>.</summary>
    public required string RegistrationNumberPattern { get; init; }
    /// <summary>Document number (发文字号) pattern, e.g. <c>{prefix}〔{year}〕{seq}号</c>.</summary>
    public required string DocumentNumberPattern { get; init; }

    public SettingPeriod Period(string name) => Periods[name];

    /// <summary>The national defaults of shared/domain/normative-documents.md.</summary>
    public static NormativeDocumentSettings Default { get; } = new()
    {
        Periods = new Dictionary<string, SettingPeriod>(StringComparer.Ordinal)
        {
            [ConsultationMinimum] = new() { Days = 7, Counting = DayCounting.WorkingDays, Article = "《市县法治政府建设示范指标体系》：行政规范性文件公开征求意见一般不少于7个工作日" },
            [ConsultationMinimumMarketActors] = new() { Days = 30, Counting = DayCounting.Calendar, Article = "《市县法治政府建设示范指标体系》：与市场主体生产经营活动密切相关的，征求意见一般不少于30日" },
            [LegalityReviewMinimum] = new() { Days = 5, Counting = DayCounting.WorkingDays, Article = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）：审核时间原则上不少于5个工作日" },
            [LegalityReviewMaximum] = new() { Days = 15, Counting = DayCounting.WorkingDays, Article = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）：最长不超过15个工作日" },
            [FilingDeadline] = new() { Days = 15, Counting = DayCounting.Calendar, Article = "本级行政规范性文件管理办法：自印发之日起15日内报送备案" },
            [CorrectionPeriod] = new() { Days = 30, Counting = DayCounting.Calendar, Article = "本级行政规范性文件备案审查规定：纠正通知书载明的自行纠正期限" },
            [ReviewSuggestionReply] = new() { Days = 60, Counting = DayCounting.Calendar, Article = "本级行政规范性文件备案审查规定：审查建议的处理和答复期限" },
        },
        MaximumValidityYears = 5,
        ProvisionalMaximumValidityYears = 2,
        ExpiryReminderMonths = 6,
        ValidityArticle = "本级行政规范性文件管理办法：有效期最长不超过5年，名称冠以“暂行”“试行”的不超过2年",
        RegistrationNumberPattern = "{code}GS—{year}—{seq}",
        DocumentNumberPattern = "{prefix}〔{year}〕{seq}号",
    };
}
