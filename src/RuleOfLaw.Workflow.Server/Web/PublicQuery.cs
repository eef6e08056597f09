namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>
/// The query values the public pages read, as the output cache keys them: only these, and each normalized to what
/// the page binds, so a query string cannot make more than a few entries per page however it is varied (issue 21).
/// A public page that reads a new query value adds it here (<c>PublicPageCacheTests</c> lists them).
/// </summary>
public static class PublicQuery
{
    /// <summary>
    /// <c>?all=true</c> on the normative documents' catalogue (<c>NormativeDocumentsModel.All</c>): model binding reads
    /// the first value as a bool, anything else is false.
    /// </summary>
    public static KeyValuePair<string, string> All(HttpContext http) =>
        new("all", bool.TryParse(http.Request.Query["all"].FirstOrDefault(), out var all) && all ? "1" : "0");
}
