using AngleSharp.Html.Parser;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Record;
using static RuleOfLaw.Workflow.Record.DossierSignatureCheck;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>
/// The dossier's summary.html lists every signed statement with its signature's state as the offline check found it
/// (issue 20): valid, unsigned (recorded before signatures, or the legacy SHA-256 digest, said apart) or invalid with
/// the reason. Plain rendering, no database: the states themselves are tested in DossierSignatureCheckTests and, on a
/// real export, in StatementSignatureTests.
/// </summary>
public sealed class DossierSummaryTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void Each_signed_statement_shows_whether_its_signature_is_valid_unsigned_or_invalid()
    {
        var matter = new DossierMatter(Guid.NewGuid(), "2026-001", "停车收费", "county", "县政府", "drc", "发改局", "major-decision", 5, "Completed");
        DossierSignedStatement Statement(string kind, string name, string? algorithm) =>
            new(kind, Guid.NewGuid(), matter.Id, "subject", "user", name, At, "text", "TaskCompleted", algorithm, algorithm is null ? null : "ab", algorithm is null ? null : "key-1");
        var statuses = new List<StatementStatus>
        {
            new(Statement(SignedStatements.MemberOpinion, "吴副县长", SignedStatements.Sm2WithSm3), State.Valid, null),
            new(Statement(SignedStatements.HeadDecision, "郑县长", null), State.Unsigned, null),
            new(Statement(SignedStatements.CounselOpinion, "赵律师", SignedStatements.LegacySha256Text), State.Unsigned, null),
            new(Statement(SignedStatements.LegalityFindings, "张审查", SignedStatements.Sm2WithSm3), State.Invalid, "its SM2 signature does not verify with key key-1 <b>"),
        };

        var html = DossierSummary.Html(matter, At, "王承办", new ComplianceReport(matter.Id, matter.Number, matter.Title, At, []), [], [], [],
            new DossierLegality([], []), [], statuses);
        var rows = new HtmlParser().ParseDocument(html).QuerySelectorAll("#signatures tbody tr");

        Assert.Equal(statuses.Select(s => (s.Statement.Id.ToString("D"), s.Statement.Kind)),
            rows.Select(r => (r.GetAttribute("data-statement")!, r.GetAttribute("data-kind")!)));
        Assert.Equal(["valid", "unsigned", "unsigned", "invalid"], rows.Select(r => r.GetAttribute("data-signature")));
        Assert.Contains("会议组成人员意见", rows[0].TextContent);
        Assert.Contains("签名有效", rows[0].TextContent);
        Assert.Contains("签名功能启用前记录", rows[1].TextContent);
        Assert.Contains("旧式 SHA-256 摘要", rows[2].TextContent);
        // The reason is shown as text, never as markup.
        Assert.Contains("签名无效 invalid: its SM2 signature does not verify with key key-1 <b>", rows[3].TextContent);
        Assert.Empty(rows[3].QuerySelectorAll("b"));
    }

    [Fact]
    public void A_dossier_without_signed_statements_says_so()
    {
        var matter = new DossierMatter(Guid.NewGuid(), "2026-002", "事项", "county", "县政府", "drc", "发改局", "major-decision", 5, null);
        var html = DossierSummary.Html(matter, At, "王承办", new ComplianceReport(matter.Id, matter.Number, matter.Title, At, []), [], [], [],
            new DossierLegality([], []), [], []);
        Assert.Null(new HtmlParser().ParseDocument(html).QuerySelector("#signatures"));
        Assert.Contains("<h2>签名 Signatures (SM2)</h2>", html, StringComparison.Ordinal);
    }
}
