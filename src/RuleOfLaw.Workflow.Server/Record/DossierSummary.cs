using System.Net;
using System.Text;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>
/// The dossier's readable summary (summary.html): one self-contained page, no scripts or external styles, so it opens
/// in any browser years later. It lists what the ZIP holds with each file's SHA-256, the journal's head and each signed
/// statement's signature state.
/// </summary>
public static class DossierSummary
{
    public static string Html(
        DossierMatter matter, DateTimeOffset exportedAt, string exportedBy, ComplianceReport report, IReadOnlyList<DossierFile> files,
        IReadOnlyList<DossierJournalEntry> journal, IReadOnlyList<DossierMinutes> minutes, DossierLegality legality, IReadOnlyList<DossierExpertOpinion> experts,
        IReadOnlyList<DossierSignatureCheck.StatementStatus> signatures)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E($"决策档案 {matter.Number} {matter.Title}"))
            .Append("</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left;vertical-align:top}code{word-break:break-all}</style></head><body>");
        h.Append("<h1>决策档案 Decision dossier</h1><dl>")
            .Append(Row("编号 Number", matter.Number)).Append(Row("事项 Matter", matter.Title))
            .Append(Row("决策机关 Decision organ", matter.DecisionOrganName)).Append(Row("承办单位 Drafting unit", matter.DraftingUnitName))
            .Append(Row("程序 Procedure", $"{matter.DefinitionId} v{matter.DefinitionVersion}（{matter.InstanceStatus ?? "未启动 not started"}）"))
            .Append(Row("导出 Exported", $"{exportedAt:yyyy-MM-dd HH:mm:ss} UTC，{exportedBy}"))
            .Append("</dl>");

        h.Append("<h2>合规情况 Compliance</h2><table><thead><tr><th scope=\"col\">要求 Rule</th><th scope=\"col\">条款 Article</th>")
            .Append("<th scope=\"col\">状态 Status</th><th scope=\"col\">说明 Detail</th></tr></thead><tbody>");
        foreach (var item in report.Items)
        {
            h.Append("<tr><td>").Append(E(item.Title)).Append("</td><td>").Append(E(item.Article ?? "")).Append("</td><td>")
                .Append(E(item.Status.ToString())).Append("</td><td>").Append(E(item.Detail ?? "")).Append("</td></tr>");
        }
        h.Append("</tbody></table>");

        h.Append("<h2>文件 Files</h2><table><thead><tr><th scope=\"col\">文件 File</th><th scope=\"col\">路径 Path</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>");
        foreach (var file in files)
        {
            h.Append("<tr><td>").Append(E(file.Title ?? "")).Append("</td><td><code>").Append(E(file.Path)).Append("</code></td><td><code>")
                .Append(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content))).Append("</code></td></tr>");
        }
        h.Append("</tbody></table>");

        var algorithms = string.Join("、", journal.Select(j => j.HashAlgorithm).Distinct());
        h.Append("<h2>过程日志 Journal</h2><p>").Append(journal.Count).Append(" 条记录（哈希算法：").Append(E(algorithms)).Append("），链头 head <code>")
            .Append(journal.Count == 0 ? "" : journal[^1].Hash).Append("</code>。</p><table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">时间 Time (UTC)</th>")
            .Append("<th scope=\"col\">事件 Event</th><th scope=\"col\">步骤 Step</th><th scope=\"col\">人员 Actor</th><th scope=\"col\">结果与意见 Outcome, comment</th></tr></thead><tbody>");
        foreach (var entry in journal)
        {
            h.Append("<tr><td>").Append(entry.Sequence).Append("</td><td>").Append($"{entry.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm}").Append("</td><td>")
                .Append(E(entry.Type)).Append("</td><td>").Append(E(entry.StepId ?? "")).Append("</td><td>").Append(E(entry.ActorName)).Append("</td><td>")
                .Append(E(string.Join(" ", new[] { entry.Outcome, entry.Comment }.Where(s => !string.IsNullOrEmpty(s))))).Append("</td></tr>");
        }
        h.Append("</tbody></table>");

        h.Append("<h2>集体讨论 Collective discussion (第三十条)</h2>");
        if (minutes.Count == 0)
        {
            h.Append("<p>无 None.</p>");
        }
        foreach (var m in minutes)
        {
            h.Append("<h3>").Append(E($"{m.Date:yyyy-MM-dd} {m.Meeting}（{m.Kind}）：{m.Outcome ?? m.Status}")).Append("</h3><ol>");
            foreach (var s in m.Statements)
            {
                h.Append("<li>").Append(E($"{s.Name}（{s.Capacity}，{s.Position}）：{s.Text}{(s.Reason is null ? "" : $" 理由：{s.Reason}")}")).Append("</li>");
            }
            h.Append("</ol>");
        }

        h.Append("<h2>合法性审查 Legality review (第二十七条、第二十八条)</h2><ul>");
        foreach (var f in legality.Findings)
        {
            h.Append("<li>").Append(E($"权限：{f.Authority}；程序：{f.Procedure}；内容：{f.Content}{(f.LegalRisk is null ? "" : $"；法律风险：{f.LegalRisk}")}")).Append("</li>");
        }
        foreach (var c in legality.CounselOpinions)
        {
            h.Append("<li>").Append(E($"{c.Name}（{c.Kind}，{c.GivenAt.UtcDateTime:yyyy-MM-dd}，{c.SignatureAlgorithm}签名）：{c.Text}")).Append("</li>");
        }
        h.Append("</ul><h2>专家论证 Expert opinions (第十九条、第二十条)</h2><ul>");
        foreach (var x in experts)
        {
            h.Append("<li>").Append(E($"{x.Expert}（{x.Field}，{x.SignedAt.UtcDateTime:yyyy-MM-dd}，{x.SignatureAlgorithm}签名）：{x.Text}")).Append("</li>");
        }
        h.Append("</ul>");
        Signatures(h, signatures);
        h.Append("<p>核验 To verify offline: <code>dotnet RuleOfLaw.Workflow.Server.dll verify-dossier &lt;file.zip&gt;</code>（docs/dossier.md）。</p></body></html>");
        return h.ToString();
    }

    /// <summary>
    /// Each signed statement and its SM2 signature's state as the offline check (<see cref="DossierSignatureCheck"/>) found
    /// it over this very export: valid, unsigned (recorded before signatures, or the legacy SHA-256 digest) or invalid with
    /// the reason. A reader of the page alone sees the state at export; <c>verify-dossier</c> checks it again.
    /// </summary>
    private static void Signatures(StringBuilder h, IReadOnlyList<DossierSignatureCheck.StatementStatus> signatures)
    {
        h.Append("<h2>签名 Signatures (SM2)</h2><p>导出时按离线核验规则检查的结果；<code>verify-dossier</code> 会再次核验。")
            .Append("State as checked by the offline verifier's rules at export; <code>verify-dossier</code> checks again.</p>");
        if (signatures.Count == 0)
        {
            h.Append("<p>无 None.</p>");
            return;
        }
        h.Append("<table id=\"signatures\"><thead><tr><th scope=\"col\">陈述 Statement</th><th scope=\"col\">签名人 Signer</th>")
            .Append("<th scope=\"col\">签署时间 Signed (UTC)</th><th scope=\"col\">算法 Algorithm</th><th scope=\"col\">密钥 Key</th><th scope=\"col\">状态 Status</th></tr></thead><tbody>");
        foreach (var status in signatures)
        {
            var s = status.Statement;
            var (state, label) = status.State switch
            {
                DossierSignatureCheck.State.Valid => ("valid", "✓ 签名有效 valid"),
                DossierSignatureCheck.State.Unsigned when s.Algorithm == SignedStatements.LegacySha256Text =>
                    ("unsigned", "未签名：旧式 SHA-256 摘要，不是签名 unsigned (legacy SHA-256 digest, not a signature)"),
                DossierSignatureCheck.State.Unsigned => ("unsigned", "未签名：签名功能启用前记录 unsigned (recorded before signatures)"),
                _ => ("invalid", $"✗ 签名无效 invalid: {status.Problem}"),
            };
            h.Append("<tr data-statement=\"").Append(s.Id.ToString("D")).Append("\" data-kind=\"").Append(E(s.Kind)).Append("\" data-signature=\"").Append(state)
                .Append("\"><td>").Append(E(KindName(s.Kind))).Append(" <code>").Append(s.Id.ToString("D")).Append("</code></td><td>").Append(E(s.SignerName))
                .Append("</td><td>").Append($"{s.SignedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}").Append("</td><td>").Append(E(s.Algorithm ?? "-"))
                .Append("</td><td><code>").Append(E(s.KeyId ?? "-")).Append("</code></td><td>").Append(E(label)).Append("</td></tr>");
        }
        h.Append("</tbody></table>");
    }

    private static string KindName(string kind) => kind switch
    {
        SignedStatements.ExpertOpinion => "专家论证意见 Expert opinion (第二十条)",
        SignedStatements.CounselOpinion => "法律顾问意见 Counsel opinion (第二十八条)",
        SignedStatements.LegalityFindings => "合法性审查意见 Legality findings (第二十七条)",
        SignedStatements.MemberOpinion => "会议组成人员意见 Member's opinion (第三十条)",
        SignedStatements.HeadDecision => "行政首长决定 Head's decision (第三十条)",
        _ => kind,
    };

    private static string Row(string term, string value) => $"<dt>{E(term)}</dt><dd>{E(value)}</dd>";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
