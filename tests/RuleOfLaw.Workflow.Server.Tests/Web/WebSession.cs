using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web;

/// <summary>
/// A person with a browser, without the browser: GETs pages, parses them (AngleSharp) and submits their real forms
/// with every field the form carries (the antiforgery token included), keeping cookies and following redirects by hand.
/// </summary>
public sealed class WebSession(ServerFactory server) : IDisposable
{
    private readonly HttpClient _client = server.CreateClient(server.Options(handleCookies: true));
    private static readonly HtmlParser Parser = new();

    public HttpClient Client => _client;

    /// <summary>The path and query of the last page reached.</summary>
    public string Location { get; private set; } = "";

    public async Task<IHtmlDocument> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, document) = await FollowAsync(await _client.GetAsync(url));
        Assert.True(status == expected, $"GET {url}: expected {expected}, got {status} at {Location}{server.DescribeServerLog()}");
        return document;
    }

    /// <summary>Submits <paramref name="form"/> with its own fields, <paramref name="fields"/> replacing or adding values.</summary>
    public async Task<(HttpStatusCode Status, IHtmlDocument Document)> SubmitAsync(
        IHtmlFormElement form, IReadOnlyDictionary<string, string[]>? fields = null, IHtmlElement? submitter = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                case IHtmlInputElement { Type: "submit" }:
                    continue;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (name, replacement) in fields ?? new Dictionary<string, string[]>())
        {
            values.RemoveAll(v => v.Key == name);
            values.AddRange(replacement.Select(v => new KeyValuePair<string, string>(name, v)));
        }
        var action = submitter?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? Location : action;
        return await FollowAsync(await _client.PostAsync(target, new FormUrlEncodedContent(values)));
    }

    /// <summary>Signs in through the sign-in form, as a person would.</summary>
    public async Task<IHtmlDocument> SignInAsync(string userName, string password = DemoData.Password)
    {
        var page = await GetAsync("/account/login");
        var (status, home) = await SubmitAsync(Form(page), new Dictionary<string, string[]> { ["UserName"] = [userName], ["Password"] = [password] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/", Location);
        return home;
    }

    public static IHtmlFormElement Form(IDocument document, string selector = "main form") =>
        document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form '{selector}' in:{Environment.NewLine}{document.Body?.InnerHtml}");

    private async Task<(HttpStatusCode, IHtmlDocument)> FollowAsync(HttpResponseMessage response)
    {
        var requestUri = response.RequestMessage!.RequestUri!;
        for (var hops = 0; (int)response.StatusCode is 301 or 302 or 303 or 307 && hops < 10; hops++)
        {
            var next = new Uri(requestUri, response.Headers.Location!);
            response.Dispose();
            response = await _client.GetAsync(next);
            requestUri = next;
        }
        using (response)
        {
            Location = requestUri.PathAndQuery;
            var html = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, await Parser.ParseDocumentAsync(html));
        }
    }

    public void Dispose() => _client.Dispose();
}
