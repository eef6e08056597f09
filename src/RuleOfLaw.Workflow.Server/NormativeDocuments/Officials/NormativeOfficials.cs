using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>How the officials' pages name a document's and a filing's stage (zh-CN, English).</summary>
public static class NormativeOfficials
{
    public static string DocumentStatus(string status) => status switch
    {
        NormativeStatuses.Drafting => Ui.Pick("起草中", "Drafting"),
        NormativeStatuses.InReview => Ui.Pick("合法性审核中", "In legality review"),
        NormativeStatuses.Reviewed => Ui.Pick("已审核", "Reviewed"),
        NormativeStatuses.Deliberated => Ui.Pick("已集体审议", "Deliberated"),
        NormativeStatuses.Signed => Ui.Pick("已签发", "Signed"),
        NormativeStatuses.Registered => Ui.Pick("已登记编号", "Registered"),
        NormativeStatuses.Published => Ui.Pick("已公布", "Published"),
        NormativeStatuses.Lapsed => Ui.Pick("已失效", "Lapsed"),
        NormativeStatuses.Repealed => Ui.Pick("已废止", "Repealed"),
        NormativeStatuses.Invalid => Ui.Pick("已宣布失效", "Declared invalid"),
        _ => status,
    };

    /// <summary>The legality review's conclusion (Opinion 115: 合法 / 应当修改 / 不合法).</summary>
    public static string Conclusion(string? conclusion) => conclusion switch
    {
        RuleOfLaw.Workflow.NormativeDocuments.ReviewConclusions.Lawful => Ui.Pick("合法", "Lawful"),
        RuleOfLaw.Workflow.NormativeDocuments.ReviewConclusions.Amend => Ui.Pick("应当修改", "To be amended"),
        RuleOfLaw.Workflow.NormativeDocuments.ReviewConclusions.Unlawful => Ui.Pick("不合法", "Unlawful"),
        _ => conclusion ?? "—",
    };

    public static string FilingStatus(string status) => status switch
    {
        FilingStatuses.Due => Ui.Pick("待报备", "To be filed"),
        FilingStatuses.Filed => Ui.Pick("已报备，待登记", "Filed, awaiting registration"),
        FilingStatuses.Registered => Ui.Pick("已登记，待审查", "Registered, awaiting review"),
        FilingStatuses.Returned => Ui.Pick("已退回补正", "Returned for completion"),
        FilingStatuses.Accepted => Ui.Pick("审查通过", "Accepted"),
        FilingStatuses.Correction => Ui.Pick("已发纠正通知", "Correction notice issued"),
        FilingStatuses.CorrectionAnswered => Ui.Pick("纠正已答复，待复审", "Correction answered, awaiting review"),
        _ => status,
    };

    public static string Recipient(string kind) => kind switch
    {
        RuleOfLaw.Workflow.NormativeDocuments.FilingRecipientKinds.SameLevelGovernment => Ui.Pick("本级人民政府", "Same-level government"),
        RuleOfLaw.Workflow.NormativeDocuments.FilingRecipientKinds.HigherGovernment => Ui.Pick("上一级人民政府", "Next higher government"),
        RuleOfLaw.Workflow.NormativeDocuments.FilingRecipientKinds.PeopleCongressStandingCommittee => Ui.Pick("本级人大常委会", "People's congress standing committee"),
        _ => kind,
    };

    public static string CleanupStatus(string status) => status switch
    {
        RuleOfLaw.Workflow.NormativeDocuments.CleanupStatuses.Open => Ui.Pick("清理中", "Open"),
        RuleOfLaw.Workflow.NormativeDocuments.CleanupStatuses.Approved => Ui.Pick("已审核，待公布", "Approved, to be published"),
        RuleOfLaw.Workflow.NormativeDocuments.CleanupStatuses.Published => Ui.Pick("已公布", "Published"),
        _ => status,
    };

    public static string CleanupResult(string result) => result switch
    {
        RuleOfLaw.Workflow.NormativeDocuments.CleanupResults.Continue => Ui.Pick("继续有效", "Continue in force"),
        RuleOfLaw.Workflow.NormativeDocuments.CleanupResults.Amend => Ui.Pick("修改", "Amend"),
        RuleOfLaw.Workflow.NormativeDocuments.CleanupResults.Repeal => Ui.Pick("废止", "Repeal"),
        RuleOfLaw.Workflow.NormativeDocuments.CleanupResults.DeclareInvalid => Ui.Pick("宣布失效", "Declare invalid"),
        _ => result,
    };

    /// <summary>The issuer's decision before expiry (继续施行 / 修改 / 到期失效).</summary>
    public static string ExpiryDecision(string? decision) => decision switch
    {
        RuleOfLaw.Workflow.NormativeDocuments.ExpiryDecisions.Continue => Ui.Pick("继续施行（重新制发）", "Continue (re-issue)"),
        RuleOfLaw.Workflow.NormativeDocuments.ExpiryDecisions.Amend => Ui.Pick("修改", "Amend"),
        RuleOfLaw.Workflow.NormativeDocuments.ExpiryDecisions.Lapse => Ui.Pick("到期失效", "Let it lapse"),
        null => Ui.Pick("尚未作出", "Not yet decided"),
        _ => decision,
    };

    /// <summary>The kinds of organ on the issuing-entity list, and the three Notice 37 bars from it.</summary>
    public static string IssuerKind(string kind) => kind switch
    {
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.Government => Ui.Pick("人民政府", "People's government"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.GovernmentOffice => Ui.Pick("人民政府办公厅（室）", "Government general office"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.TownshipGovernment => Ui.Pick("乡镇人民政府", "Township government"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.Department => Ui.Pick("政府工作部门", "Government department"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.DispatchedOrgan => Ui.Pick("派出机关", "Dispatched organ"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.StreetOffice => Ui.Pick("街道办事处", "Sub-district office"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.AuthorizedOrganization => Ui.Pick("法律法规授权的组织", "Organization authorized by law"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.CoordinationBody => Ui.Pick("议事协调机构", "Coordination body"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.TemporaryBody => Ui.Pick("临时机构", "Temporary body"),
        RuleOfLaw.Workflow.NormativeDocuments.IssuingEntityKinds.InternalDivision => Ui.Pick("内设机构", "Internal division"),
        _ => kind,
    };

    /// <summary>A history row's kind (the rows' types are the API's, <c>GET …/events</c>).</summary>
    public static string EventType(string type) => type switch
    {
        "drafted" => Ui.Pick("起草", "Drafted"),
        "submitted-for-review" => Ui.Pick("报送合法性审核", "Submitted for legality review"),
        "reviewed" => Ui.Pick("出具合法性审核意见", "Legality review opinion"),
        "deliberated" => Ui.Pick("集体审议通过", "Adopted at the meeting"),
        "not-adopted" => Ui.Pick("集体审议未通过", "Not adopted at the meeting"),
        "signed" => Ui.Pick("签发", "Signed"),
        "registered" => Ui.Pick("统一登记、统一编号", "Registered and numbered"),
        "published" => Ui.Pick("统一印发并公布", "Issued and published"),
        "filed" => Ui.Pick("报送备案", "Filed"),
        "filing-registered" => Ui.Pick("备案登记", "Filing registered"),
        "filing-returned" => Ui.Pick("备案退回补正", "Filing returned for completion"),
        "filing-accepted" => Ui.Pick("备案审查通过", "Filing accepted"),
        "correction-notice" => Ui.Pick("备案审查发出纠正通知", "Correction notice issued"),
        "correction-answered" => Ui.Pick("答复纠正通知", "Correction answered"),
        "review-suggestion" => Ui.Pick("收到审查建议", "Review suggestion received"),
        "review-suggestion-replied" => Ui.Pick("答复审查建议", "Review suggestion answered"),
        "expiry-reminder" => Ui.Pick("有效期届满前提醒", "Reminder before expiry"),
        "expiry-decision" => Ui.Pick("有效期届满前评估决定", "Decision before expiry"),
        "lapsed" => Ui.Pick("有效期届满失效", "Lapsed at the end of its validity"),
        "cleanup-opened" => Ui.Pick("列入清理", "Included in a clean-up"),
        "cleanup-result" => Ui.Pick("清理意见", "Clean-up result"),
        "cleanup-approved" => Ui.Pick("清理结果审核", "Clean-up result approved"),
        "cleanup-published" => Ui.Pick("清理结果公布", "Clean-up results published"),
        "repealed" => Ui.Pick("经清理废止", "Repealed by the clean-up"),
        "declared-invalid" => Ui.Pick("经清理宣布失效", "Declared invalid by the clean-up"),
        _ => type,
    };

    /// <summary>Who acted: a user's display name, the scheduler (<c>system</c>) or the public (a portal submission).</summary>
    public static string Actor(string actor, IReadOnlyDictionary<string, string> names) => actor switch
    {
        "system" => Ui.Pick("系统（定时任务）", "System (timer)"),
        "public" => Ui.Pick("公众", "The public"),
        _ => names.GetValueOrDefault(actor) ?? actor,
    };

    /// <summary>The meeting that deliberated the document (政府常务会议或者全体会议 / 部门办公会议).</summary>
    public static string Meeting(string? meeting) => meeting switch
    {
        RuleOfLaw.Workflow.NormativeDocuments.DeliberationMeetings.ExecutiveMeeting => Ui.Pick("政府常务会议或者全体会议", "Government executive or plenary meeting"),
        RuleOfLaw.Workflow.NormativeDocuments.DeliberationMeetings.OfficeMeeting => Ui.Pick("部门办公会议", "Department office meeting"),
        null => "—",
        _ => meeting,
    };

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
