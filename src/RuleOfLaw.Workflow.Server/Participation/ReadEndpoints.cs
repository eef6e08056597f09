using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>What the organs of a matter see of its participation records, and the CSV export of comments.</summary>
public static class ReadEndpoints
{
    public static void MapParticipationReadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/matters/{matterId:guid}/participation", async (Guid matterId, CurrentActor current, WorkflowDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
            if (matter is null || !MatterAccess.CanSee(matter, await current.GetAsync(ct)))
            {
                return ApiProblem.NotFound("没有这个决策事项，或您无权查看。No such matter, or you may not see it.");
            }
            var now = clock.GetUtcNow();
            var consultations = await db.Set<Consultation>().AsNoTracking().Where(c => c.MatterId == matterId).ToListAsync(ct);
            var views = new List<ConsultationView>();
            foreach (var c in consultations.OrderBy(c => c.OpensAt))
            {
                views.Add(ConsultationView.From(matter, await ConsultationDigest.LoadAsync(db, c, ct), now));
            }
            var activities = await db.Set<ParticipationActivity>().AsNoTracking().Where(a => a.MatterId == matterId).ToListAsync(ct);
            var hearings = await db.Set<Hearing>().AsNoTracking().Where(h => h.MatterId == matterId).ToListAsync(ct);
            return Results.Ok(new ParticipationOverview(matterId, views,
                [.. activities.OrderBy(a => a.HeldOn).ThenBy(a => a.RecordedAt).Select(ActivityView.From)],
                [.. hearings.OrderBy(h => h.AnnouncedAt).Select(HearingView.From)]));
        }).WithTags("Participation").WithSummary("The matter's consultations, hearings and other participation activities").Produces<ParticipationOverview>();

        app.MapGet("/api/consultations/{id:guid}", async (Guid id, CurrentActor current, WorkflowDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var (consultation, matter) = await FindAsync(db, current, id, ct);
            return consultation is null
                ? NotFound()
                : Results.Ok(ConsultationView.From(matter!, await ConsultationDigest.LoadAsync(db, consultation, ct), clock.GetUtcNow()));
        }).WithTags("Participation").WithSummary("One consultation with its counts (comments, groups, hidden, unanswered)").Produces<ConsultationView>();

        app.MapGet("/api/consultations/{id:guid}/comments", async (Guid id, CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
        {
            var (consultation, _) = await FindAsync(db, current, id, ct);
            if (consultation is null)
            {
                return NotFound();
            }
            var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
            return Results.Ok(digest.Comments.Select(c => CommentView.From(digest, c)).ToList());
        }).WithTags("Participation").WithSummary("Every comment, hidden ones included, with its group and response").Produces<List<CommentView>>();

        app.MapGet("/api/consultations/{id:guid}/groups", async (Guid id, CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
        {
            var (consultation, _) = await FindAsync(db, current, id, ct);
            if (consultation is null)
            {
                return NotFound();
            }
            var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
            return Results.Ok(digest.Groups.Select(GroupView.From).ToList());
        }).WithTags("Participation").WithSummary("Groups of identical (normalized) comments with their counts and responses").Produces<List<GroupView>>();

        app.MapGet("/api/consultations/{id:guid}/comments.csv", async (Guid id, CurrentActor current, WorkflowDbContext db, WorkflowEngine engine, CancellationToken ct) =>
        {
            var (consultation, matter) = await FindAsync(db, current, id, ct);
            if (consultation is null)
            {
                return NotFound();
            }
            var timeZone = await db.Instances.AsNoTracking().Where(i => i.MatterId == matter!.Id).Select(i => i.StateJson).SingleOrDefaultAsync(ct) is { } json
                ? InstanceStateJson.Deserialize(json).Jurisdiction?.TimeZone
                : null;
            var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
            var bytes = CommentCsv.Write(digest, engine.DeadlinesIn(timeZone).TimeZone);
            return Results.File(bytes, "text/csv; charset=utf-8", $"{matter!.Number}-comments.csv");
        }).WithTags("Participation").WithSummary("All comments as CSV (UTF-8 with BOM): receipt, time, submitter, text, group, hidden and why, response")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    private static IResult NotFound() => ApiProblem.NotFound("没有这个公开征求意见，或您无权查看。No such consultation, or you may not see it.");

    private static async Task<(Consultation?, Matter?)> FindAsync(WorkflowDbContext db, CurrentActor current, Guid id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        var matter = consultation is null ? null : await db.Matters.AsNoTracking().SingleAsync(m => m.Id == consultation.MatterId, ct);
        return matter is not null && MatterAccess.CanSee(matter, await current.GetAsync(ct)) ? (consultation, matter) : (null, null);
    }
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

    public static byte[] Write(ConsultationDigest digest, TimeZoneInfo timeZone)
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
                c.ReceiptNumber, local.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture), c.SubmitterType, c.SubmitterName, c.Contact, c.Text,
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
