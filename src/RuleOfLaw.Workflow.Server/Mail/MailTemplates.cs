using System.Globalization;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>What a mail about a task says: the matter, the step, the deadline (in the jurisdiction's local time) and a link.</summary>
public sealed record MailFacts(
    Guid MatterId, string MatterNumber, string MatterTitle, string StepTitle, DateTimeOffset? DueAt, TimeZoneInfo TimeZone,
    string? Extra = null);

public static class MailKinds
{
    public const string TaskAssigned = "task-assigned";
    public const string Reminder = "task-reminder";
    public const string Escalation = "task-escalation";
    public const string Digest = "daily-digest";
    public const string EvaluationDue = "evaluation-due";
    public const string ConsultationOpened = "consultation-opened";
    public const string ConsultationClosed = "consultation-closed";
    /// <summary>A normative document's validity ends in the configured months: evaluate it (MatterId is the document's id).</summary>
    public const string NormativeExpiry = "normative-expiry";
}

/// <summary>Plain-text templates, Chinese by default and English on request (<see cref="MailPreference.Language"/>).</summary>
public static class MailTemplates
{
    /// <summary>The daily digest's subject and first line, in the recipient's language.</summary>
    public static (string Subject, string Heading) Digest(int count, string language) => language == "en"
        ? ($"[Daily digest] {count} task notice(s)", $"Daily digest ({count} items)")
        : ($"【每日摘要】{count}条待办提醒", $"今日待办摘要（共{count}条）");

    public static (string Subject, string Body) Render(string kind, MailFacts f, string language, string baseUrl)
    {
        var link = kind == MailKinds.NormativeExpiry
            ? $"{baseUrl.TrimEnd('/')}/normative/documents/{f.MatterId}/expiry-decision"
            : $"{baseUrl.TrimEnd('/')}/matters/{f.MatterId}";
        // A consultation's end is the end of a period: its last day's 24:00 (《民法典》第二百零三条), as the pages show it,
        // not the next day's 00:00. A task's due time is an instant and reads as one.
        var due = f.DueAt is not { } d ? null
            : (kind is MailKinds.ConsultationOpened or MailKinds.ConsultationClosed ? ReaderTime.When(d, f.TimeZone).ToText(CultureInfo.InvariantCulture)
                : TimeZoneInfo.ConvertTime(d, f.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)) + $" ({f.TimeZone.Id})";
        var en = language == "en";
        var (subject, lead) = (kind, en) switch
        {
            (MailKinds.TaskAssigned, false) => ($"【新任务】{f.MatterTitle}：{f.StepTitle}", "您有一项新的办理任务。"),
            (MailKinds.TaskAssigned, true) => ($"[New task] {f.MatterTitle}: {f.StepTitle}", "A new task has been assigned to you."),
            (MailKinds.Reminder, false) => ($"【到期提醒】{f.MatterTitle}：{f.StepTitle}将于{due}到期", "您的任务即将到期，请及时办理。"),
            (MailKinds.Reminder, true) => ($"[Reminder] {f.MatterTitle}: {f.StepTitle} is due {due}", "Your task is due soon; please complete it in time."),
            (MailKinds.Escalation, false) => ($"【逾期督办】{f.MatterTitle}：{f.StepTitle}已逾期", "以下任务已超过办理期限仍未完成，请督促办理。"),
            (MailKinds.Escalation, true) => ($"[Overdue] {f.MatterTitle}: {f.StepTitle} is overdue", "The following task is past its deadline and still open; please follow up."),
            (MailKinds.EvaluationDue, false) => ($"【决策后评估】{f.MatterTitle}：评估时间已到", "依照《重大行政决策程序暂行条例》第三十六条，该决策的后评估时间已到，请组织开展决策后评估。"),
            (MailKinds.EvaluationDue, true) => ($"[Post-decision evaluation] {f.MatterTitle}: evaluation due", "Under article 36 of the Interim Regulations, the post-decision evaluation of this decision is now due."),
            (MailKinds.ConsultationOpened, false) => ($"【公开征求意见】{f.MatterTitle}：已发布", "决策草案已向社会公开征求意见（《重大行政决策程序暂行条例》第十五条），截止时间见下。"),
            (MailKinds.ConsultationOpened, true) => ($"[Consultation opened] {f.MatterTitle}", "The draft decision is open for public comment (article 15); it closes at the time below."),
            (MailKinds.ConsultationClosed, false) => ($"【征求意见结束】{f.MatterTitle}", "公开征求意见期限已届满并已结束，请对公众意见逐一研究处理并反馈（第十八条）。"),
            (MailKinds.ConsultationClosed, true) => ($"[Consultation closed] {f.MatterTitle}", "The public consultation has closed; please consider and answer the comments (article 18)."),
            (MailKinds.NormativeExpiry, false) => ($"【有效期届满提醒】{f.MatterTitle}", "该行政规范性文件有效期即将届满，请组织评估并决定继续施行（重新制发）、修改或到期失效。"),
            (MailKinds.NormativeExpiry, true) => ($"[Validity ending] {f.MatterTitle}", "This normative document's validity ends soon; please evaluate it and decide: continue (re-issue), amend, or let it lapse."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no template"),
        };
        var lines = en
            ? new[] { lead, "", $"Matter: {f.MatterNumber} {f.MatterTitle}", $"Step: {f.StepTitle}", due is null ? "Deadline: none" : $"Deadline: {due}" }
            : [lead, "", $"决策事项：{f.MatterNumber} {f.MatterTitle}", $"办理环节：{f.StepTitle}", due is null ? "办理期限：无" : $"办理期限：{due}"];
        var body = string.Join("\n", lines)
            + (f.Extra is null ? "" : "\n" + f.Extra)
            + $"\n{(en ? "Open" : "办理链接")}: {link}\n\n{(en ? "This message was sent by the major administrative decision procedure system." : "本邮件由重大行政决策程序系统自动发送，请勿直接回复。")}\n";
        return (subject, body);
    }
}
