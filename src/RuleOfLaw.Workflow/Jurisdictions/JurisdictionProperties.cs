namespace RuleOfLaw.Workflow.Jurisdictions;

/// <summary>
/// The properties <see cref="JurisdictionLoader"/> accepts on each kind of object in a jurisdiction settings file;
/// any other is an error with file and JSON path. Keys are the <c>$defs</c> of
/// <c>workflows/schema/jurisdiction.schema.json</c>; a test holds the schema and this list equal.
/// </summary>
public static class JurisdictionProperties
{
    public const string Jurisdiction = "jurisdiction";
    public const string Periods = "periods";
    public const string Period = "period";
    public const string FilingRecipient = "filingRecipient";
    public const string ExpertPanel = "expertPanel";
    public const string Share = "share";
    public const string Deadlines = "deadlines";
    public const string EscalationTarget = "escalationTarget";
    public const string NormativeDocuments = "normativeDocuments";
    public const string NormativePeriods = "normativePeriods";
    public const string NormativeValidity = "normativeValidity";
    public const string NormativeNumbering = "normativeNumbering";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByObject { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        // "$schema" lets an editor find the schema; the loader ignores its value.
        [Jurisdiction] = ["$schema", "id", "name", "nameEn", "timeZone", "periods", "filing", "expertPanel", "evaluationsPerOrganPerYear", "deadlines", "normativeDocuments"],
        [Periods] = JurisdictionSettings.PeriodNames,
        [Period] = ["days", "counting", "article"],
        [FilingRecipient] = ["id", "recipient", "deadline"],
        [ExpertPanel] = ["minimumSize", "oddNumber", "maxGovernmentEmployedShare"],
        [Share] = ["numerator", "denominator"],
        [Deadlines] = ["reminderHoursBeforeDue", "escalationHoursAfterDue", "escalationTargets"],
        [EscalationTarget] = ["organization", "role", "name"],
        [NormativeDocuments] = ["periods", "validity", "numbering"],
        [NormativePeriods] = NormativeDocumentSettings.PeriodNames,
        [NormativeValidity] = ["maximumYears", "provisionalMaximumYears", "reminderMonthsBeforeExpiry", "article"],
        [NormativeNumbering] = ["registrationNumber", "documentNumber"],
    };
}
