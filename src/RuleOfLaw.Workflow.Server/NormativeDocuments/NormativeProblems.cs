using System.Globalization;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The zh-CN and English texts of the normative-document refusals (Chinese first, as every message here), filled
/// with the refusal's arguments, and the ProblemDetails answer. Every code the rules can return has a text; a test
/// holds the table and the codes equal.
/// </summary>
public static class NormativeProblems
{
    public static IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["issuer-name-required"] = ("制定主体名称不能为空。", "The issuing entity needs a name."),
        ["issuer-prefix-required"] = ("须填写发文字号前缀。", "The document-number prefix is required."),
        ["issuer-code-invalid"] = ("主体代号“{code}”须为1至16位大写字母或数字，以字母开头。", "The entity code '{code}' must be 1-16 upper-case letters or digits, starting with a letter."),
        ["issuer-code-taken"] = ("主体代号“{code}”已在本级清单中使用。", "The entity code '{code}' is already used on this government's list."),
        ["issuer-kind-not-allowed"] = ("议事协调机构、临时机构、内设机构不得制发行政规范性文件（{kind}）。", "Coordination bodies, temporary bodies and internal divisions may not issue normative documents ({kind})."),
        ["issuer-kind-unknown"] = ("未知的主体类别“{kind}”。", "Unknown entity kind '{kind}'."),
        ["issuer-not-on-list"] = ("该主体不在本级政府公布的制定主体清单内，不得起草行政规范性文件。", "The entity is not on the government's published issuing-entity list and may not draft normative documents."),
        ["document-kind-unknown"] = ("未知的文件类别“{kind}”（government 或 department）。", "Unknown document kind '{kind}' (government or department)."),
        ["document-kind-mismatch"] = ("{issuer}只能制发{expected}类规范性文件。", "{issuer} issues {expected} documents only."),
        ["title-required"] = ("文件标题不能为空。", "The title is required."),
        ["provisional-title-mismatch"] = ("“暂行”“试行”标记须与标题一致：标题“{title}”。", "The provisional flag must match the title (暂行/试行): '{title}'."),
        ["legal-basis-required"] = ("须写明制定依据。", "The legal bases are required."),
        ["validity-required"] = ("须载明有效期（至少1年）。", "A validity period of at least one year is required."),
        ["validity-too-long"] = ("有效期{years}年超过上限{maximum}年。", "A validity of {years} years exceeds the maximum of {maximum}."),
        ["validity-too-long-provisional"] = ("名称冠以“暂行”“试行”的文件有效期{years}年超过上限{maximum}年。", "A 暂行/试行 document's validity of {years} years exceeds the maximum of {maximum}."),
        ["consultation-too-short"] = ("征求意见期限不足：{closes}早于最早截止日{earliest}。{rule}", "The consultation is too short: {closes} is before the earliest closing day {earliest}."),
        ["review-conclusion-unknown"] = ("未知的审核结论“{conclusion}”（lawful、amend、unlawful）。", "Unknown review conclusion '{conclusion}' (lawful, amend, unlawful)."),
        ["checklist-item-unknown"] = ("未知的审核事项“{item}”。", "Unknown checklist item '{item}'."),
        ["checklist-item-twice"] = ("审核事项“{item}”重复作答。", "Checklist item '{item}' is answered twice."),
        ["checklist-incomplete"] = ("审核清单须逐项作答，未答：{items}。", "Every checklist item must be answered; missing: {items}."),
        ["checklist-note-required"] = ("审核事项“{item}”答“是”的，须写明具体条款和理由。", "A 'yes' on '{item}' needs a note naming the provision."),
        ["checklist-forbids-lawful"] = ("文件含有不得规定的内容（{items}），审核结论不能为“合法”。", "The document contains what it may not ({items}); the conclusion cannot be 'lawful'."),
        ["review-minimum-not-elapsed"] = ("合法性审核时间未满，最早可于{earliest}出具审核意见。{rule}", "The legality review time has not elapsed; the earliest opinion date is {earliest}."),
        ["not-reviewed"] = ("未经合法性审核的，不得提交集体审议。", "A document that has not been through legality review may not be deliberated."),
        ["review-found-unlawful"] = ("经审核不合法的，不得提交集体审议。", "A document found unlawful may not be deliberated."),
        ["major-decision-incomplete"] = ("该文件同时属于重大行政决策，决策程序完成前不得提交集体审议。", "The document is also a major decision; that procedure must be complete before deliberation."),
        ["not-published"] = ("未经公布的行政规范性文件不得报送备案或作为行政管理依据。", "An unpublished document cannot be filed or used as a basis for administration."),
        ["correction-reason-required"] = ("纠正通知须写明问题和理由。", "A correction notice must state what is wrong."),
        ["filing-result-unknown"] = ("未知的审查结果“{result}”。", "Unknown review result '{result}'."),
        ["cleanup-result-unknown"] = ("未知的清理结果“{result}”。", "Unknown clean-up result '{result}'."),
        ["cleanup-reason-required"] = ("清理结果须说明理由。", "A clean-up result needs a reason."),
        ["cleanup-incomplete"] = ("尚有{missing}件文件未提出清理结果。", "{missing} document(s) in scope have no result yet."),
        ["normative-forbidden"] = ("无权办理：须由{who}办理。", "Not allowed: this is for {who}."),
        ["normative-not-found"] = ("未找到{what}。", "{what} was not found."),
        ["normative-wrong-stage"] = ("文件当前状态为“{status}”，不能{act}。", "The document is '{status}'; it cannot be {act} now."),
        ["expiry-decision-unknown"] = ("未知的到期评估决定“{decision}”（continue、amend、lapse）。", "Unknown expiry decision '{decision}' (continue, amend, lapse)."),
        ["effective-before-issue"] = ("施行日期{effective}不得早于印发日期{issued}。", "The effective date {effective} cannot precede the issue date {issued}."),
        ["full-text-required"] = ("公布须提供文件全文。", "Publication needs the full text."),
    };

    /// <summary>The refusal's text in one language, with its arguments filled in.</summary>
    public static string Message(NormativeRefusal refusal, bool english)
    {
        var (zh, en) = Texts.TryGetValue(refusal.Code, out var text) ? text : (refusal.Code, refusal.Code);
        var template = english ? en : zh;
        foreach (var (name, value) in refusal.Arguments)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        return template;
    }

    /// <summary>Both languages, Chinese first, as the API's other messages.</summary>
    public static string Bilingual(NormativeRefusal refusal) => $"{Message(refusal, false)} {Message(refusal, true)}";

    public static IResult ToProblem(NormativeRefusedException e)
    {
        var first = e.Refusals[0];
        var all = e.Refusals.Select(r => new Dictionary<string, object?>
        {
            ["code"] = r.Code, ["message"] = Bilingual(r), ["article"] = r.Article, ["arguments"] = r.Arguments,
        }).ToList();
        return ApiProblem.Create(e.Status, first.Code, "操作被拒绝 / The action was refused", Bilingual(first), first.Article,
            new Dictionary<string, object?> { ["refusals"] = all });
    }

    /// <summary>Runs a service call and answers its refusal as a problem.</summary>
    public static async Task<IResult> Answer(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (NormativeRefusedException e)
        {
            return ToProblem(e);
        }
    }

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
