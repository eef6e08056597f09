using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>What is on record of one filing: when it was submitted and the recipient's receipt, if any.</summary>
public sealed record FiledWith(DateOnly SubmittedOn, string? ReceiptNumber, DateOnly? ReceivedOn);

/// <summary>
/// Filing per recipient (第四十三条 and the jurisdiction's <c>filing</c> list): each recipient's deadline is counted
/// from the issuance date on the recipient's own period; the recipients are those of the jurisdiction snapshot the
/// instance started with, so editing the settings never changes a running matter.
/// </summary>
public static class Filing
{
    public const string Article = "第四十三条";

    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

    public static IReadOnlyList<FilingRecipient> Recipients(InstanceState state)
    {
        if (state.Jurisdiction is { Filing.Count: > 0 } jurisdiction)
        {
            return jurisdiction.Filing.Select(f => new FilingRecipient(f.Id, f.Recipient, f.Deadline)).ToList();
        }
        // Started before per-recipient filing: the one deadline it has (the first recipient's).
        var period = state.Jurisdiction?.Periods.GetValueOrDefault(JurisdictionSettings.FilingDeadline)
            ?? new SettingPeriod { Days = 15, Counting = DayCounting.Calendar, Article = Article };
        return [new FilingRecipient("higher-government", "上一级人民政府", period)];
    }

    /// <summary>
    /// The recipient's deadline. When it ends in a year without a holiday calendar it is provisional (its earliest
    /// possible day, <see cref="Deadline.IsProvisional"/>): a filing on or before that day is certainly on time.
    /// </summary>
    public static Deadline Due(DeadlineCalculator calendar, DateOnly issuedOn, FilingRecipient recipient) =>
        calendar.AfterDaysAtLeast(issuedOn, recipient.Deadline.Days, recipient.Deadline.Counting);

    /// <summary>Whether a filing submitted on <paramref name="submittedOn"/> can be judged now: always with a final deadline, and on or before a provisional one's earliest day.</summary>
    public static bool CanJudge(Deadline due, DateOnly submittedOn) => !due.IsProvisional || submittedOn <= due.LastDay;

    /// <summary>
    /// A filing with one recipient: a recipient of the jurisdiction, submitted between issuance and today, a receipt not
    /// before the submission, a deadline that can judge it (issue 16 item 6: a later filing waits for the year's calendar).
    /// </summary>
    public static Refusal? File(
        FilingRecipient? recipient, IReadOnlyList<FilingRecipient> recipients, DateOnly submittedOn, DateOnly? receivedOn, DateOnly issuedOn, DateOnly today,
        Deadline? due)
    {
        if (recipient is null)
        {
            return T.Invalid("unknown-recipient", Article, ("recipients", recipients.Select(r => $"{r.Id}（{r.Name}）").ToList()));
        }
        if (StepActs.Dated(new ActDay("filing", submittedOn, issuedOn, today), Article) is { } badDate)
        {
            return badDate;
        }
        if (receivedOn is { } received && received < submittedOn)
        {
            return T.Invalid("date-too-early.receipt", Article);
        }
        if (due is null || !CanJudge(due, submittedOn))
        {
            return T.Conflict("calendar-missing", recipient.Deadline.Article,
                ("recipient", recipient.Name), ("earliest", due?.LastDay), ("year", due?.ProvisionalYear));
        }
        return null;
    }

    /// <summary>A recipient is filed with once.</summary>
    public static Refusal AlreadyFiled(FilingRecipient recipient) => T.Conflict("already-filed", Article, ("recipient", recipient.Name));

    /// <summary>Whether a receipt is recorded, or was already recorded with the same number and date (a retry).</summary>
    public enum ReceiptAnswer { Record, AlreadyRecorded }

    /// <summary>
    /// The recipient's receipt (回执): for a filing on record, by the filing officer (the task's role), once; dated
    /// between the submission and today.
    /// </summary>
    public static Rules.Ruling<ReceiptAnswer?> Receipt(FiledWith? filed, bool isFilingOfficer, string receiptNumber, DateOnly receivedOn, DateOnly today)
    {
        if (filed is null)
        {
            return T.Conflict("not-filed", Article);
        }
        if (!isFilingOfficer)
        {
            return T.Forbidden("forbidden.receipt", Article);
        }
        if (filed.ReceiptNumber is not null && filed.ReceivedOn is not null)
        {
            return filed.ReceiptNumber == receiptNumber && filed.ReceivedOn == receivedOn
                ? Rules.Ruling<ReceiptAnswer?>.Accept(ReceiptAnswer.AlreadyRecorded)
                : T.Conflict("receipt-recorded", Article);
        }
        return receivedOn < filed.SubmittedOn || receivedOn > today
            ? T.Invalid("invalid-date", Article)
            : Rules.Ruling<ReceiptAnswer?>.Accept(ReceiptAnswer.Record);
    }
}
