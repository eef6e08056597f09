using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using static RuleOfLaw.Workflow.Tests.AfterDecision.AfterDecisionRulesTests;

namespace RuleOfLaw.Workflow.Tests.AfterDecision;

/// <summary>Filing per recipient and its receipt (第四十三条) as plain rules.</summary>
public sealed class FilingRulesTests
{
    private static readonly DateOnly Issued = new(2026, 3, 2);
    private static readonly DateOnly Today = new(2026, 3, 12);
    private static readonly FilingRecipient Higher = Recipient("higher-government", "上一级人民政府");
    private static readonly IReadOnlyList<FilingRecipient> All = [Higher, Recipient("npc", "本级人民代表大会常务委员会")];

    private static Deadline Due(DateOnly last, int? provisionalYear = null) =>
        new(Issued, last, DateTimeOffset.UnixEpoch, DayCounting.Calendar, 15, "day", "15日", "自印发之日起15日内", provisionalYear);

    [Fact]
    public void A_filing_names_a_recipient_of_the_jurisdiction()
    {
        var unknown = Filing.File(null, All, Today, null, Issued, Today, null);
        Refused(unknown, "unknown-recipient", RefusalClass.Invalid, "第四十三条");
        Assert.Contains("npc（本级人民代表大会常务委员会）", unknown!.Message);
    }

    [Fact]
    public void A_filing_is_dated_between_issuance_and_today_and_its_receipt_not_before_it()
    {
        Refused(Filing.File(Higher, All, Today.AddDays(1), null, Issued, Today, Due(Today)), "date-in-future", RefusalClass.Invalid, "第四十三条");
        Refused(Filing.File(Higher, All, Issued.AddDays(-1), null, Issued, Today, Due(Today)), "date-too-early", RefusalClass.Invalid, "第四十三条");
        Refused(Filing.File(Higher, All, Today, Today.AddDays(-1), Issued, Today, Due(Today)), "date-too-early", RefusalClass.Invalid, "第四十三条");
        Assert.Null(Filing.File(Higher, All, Today, Today, Issued, Today, Due(Today)));
    }

    [Fact]
    public void A_filing_after_a_provisional_deadline_waits_for_the_years_calendar()
    {
        var provisional = Due(Issued.AddDays(5), provisionalYear: 2026);
        var waits = Filing.File(Higher, All, Today, null, Issued, Today, provisional);
        Refused(waits, "calendar-missing", RefusalClass.Conflict, "第四十三条");
        Assert.Contains("2026-03-07", waits!.Message);
        Assert.Contains("2026", waits.TextIn(RuleOfLaw.Workflow.Engine.Texts.TextCatalog.English));
        Assert.Null(Filing.File(Higher, All, Issued.AddDays(5), null, Issued, Today, provisional));
        Assert.True(Filing.CanJudge(Due(Issued), Today));
    }

    [Fact]
    public void A_recipient_is_filed_with_once()
    {
        var twice = Filing.AlreadyFiled(Higher);
        Refused(twice, "already-filed", RefusalClass.Conflict, "第四十三条");
        Assert.Contains("上一级人民政府", twice.Message);
    }

    [Fact]
    public void The_receipt_is_for_a_filing_on_record_by_the_filing_officer_once_and_dated_after_the_submission()
    {
        var filed = new FiledWith(Issued.AddDays(1), null, null);
        Refused(Filing.Receipt(null, true, "R-1", Today, Today).Refusal, "not-filed", RefusalClass.Conflict, "第四十三条");
        Refused(Filing.Receipt(filed, false, "R-1", Today, Today).Refusal, "forbidden", RefusalClass.Forbidden, "第四十三条");
        Refused(Filing.Receipt(filed, true, "R-1", Issued, Today).Refusal, "invalid-date", RefusalClass.Invalid, "第四十三条");
        Refused(Filing.Receipt(filed, true, "R-1", Today.AddDays(1), Today).Refusal, "invalid-date", RefusalClass.Invalid, "第四十三条");
        Assert.Equal(Filing.ReceiptAnswer.Record, Filing.Receipt(filed, true, "R-1", Today, Today).Value);

        var received = filed with { ReceiptNumber = "R-1", ReceivedOn = Today };
        Assert.Equal(Filing.ReceiptAnswer.AlreadyRecorded, Filing.Receipt(received, true, "R-1", Today, Today).Value);
        Refused(Filing.Receipt(received, true, "R-2", Today, Today).Refusal, "receipt-recorded", RefusalClass.Conflict, "第四十三条");
    }

    [Fact]
    public void Without_a_jurisdiction_list_the_one_recipient_is_the_higher_government()
    {
        var recipient = Assert.Single(Filing.Recipients(State()));
        Assert.Equal(("higher-government", 15), (recipient.Id, recipient.Deadline.Days));
    }
}
