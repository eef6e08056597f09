using RuleOfLaw.Workflow.Engine.Execution;
using NormativeProcedureRules = RuleOfLaw.Workflow.NormativeDocuments.NormativeProcedureRules;

namespace RuleOfLaw.Workflow.Jurisdictions;

/// <summary>
/// One jurisdiction's settings (辖区设置): its time zone, the statutory and local periods, filing recipients,
/// expert-panel rules and the yearly number of post-decision evaluations. Read from
/// <c>workflows/jurisdictions/{id}.json</c> by <see cref="JurisdictionLoader"/>; the national floors are checked there.
/// </summary>
public sealed record JurisdictionSettings
{
    /// <summary>The jurisdiction every organization without its own belongs to; it must exist.</summary>
    public const string DefaultId = "default";

    /// <summary>Consultation period minimum (公开征求意见期限), 《重大行政决策程序暂行条例》第十五条: not less than 30 days.</summary>
    public const string ConsultationMinimum = "consultationMinimum";

    /// <summary>Hearing materials delivered this long before the hearing (第十七条: 7 days before).</summary>
    public const string HearingMaterialsLeadTime = "hearingMaterialsLeadTime";

    /// <summary>Legality review time (第二十六条: generally not less than 7 working days).</summary>
    public const string LegalityReviewMinimum = "legalityReviewMinimum";

    /// <summary>Publication deadline (第三十二条 "promptly"; 《政府信息公开条例》第二十六条: 20 working days).</summary>
    public const string PublicationDeadline = "publicationDeadline";

    /// <summary>Archiving deadline (第三十三条; e.g. 30 days after completion).</summary>
    public const string ArchivingDeadline = "archivingDeadline";

    /// <summary>The first filing recipient's deadline (per-recipient filing tracking is later work).</summary>
    public const string FilingDeadline = "filingDeadline";

    /// <summary>The periods in <see cref="Periods"/> (each required in a settings file).</summary>
    public static IReadOnlyList<string> PeriodNames { get; } =
        [ConsultationMinimum, HearingMaterialsLeadTime, LegalityReviewMinimum, PublicationDeadline, ArchivingDeadline];

    /// <summary>Every period-setting name a procedure definition may use (<c>"due": { "setting": … }</c>).</summary>
    /// <remarks>
    /// The normative-document procedure's names (<see cref="NormativeProcedureRules.SettingNames"/>) come
    /// from the <c>normativeDocuments</c> section and are put in that procedure's snapshot when its instance starts.
    /// </remarks>
    public static IReadOnlySet<string> PeriodSettingNames { get; } =
        PeriodNames.Append(FilingDeadline).Concat(NormativeProcedureRules.SettingNames).ToHashSet(StringComparer.Ordinal);

    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    /// <summary>IANA id; deadlines are counted in its local days.</summary>
    public required string TimeZone { get; init; }
    public required IReadOnlyDictionary<string, SettingPeriod> Periods { get; init; }
    /// <summary>Filing recipients (备案机关), each with its own deadline after issuance; at least one.</summary>
    public required IReadOnlyList<FilingRecipient> Filing { get; init; }
    public required ExpertPanelRules ExpertPanel { get; init; }
    /// <summary>Post-decision evaluations each decision organ must carry out per year (第三十六条; local plans).</summary>
    public required int EvaluationsPerOrganPerYear { get; init; }
    /// <summary>Reminders before and escalations after a task's due date (optional in the file; <see cref="DeadlineNotificationSettings.Default"/>).</summary>
    public DeadlineNotificationSettings Deadlines { get; init; } = DeadlineNotificationSettings.Default;
    /// <summary>The normative-document procedure's settings (optional in the file; <see cref="NormativeDocumentSettings.Default"/>).</summary>
    public NormativeDocumentSettings NormativeDocuments { get; init; } = NormativeDocumentSettings.Default;
    /// <summary>The file the settings were read from.</summary>
    public string? SourceFile { get; init; }

    /// <summary>What an instance receives at start: the time zone and every period setting, as they are now.</summary>
    public JurisdictionSnapshot Snapshot()
    {
        var periods = Periods.ToDictionary(p => p.Key, p => Copy(p.Value), StringComparer.Ordinal);
        periods[FilingDeadline] = Copy(Filing[0].Deadline);
        // The normative-document procedure's periods (issue 14), under the names its definition uses; its own start
        // replaces the consultation minimum by the one that applies to the draft (NormativeProcedureRules.Snapshot).
        periods[NormativeProcedureRules.ConsultationMinimumSetting] = Copy(NormativeDocuments.Period(NormativeDocumentSettings.ConsultationMinimum));
        periods[NormativeProcedureRules.LegalityReviewMaximumSetting] = Copy(NormativeDocuments.Period(NormativeDocumentSettings.LegalityReviewMaximum));
        periods[NormativeProcedureRules.FilingDeadlineSetting] = Copy(NormativeDocuments.Period(NormativeDocumentSettings.FilingDeadline));
        var filing = Filing.Select(f => new FilingRecipientSnapshot { Id = f.Id, Recipient = f.Name, Deadline = Copy(f.Deadline) }).ToList();
        return new JurisdictionSnapshot { Id = Id, Name = Name, TimeZone = TimeZone, Periods = periods, Filing = filing };
    }

    private static SettingPeriod Copy(SettingPeriod p) => new() { Days = p.Days, Counting = p.Counting, Article = p.Article };
}

/// <summary>A filing recipient (备案机关, e.g. 上一级人民政府 or 本级人大常委会) and its deadline after issuance.</summary>
public sealed record FilingRecipient(string Id, string Name, SettingPeriod Deadline);

/// <summary>
/// Local rules on expert panels (national law has no numbers): a minimum size, an odd number of members, a maximum
/// share of government-employed experts. Null / false means the rule is off.
/// </summary>
public sealed record ExpertPanelRules(int? MinimumSize, bool OddNumber, Share? MaxGovernmentEmployedShare);

/// <summary>A fraction such as 1/3.</summary>
public sealed record Share(int Numerator, int Denominator)
{
    public override string ToString() => $"{Numerator}/{Denominator}";
}
