using System.Globalization;
using Microsoft.Net.Http.Headers;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// The language a text is rendered in. API: the request's <c>Accept-Language</c> (zh… → zh-CN, en… → en, by quality);
/// no header, or none of the two → zh-CN. Pages: the UI's choice (the language cookie, zh-CN by default, set by the
/// request localization middleware). Mails: the recipient's <c>MailPreference.Language</c> (zh by default).
/// </summary>
/// <remarks>
/// Every refusal comes from a <see cref="TextCatalog"/> (issue 12), so a refusal is in one language. The compliance
/// lines still written "中文。English." in one string (the checks not yet moved to their catalog) are split to one
/// language only when the reader chose one explicitly (an API client's <c>Accept-Language</c>): without the header the
/// API sends them whole, so existing clients keep both languages of those lines.
/// </remarks>
public static class ReaderLanguage
{
    private static readonly AsyncLocal<bool> ChosenByClient = new();

    /// <summary>True while handling an API request whose <c>Accept-Language</c> named zh or en.</summary>
    public static bool Explicit => ChosenByClient.Value;

    public static CultureInfo Culture => CultureInfo.CurrentUICulture;

    /// <summary>A refusal's text for the current reader.</summary>
    public static string Text(Refusal refusal) => refusal.Texts is not null ? refusal.TextIn(Culture) : refusal.Message;

    /// <summary>A compliance line not in a catalog yet, for the current reader (see the remarks).</summary>
    public static string Text(string bilingual) => Explicit ? BilingualText.Pick(bilingual, Culture) : bilingual;

    /// <summary>
    /// The request's reader culture where the endpoint's flow is gone (the exception handler runs after it unwound):
    /// the API's choice stored by the middleware, else the page culture.
    /// </summary>
    public static CultureInfo Of(HttpContext context) =>
        context.Items.TryGetValue(typeof(ReaderLanguage), out var culture) && culture is CultureInfo chosen ? chosen : CultureInfo.CurrentUICulture;

    /// <summary>The culture <paramref name="acceptLanguage"/> asks for, or null when it names neither language.</summary>
    public static CultureInfo? FromAcceptLanguage(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage) || !StringWithQualityHeaderValue.TryParseList([acceptLanguage], out var values))
        {
            return null;
        }
        foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.Value ?? "";
            if (value.Quality == 0)
            {
                continue;
            }
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return TextCatalog.Chinese;
            }
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return TextCatalog.English;
            }
        }
        return null;
    }

    /// <summary>After the request localization middleware: API requests take their language from <c>Accept-Language</c>.</summary>
    public static void UseApiReaderLanguage(this IApplicationBuilder app, Func<HttpRequest, bool> isApiRequest) => app.Use(async (context, next) =>
    {
        if (isApiRequest(context.Request))
        {
            var asked = FromAcceptLanguage(context.Request.Headers.AcceptLanguage.ToString());
            var culture = asked ?? TextCatalog.Chinese;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            ChosenByClient.Value = asked is not null;
            context.Items[typeof(ReaderLanguage)] = culture;
        }
        await next(context);
    });
}
