using System.Globalization;
using System.Text;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>What the organs of a matter see of its participation records, and the CSV export of comments: <see cref="ParticipationQueries"/> over HTTP.</summary>
public static class ReadEndpoints
{
    public static void MapParticipationReadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/matters/{matterId:guid}/participation", async (Guid matterId, ParticipationQueries queries, TimeProvider clock, CancellationToken ct) =>
                await queries.RecordsForAsync(matterId, ct) is { } records
                    ? Results.Ok(records.Overview(clock.GetUtcNow()))
                    : ParticipationResults.Problem(ParticipationProblem.NotFound("not-found.matter-visible")))
            .WithTags("Participation").WithSummary("The matter's consultations, hearings and other participation activities").Produces<ParticipationOverview>();

        app.MapGet("/api/consultations/{id:guid}", async (Guid id, ParticipationQueries queries, TimeProvider clock, CancellationToken ct) =>
                await queries.DigestForAsync(id, ct) is var (digest, matter) ? Results.Ok(ConsultationView.From(matter, digest, clock.GetUtcNow())) : NotFound())
            .WithTags("Participation").WithSummary("One consultation with its counts (comments, groups, hidden, unanswered)").Produces<ConsultationView>();

        app.MapGet("/api/consultations/{id:guid}/comments", async (Guid id, ParticipationQueries queries, CancellationToken ct) =>
                await queries.CommentsForAsync(id, ct) is { } comments ? Results.Ok(comments) : NotFound())
            .WithTags("Participation").WithSummary("Every comment, hidden ones included, with its group and response; contact details only for the drafting unit (else \"***\", logged when shown)").Produces<List<CommentView>>();

        app.MapGet("/api/consultations/{id:guid}/groups", async (Guid id, ParticipationQueries queries, CancellationToken ct) =>
                await queries.DigestForAsync(id, ct) is var (digest, _) ? Results.Ok(digest.Groups.Select(GroupView.From).ToList()) : NotFound())
            .WithTags("Participation").WithSummary("Groups of identical (normalized) comments with their counts and responses").Produces<List<GroupView>>();

        app.MapGet("/api/consultations/{id:guid}/comments.csv", async (Guid id, ParticipationQueries queries, CancellationToken ct) =>
                await queries.CommentsCsvAsync(id, ct) is var (bytes, fileName) ? Results.File(bytes, "text/csv; charset=utf-8", fileName) : NotFound())
            .WithTags("Participation").WithSummary("All comments as CSV (UTF-8 with BOM): receipt, time, submitter, text, group, hidden and why, response")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    private static IResult NotFound() => ParticipationResults.Problem(ParticipationProblem.NotFound("not-found.consultation-visible"));
}

/// <summary>
/// The comments as CSV (RFC 4180: every field quoted, quotes doubled, CRLF line ends) with a UTF-8 BOM so that Excel
/// reads Chinese correctly. A field that a spreadsheet would take for a formula (= + - @) is prefixed with ' .
/// </summary>
public static class CommentCsv
{
    public static readonly string[] Columns =
    [
        "回执编号 receipt", "收到时间 received", "提交人类型 submitter type", "姓名/名称 name", "联系方式 contact", "意见内容 text",
        "意见组 group", "组内条数 group size", "已隐藏 hidden", "隐藏理由 hidden reason", "采纳情况 response", "理由 reason", "答复对象 response via",
    ];

    public static byte[] Write(ConsultationDigest digest, TimeZoneInfo timeZone, ContactReading contacts)
    {
        var text = new StringBuilder();
        Line(text, Columns);
        foreach (var c in digest.Comments)
        {
            var group = digest.GroupOf[c.Id];
            var (response, via) = digest.ResponseFor(c);
            var local = TimeZoneInfo.ConvertTime(c.ReceivedAt, timeZone);
            Line(text,
            [
                c.ReceiptNumber, local.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture), c.SubmitterType, c.SubmitterName, contacts.Read(c), c.Text,
                group.Label, group.Count.ToString(CultureInfo.InvariantCulture), c.Hidden ? "是 yes" : "否 no", c.HiddenReason,
                response is null ? null : ParticipationTerms.DecisionText(response.Decision) + " " + response.Decision, response?.Reason, via,
            ]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string?> fields)
    {
        text.AppendJoin(',', fields.Select(Field));
        text.Append("\r\n");
    }

    private static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
