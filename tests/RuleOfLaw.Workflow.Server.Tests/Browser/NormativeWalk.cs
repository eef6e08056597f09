using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// The acts of a normative document's walk through the pages that every kind of document shares (the issuing-entity
/// list, drafting, the upload, the submission, the legality review's checklist, the meeting, signature, registration
/// and publication, filing and the filing review), each role signing in through the form in a fresh browser context,
/// and every visited page through the WCAG AA check (axe-core, as <c>AccessibilityBrowserTests</c>); the violations
/// are collected for one assertion at the end (<see cref="AssertAccessible"/>). Used by
/// <see cref="NormativeWalkBrowserTests"/> for a government and a department document.
/// </summary>
internal sealed class NormativeWalk(BrowserFixture fixture, ServerFactory server)
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private readonly List<string> _violations = [];
    private IPage? _page;

    public static DateTimeOffset Beijing9(DateOnly day) => new(day.Year, day.Month, day.Day, 1, 0, 0, TimeSpan.Zero);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Signs <paramref name="user"/> in through the form in a fresh browser context (the previous one closed).</summary>
    public async Task<IPage> SignInAsync(string user)
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
        _page = await fixture.SignedInPageAsync(server, user);
        await CheckAsync(_page);
        return _page;
    }

    public async Task CheckAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        var path = new Uri(page.Url).PathAndQuery;
        _violations.AddRange(result.Violations.Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));
    }

    public void AssertAccessible() => Assert.True(_violations.Count == 0, string.Join(Environment.NewLine, _violations));

    /// <summary>The administrator lists an issuing entity of the demo county on <c>/normative/issuers</c> (制定主体清单).</summary>
    public async Task ListIssuerAsync(string organizationId, string name, string code, string kind, string prefix)
    {
        var page = await SignInAsync("admin");
        await page.ClickAsync("#nav-normative-issuers");
        await page.WaitForSelectorAsync("#add-form");
        await CheckAsync(page);
        await page.SelectOptionAsync("#GovernmentId", NormativeDocuments.NormativeApi.Government);
        await page.SelectOptionAsync("#OrganizationId", organizationId);
        await page.FillAsync("#Name", name);
        await page.FillAsync("#Code", code);
        await page.SelectOptionAsync("#Kind", kind);
        await page.FillAsync("#DocumentNumberPrefix", prefix);
        await page.ClickAsync("#add-form button[type=submit]");
        await page.WaitForSelectorAsync($"table[data-government=demo-county] tr[data-issuer]:has-text('{code}')");
        await CheckAsync(page);
    }

    /// <summary>
    /// The drafting officer drafts on <c>/normative/documents</c> (the issuer chosen when the officer may draft for more
    /// than one) and lands on the document page: its address and id.
    /// </summary>
    public async Task<(IPage Page, string DocumentUrl, Guid Id)> DraftAsync(string kind, string title, bool affectsMarketActors, string legalBases, Guid? issuerId = null)
    {
        var page = await SignInAsync("drafter");
        await page.ClickAsync("#nav-normative");
        await page.WaitForSelectorAsync("#draft-form");
        await CheckAsync(page);
        if (issuerId is { } issuer)
        {
            await page.SelectOptionAsync("#IssuerId", issuer.ToString());
        }
        await page.SelectOptionAsync("#Kind", kind);
        await page.FillAsync("#Title", title);
        if (affectsMarketActors)
        {
            await page.CheckAsync("#AffectsMarketActors");
        }
        await page.CheckAsync("#PublicConsultation");
        await page.FillAsync("#LegalBases", legalBases);
        await page.ClickAsync("#draft-form button[type=submit]");
        await page.WaitForSelectorAsync("#document-facts");
        var documentUrl = new Uri(page.Url).AbsolutePath;
        Assert.Equal("drafting", await page.GetAttributeAsync("#document-status", "data-status"));
        await CheckAsync(page);
        return (page, documentUrl, Guid.Parse(documentUrl["/normative/documents/".Length..]));
    }

    /// <summary>The draft goes into the record from the document page's link (the review package's first material).</summary>
    public async Task UploadDraftAsync(IPage page)
    {
        await page.ClickAsync("#record-documents-link");
        await page.WaitForSelectorAsync("#upload-form");
        await CheckAsync(page);
        await page.SelectOptionAsync("#kind", Server.Documents.DocumentKinds.Draft);
        await page.FillAsync("#title", "征求意见稿");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "征求意见稿.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n征求意见稿\n%%EOF\n"u8.ToArray() });
        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("section.document");
    }

    /// <summary>The drafting officer publishes the consultation from the document page's link: the participation page's address and the consultation's id.</summary>
    public async Task<(string ParticipationUrl, string ConsultationId)> PublishConsultationAsync(IPage page, string documentUrl, string title, string draftText)
    {
        await page.GotoAsync(documentUrl);
        await page.ClickAsync("#consultation-link");
        await page.WaitForSelectorAsync("#publish-form");
        await CheckAsync(page);
        var participationUrl = page.Url;
        await page.FillAsync("#PubTitle", title + "（征求意见稿）");
        await page.FillAsync("#DraftText", draftText);
        await page.FillAsync("#Explanation", "起草说明：为进一步优化营商环境……");
        await page.ClickAsync("#publish-consultation");
        await page.WaitForSelectorAsync("article.consultation[data-status=open]");
        return (participationUrl, (await page.GetAttributeAsync("article.consultation", "id"))!["consultation-".Length..]);
    }

    /// <summary>
    /// After its closing day (the server's clock moved there): the drafting officer closes the consultation, publishes
    /// the feedback and completes the step.
    /// </summary>
    public async Task<IPage> EndConsultationAsync(IPage page, string participationUrl, string feedback)
    {
        var closesAt = DateTimeOffset.Parse((await page.GetAttributeAsync("article.consultation dl time:nth-of-type(2)", "datetime"))!, System.Globalization.CultureInfo.InvariantCulture);
        server.Clock.MoveTo(closesAt.AddHours(9));
        page = await SignInAsync("drafter");
        await page.GotoAsync(participationUrl);
        if (await page.Locator("#close-consultation").CountAsync() > 0)
        {
            await page.ClickAsync("#close-consultation");
            await page.WaitForSelectorAsync("article.consultation[data-status=closed]");
        }
        await page.FillAsync("#Summary", feedback);
        await page.ClickAsync("#publish-feedback");
        await page.WaitForSelectorAsync("#feedback-published");
        await CheckAsync(page);
        await page.FillAsync("#Comment", "已充分听取公众意见。");
        await page.ClickAsync("#complete-task");
        await BrowserFixture.ArrivedAsync(page, path => !path.StartsWith("/participation/", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Submission for legality review from the document page, nothing lacking in the package: the first day of the review window.</summary>
    public async Task<DateOnly> SubmitForReviewAsync(IPage page, string documentUrl)
    {
        await page.GotoAsync(documentUrl);
        Assert.Equal(0, await page.Locator("#package-lacks").CountAsync());
        await page.ClickAsync("#submit-form button");
        await page.WaitForSelectorAsync("#document-status[data-status=in-review]");
        await CheckAsync(page);
        return DateOnly.Parse((await page.TextContentAsync("#review-earliest"))!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The justice office's opinion on the first day it may give it: the content checklist answered "no" item by item, lawful.</summary>
    public async Task ReviewLawfulAsync(Guid id, DateOnly earliest)
    {
        server.Clock.MoveTo(Beijing9(earliest));
        var page = await SignInAsync("reviewer");
        await page.ClickAsync("#nav-normative-justice");
        await page.WaitForSelectorAsync("#documents");
        await CheckAsync(page);
        await page.ClickAsync($"a[href='/normative/documents/{id}/review-opinion']");
        await page.WaitForSelectorAsync("#opinion-form");
        await CheckAsync(page);
        await page.CheckAsync($"#conclusion-{ReviewConclusions.Lawful}");
        foreach (var item in LegalityReviewRules.ChecklistItems)
        {
            await page.CheckAsync($"#answer-{item}-no");
        }
        await page.FillAsync("#Opinion", "经审核，该文件制定主体、权限、程序和内容合法。");
        await page.ClickAsync("#opinion-form button[type=submit]");
        await page.WaitForSelectorAsync($"#review-conclusion[data-conclusion={ReviewConclusions.Lawful}]");
        await CheckAsync(page);
    }

    /// <summary>
    /// The organ's meeting secretary arranges a meeting of <paramref name="kind"/> on <c>/meetings</c>, puts the document
    /// on its agenda (completing meeting-scheduling) and records attendance: the meeting page's address.
    /// </summary>
    public async Task<string> ScheduleMeetingAsync(string secretary, string kind, DateOnly date, Guid id)
    {
        var page = await SignInAsync(secretary);
        await page.ClickAsync("#nav-meetings");
        await page.WaitForSelectorAsync("#meeting-form");
        await CheckAsync(page);
        await page.CheckAsync($"#kind-{kind}");
        await page.FillAsync("#Date", Day(date));
        await page.ClickAsync("#create-meeting");
        await page.WaitForSelectorAsync("#place-form");
        var meetingUrl = new Uri(page.Url).AbsolutePath;
        await CheckAsync(page);
        await page.SelectOptionAsync("#MatterId", id.ToString());
        await page.ClickAsync("#place-matter");
        await page.WaitForSelectorAsync("#item-1[data-status=scheduled]");
        await page.ClickAsync("#record-attendance");
        await page.WaitForSelectorAsync("#attendance li strong");
        await CheckAsync(page);
        return meetingUrl;
    }

    /// <summary>A member gives her opinion on the meeting page (signed with her own account), reaching it from <c>/meetings</c>.</summary>
    public async Task GiveOpinionAsync(string member, string meetingUrl, string text)
    {
        var page = await SignInAsync(member);
        await page.ClickAsync("#nav-meetings");
        await page.ClickAsync($"#meetings a[href='{meetingUrl}']");
        await page.WaitForSelectorAsync("#item-1-opinion-form");
        await CheckAsync(page);
        await page.CheckAsync("#item-1-position-agree");
        await page.FillAsync("#item-1-opinion-Text", text);
        await page.ClickAsync("#item-1-record-opinion");
        await page.WaitForSelectorAsync("#item-1-statements li[data-capacity=member]");
    }

    /// <summary>The head decides "approved", last; the meeting's minutes show the item with the document's title.</summary>
    public async Task<IPage> DecideAsync(string head, string meetingUrl, string title)
    {
        var page = await SignInAsync(head);
        await page.GotoAsync(meetingUrl);
        await page.CheckAsync("#item-1-outcome-approved");
        await page.FillAsync("#item-1-decision-Text", "审议通过。");
        await page.ClickAsync("#item-1-decide");
        await page.WaitForSelectorAsync("#item-1[data-status=decided]");
        await CheckAsync(page);
        await page.ClickAsync("#minutes-link");
        await page.WaitForSelectorAsync("#minutes-item-1");
        Assert.Contains(title, await page.TextContentAsync("#minutes-item-1"));
        await CheckAsync(page);
        return page;
    }

    /// <summary>The issuing organ's head, signed in, signs from <c>/normative/documents</c>' list of documents awaiting the signature.</summary>
    public async Task SignAsync(IPage page, Guid id)
    {
        await page.ClickAsync("#nav-normative");
        await page.WaitForSelectorAsync("#to-sign");
        await CheckAsync(page);
        await page.ClickAsync($"#to-sign a[href='/normative/documents/{id}']");
        await page.WaitForSelectorAsync("#sign-form");
        Assert.Equal("deliberated", await page.GetAttributeAsync("#document-status", "data-status"));
        await CheckAsync(page);
        await page.ClickAsync("#sign-form button");
        await page.WaitForSelectorAsync("#document-status[data-status=signed]");
    }

    /// <summary>"三统一": the justice office registers (both numbers shown) and publishes the full text.</summary>
    public async Task RegisterAndPublishAsync(Guid id, string registrationNumber, string documentNumber, string fullText)
    {
        var page = await SignInAsync("reviewer");
        await page.ClickAsync("#nav-normative-justice");
        await page.ClickAsync($"a[href='/normative/documents/{id}/registration']");
        await page.WaitForSelectorAsync("#register-form");
        await CheckAsync(page);
        await page.ClickAsync("#register-form button");
        await page.WaitForSelectorAsync("#publish-form");
        Assert.Contains(registrationNumber, await page.TextContentAsync("main"));
        Assert.Contains(documentNumber, await page.TextContentAsync("main"));
        await CheckAsync(page);
        await page.FillAsync("#FullText", fullText);
        await page.ClickAsync("#publish-form button");
        await page.WaitForSelectorAsync("#document-status[data-status=published]");
    }

    /// <summary>The drafting officer files with every recipient from <c>/normative/filings/issued</c> (本单位的备案).</summary>
    public async Task FileAsync(int recipients)
    {
        var page = await SignInAsync("drafter");
        await page.ClickAsync("#nav-normative-issued");
        await page.WaitForSelectorAsync("#filings");
        await CheckAsync(page);
        for (var i = 0; i < recipients; i++)
        {
            await page.ClickAsync("#filings form[action*='handler=File'] button");
            await page.WaitForLoadStateAsync();
        }
        Assert.Equal(recipients, await page.Locator($"#filings td[data-status={FilingStatuses.Filed}]").CountAsync());
    }

    /// <summary>A recipient's reviewer registers the filing on <c>/normative/filings/received</c> and accepts it on <c>/normative/filings/review</c>.</summary>
    public async Task AcceptFilingAsync(string recipient)
    {
        var page = await SignInAsync(recipient);
        await page.ClickAsync("#nav-normative-filings");
        await page.ClickAsync("a[href='/normative/filings/received']");
        await page.WaitForSelectorAsync("#filings");
        await CheckAsync(page);
        await page.ClickAsync("#filings form[action*='handler=Register'] button");
        await page.WaitForSelectorAsync("#no-filings");
        await page.GotoAsync("/normative/filings/review");
        await page.WaitForSelectorAsync("#filings");
        await CheckAsync(page);
        await page.CheckAsync("#filings input[value=accepted]");
        await page.ClickAsync("#filings form button[type=submit]");
        await page.WaitForSelectorAsync($"#filings td[data-status={FilingStatuses.Accepted}]");
    }
}
