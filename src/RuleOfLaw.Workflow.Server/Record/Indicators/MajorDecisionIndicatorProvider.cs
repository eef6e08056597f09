using System.Data.Common;
using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Server.Data;
using D = RuleOfLaw.Workflow.Record.Indicators.MajorDecisionIndicators;

namespace RuleOfLaw.Workflow.Server.Record.Indicators;

/// <summary>
/// The major-decision indicators (<see cref="MajorDecisionIndicators"/>) from the journal and the procedure's records,
/// by aggregate SQL: the procedural shares come from one pass over the journals of the matters decided in the year
/// (a step is required unless a <c>StepSkipped</c> entry names it, done when a <c>TaskCompleted</c> entry does), the
/// participation and after-decision figures from their tables. Parameters: @p0 organ, @p1 department or "", @p2/@p3
/// the year's UTC bounds.
/// </summary>
public sealed class MajorDecisionIndicatorProvider(WorkflowDbContext db) : IIndicatorProvider
{
    private const string InScope = "m.\"DecisionOrganId\" = @p0 AND (@p1 = '' OR m.\"DraftingUnitId\" = @p1)";

    public IReadOnlyList<IndicatorDefinition> Definitions => D.All;

    /// <summary>The decided matters of the year and, per step share, whether the step was skipped (sN) and the sequence that completed it (dN, 0 = never).</summary>
    private static readonly string Flags = BuildFlags();

    private static string BuildFlags()
    {
        var outcomes = string.Join(", ", D.ApprovingOutcomes.Select(Literal));
        var columns = string.Join(",\n    ", D.StepShares.Select((s, k) =>
            $"MAX(CASE WHEN j.\"Type\" = 'StepSkipped' AND j.\"StepId\" = {Literal(s.StepId!)} THEN 1 ELSE 0 END) AS \"s{k}\",\n    " +
            $"MAX(CASE WHEN j.\"Type\" = 'TaskCompleted' AND j.\"StepId\" = {Literal(s.StepId!)} THEN j.\"Sequence\" ELSE 0 END) AS \"d{k}\""));
        return $"""
            WITH decided AS (
              SELECT i."Id" AS "InstanceId", m."Id" AS "MatterId", MIN(d."Sequence") AS "DecisionSequence"
              FROM "Matters" m
              JOIN "WorkflowInstances" i ON i."MatterId" = m."Id"
              JOIN "JournalEntries" d ON d."InstanceId" = i."Id"
              WHERE {InScope}
                AND d."Type" = 'TaskCompleted' AND d."StepId" = {Literal(D.Decided.StepId!)} AND d."Outcome" IN ({outcomes})
                AND d."OccurredAt" >= @p2 AND d."OccurredAt" < @p3
              GROUP BY i."Id", m."Id"
            ), flags AS (
              SELECT x."InstanceId", x."MatterId", x."DecisionSequence",
                {columns}
              FROM decided x JOIN "JournalEntries" j ON j."InstanceId" = x."InstanceId"
              GROUP BY x."InstanceId", x."MatterId", x."DecisionSequence"
            )
            """;
    }

    public async Task<IReadOnlyList<IndicatorFigure>> ComputeAsync(IndicatorScope scope, CancellationToken ct)
    {
        var figures = new List<IndicatorFigure>();
        var p = Parameters(scope);

        figures.Add(IndicatorRules.Count(D.Started, await ScalarAsync($"""
            SELECT COUNT(*) FROM "Matters" m JOIN "WorkflowInstances" i ON i."MatterId" = m."Id"
            WHERE {InScope} AND i."StartedAt" >= @p2 AND i."StartedAt" < @p3
            """, p, ct)));

        var catalogue = (await RecordSql.QueryAsync(db, $"""
            SELECT COUNT(*), COALESCE(SUM(t."Done"), 0) FROM ({CatalogueFlags}) t
            """, [.. p, scope.Year], r => (Listed: RecordSql.Long(r, 0), Done: RecordSql.Long(r, 1)), ct)).Single();

        var shares = string.Join(", ", D.StepShares.Select((_, k) =>
            $"COALESCE(SUM(CASE WHEN \"d{k}\" > 0 OR \"s{k}\" = 0 THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN \"d{k}\" > 0 THEN 1 ELSE 0 END), 0)"));
        var counts = (await RecordSql.QueryAsync(db, $"{Flags} SELECT COUNT(*), {shares} FROM flags", p,
            r => Enumerable.Range(0, r.FieldCount).Select(i => RecordSql.Long(r, i)).ToArray(), ct)).Single();
        figures.Add(IndicatorRules.Count(D.Decided, counts[0]));
        figures.Add(IndicatorRules.Share(D.CatalogueExecution, catalogue.Done, catalogue.Listed, 100));
        for (var k = 0; k < D.StepShares.Count; k++)
        {
            var definition = D.StepShares[k];
            figures.Add(IndicatorRules.Share(definition, counts[2 + 2 * k], counts[1 + 2 * k],
                definition.Requirement == IndicatorRequirement.Target ? D.CounselTargetPercent : null));
        }

        var comments = (await RecordSql.QueryAsync(db, $"""
            SELECT COUNT(*), COALESCE(SUM(t."Answered"), 0), COALESCE(SUM(t."Adopted"), 0) FROM ({CommentFlags}) t
            """, p, r => (Received: RecordSql.Long(r, 0), Answered: RecordSql.Long(r, 1), Adopted: RecordSql.Long(r, 2)), ct)).Single();
        figures.Add(IndicatorRules.Count(D.CommentsReceived, comments.Received));
        figures.Add(IndicatorRules.Count(D.CommentsAnswered, comments.Answered));
        figures.Add(IndicatorRules.Count(D.CommentsAdopted, comments.Adopted));

        figures.Add(IndicatorRules.Count(D.HearingsHeld, await ScalarAsync($"""
            SELECT COUNT(*) FROM "Hearings" h JOIN "Matters" m ON m."Id" = h."MatterId"
            WHERE {InScope} AND h."CancelledAt" IS NULL AND h."HeldAt" >= @p2 AND h."HeldAt" < @p3
            """, p, ct)));
        figures.Add(IndicatorRules.Count(D.ExpertOpinionsSigned, await ScalarAsync($"""
            SELECT COUNT(*) FROM "ExpertOpinions" o JOIN "Matters" m ON m."Id" = o."MatterId"
            WHERE {InScope} AND o."SignedAt" >= @p2 AND o."SignedAt" < @p3
            """, p, ct)));

        var evaluations = (await RecordSql.QueryAsync(db, $"""
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN e."CompletedAt" IS NULL THEN 0 ELSE 1 END), 0)
            FROM "DecisionEvaluations" e JOIN "Matters" m ON m."Id" = e."MatterId"
            WHERE {InScope} AND e."DecisionOrganId" = @p0 AND e."Year" = @p4
            """, [.. p, scope.Year], r => (Started: RecordSql.Long(r, 0), Completed: RecordSql.Long(r, 1)), ct)).Single();
        figures.Add(IndicatorRules.Count(D.EvaluationsStarted, evaluations.Started, scope.EvaluationsPerYear));
        figures.Add(IndicatorRules.Count(D.EvaluationsCompleted, evaluations.Completed));

        var filings = (await RecordSql.QueryAsync(db, $"""
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN f."DaysLate" = 0 THEN 1 ELSE 0 END), 0)
            FROM "FilingRecords" f JOIN "Matters" m ON m."Id" = f."MatterId"
            WHERE {InScope} AND f."IssuedOn" >= @p4 AND f."IssuedOn" < @p5
            """, [.. p, new DateOnly(scope.Year, 1, 1), new DateOnly(scope.Year + 1, 1, 1)], r => (All: RecordSql.Long(r, 0), OnTime: RecordSql.Long(r, 1)), ct)).Single();
        figures.Add(IndicatorRules.Share(D.FilingOnTime, filings.OnTime, filings.All));
        return figures;
    }

    public async Task<IReadOnlyList<IndicatorRow>?> DrillDownAsync(IndicatorScope scope, string indicatorId, CancellationToken ct)
    {
        var p = Parameters(scope);
        if (indicatorId == D.Started.Id)
        {
            return await MattersAsync($"""
                SELECT m."Id", m."Number", m."Title", m."DraftingUnitId", 1, 0, 1, 0, NULL FROM "Matters" m JOIN "WorkflowInstances" i ON i."MatterId" = m."Id"
                WHERE {InScope} AND i."StartedAt" >= @p2 AND i."StartedAt" < @p3 ORDER BY m."Number"
                """, p, ct);
        }
        if (indicatorId == D.Decided.Id)
        {
            return await MattersAsync($"""
                {Flags} SELECT m."Id", m."Number", m."Title", m."DraftingUnitId", 1, 0, f."DecisionSequence", 0, NULL
                FROM flags f JOIN "Matters" m ON m."Id" = f."MatterId" ORDER BY m."Number"
                """, p, ct);
        }
        if (indicatorId == D.CatalogueExecution.Id)
        {
            // One row per listed item that has linked matters (the item's number and title in the note); an item with none has no matter to show.
            return await MattersAsync($"""
                SELECT m."Id", m."Number", m."Title", m."DraftingUnitId", t."Done", 0, 0, 0, CAST(i."Number" AS VARCHAR(10))
                FROM ({CatalogueFlags}) t JOIN "CatalogueItems" i ON i."Id" = t."ItemId"
                JOIN "CatalogueMatterLinks" l ON l."ItemId" = i."Id" JOIN "Matters" m ON m."Id" = l."MatterId"
                ORDER BY i."Number", m."Number"
                """, [.. p, scope.Year], ct);
        }
        var step = D.StepShares.Select((d, k) => (d, k)).FirstOrDefault(x => x.d.Id == indicatorId);
        if (step.d is not null)
        {
            var k = step.k;
            // Breaks: required (not skipped) and not done. A target share (counsel, 100 %) lists its misses the same way.
            return await MattersAsync($"""
                {Flags} SELECT m."Id", m."Number", m."Title", m."DraftingUnitId",
                  CASE WHEN f."d{k}" > 0 THEN 1 ELSE 0 END, CASE WHEN f."d{k}" > 0 THEN 0 ELSE 1 END, f."DecisionSequence", f."d{k}", NULL
                FROM flags f JOIN "Matters" m ON m."Id" = f."MatterId"
                WHERE f."d{k}" > 0 OR f."s{k}" = 0 ORDER BY m."Number"
                """, p, ct);
        }
        if (indicatorId == D.CommentsReceived.Id || indicatorId == D.CommentsAnswered.Id || indicatorId == D.CommentsAdopted.Id)
        {
            var column = indicatorId == D.CommentsReceived.Id ? "1" : indicatorId == D.CommentsAnswered.Id ? "t.\"Answered\"" : "t.\"Adopted\"";
            return await MattersAsync($"""
                SELECT m."Id", m."Number", m."Title", m."DraftingUnitId", 1, 0, 0, 0, CAST(SUM({column}) AS VARCHAR(20))
                FROM ({CommentFlags}) t JOIN "Matters" m ON m."Id" = t."MatterId"
                GROUP BY m."Id", m."Number", m."Title", m."DraftingUnitId" HAVING SUM({column}) > 0 ORDER BY m."Number"
                """, p, ct);
        }
        if (indicatorId == D.HearingsHeld.Id)
        {
            return await MattersAsync($"""
                SELECT m."Id", m."Number", m."Title", m."DraftingUnitId", 1, 0, 0, 0, h."Place" FROM "Hearings" h JOIN "Matters" m ON m."Id" = h."MatterId"
                WHERE {InScope} AND h."CancelledAt" IS NULL AND h."HeldAt" >= @p2 AND h."HeldAt" < @p3 ORDER BY m."Number"
                """, p, ct);
        }
        if (indicatorId == D.ExpertOpinionsSigned.Id)
        {
            return await MattersAsync($"""
                SELECT m."Id", m."Number", m."Title", m."DraftingUnitId", 1, 0, o."JournalSequence", 0, x."Name"
                FROM "ExpertOpinions" o JOIN "Matters" m ON m."Id" = o."MatterId" JOIN "Experts" x ON x."Id" = o."ExpertId"
                WHERE {InScope} AND o."SignedAt" >= @p2 AND o."SignedAt" < @p3 ORDER BY m."Number"
                """, p, ct);
        }
        if (indicatorId == D.EvaluationsStarted.Id || indicatorId == D.EvaluationsCompleted.Id)
        {
            var completedOnly = indicatorId == D.EvaluationsCompleted.Id ? "AND e.\"CompletedAt\" IS NOT NULL" : "";
            return await MattersAsync($"""
                SELECT m."Id", m."Number", m."Title", m."DraftingUnitId", CASE WHEN e."CompletedAt" IS NULL THEN 0 ELSE 1 END, 0, 0, 0, e."Outcome"
                FROM "DecisionEvaluations" e JOIN "Matters" m ON m."Id" = e."MatterId"
                WHERE {InScope} AND e."DecisionOrganId" = @p0 AND e."Year" = @p4 {completedOnly} ORDER BY m."Number"
                """, [.. p, scope.Year], ct);
        }
        if (indicatorId == D.FilingOnTime.Id)
        {
            return await MattersAsync($"""
                SELECT m."Id", m."Number", m."Title", m."DraftingUnitId", CASE WHEN f."DaysLate" = 0 THEN 1 ELSE 0 END,
                  CASE WHEN f."DaysLate" = 0 THEN 0 ELSE 1 END, 0, 0, f."RecipientName"
                FROM "FilingRecords" f JOIN "Matters" m ON m."Id" = f."MatterId"
                WHERE {InScope} AND f."IssuedOn" >= @p4 AND f."IssuedOn" < @p5 ORDER BY m."Number", f."RecipientId"
                """, [.. p, new DateOnly(scope.Year, 1, 1), new DateOnly(scope.Year + 1, 1, 1)], ct);
        }
        return null;
    }

    /// <summary>
    /// One row per comment received in the year on the organ's consultations: answered when a response names it or
    /// its group (第十八条: responses may be given by group), adopted when such a response is <c>adopted</c>.
    /// </summary>
    private static readonly string CommentFlags = $"""
        SELECT k."MatterId" AS "MatterId",
          CASE WHEN EXISTS (SELECT 1 FROM "CommentResponses" r WHERE r."ConsultationId" = c."ConsultationId"
            AND (r."CommentId" = c."Id" OR (r."GroupKey" IS NOT NULL AND r."GroupKey" = c."GroupKey"))) THEN 1 ELSE 0 END AS "Answered",
          CASE WHEN EXISTS (SELECT 1 FROM "CommentResponses" r WHERE r."ConsultationId" = c."ConsultationId" AND r."Decision" = 'adopted'
            AND (r."CommentId" = c."Id" OR (r."GroupKey" IS NOT NULL AND r."GroupKey" = c."GroupKey"))) THEN 1 ELSE 0 END AS "Adopted"
        FROM "ConsultationComments" c
        JOIN "Consultations" k ON k."Id" = c."ConsultationId"
        JOIN "Matters" m ON m."Id" = k."MatterId"
        WHERE {InScope} AND c."ReceivedAt" >= @p2 AND c."ReceivedAt" < @p3
        """;

    /// <summary>
    /// One row per item of the organ's published catalogue of the year (@p4) not withdrawn (for a department: its
    /// items): done when a linked matter was approved before the end of the year (第十条第二款).
    /// </summary>
    private static readonly string CatalogueFlags = $"""
        SELECT i."Id" AS "ItemId",
          CASE WHEN EXISTS (SELECT 1 FROM "CatalogueMatterLinks" l JOIN "JournalEntries" d ON d."InstanceId" = l."MatterId"
            WHERE l."ItemId" = i."Id" AND d."Type" = 'TaskCompleted' AND d."StepId" = {Literal(D.Decided.StepId!)}
              AND d."Outcome" IN ({string.Join(", ", D.ApprovingOutcomes.Select(Literal))}) AND d."OccurredAt" < @p3) THEN 1 ELSE 0 END AS "Done"
        FROM "CatalogueItems" i JOIN "DecisionCatalogues" c ON c."Id" = i."CatalogueId"
        WHERE c."OrganId" = @p0 AND c."Year" = @p4 AND c."Status" = 'published' AND i."WithdrawnBy" IS NULL AND (@p1 = '' OR i."DraftingUnitId" = @p1)
        """;

    private static List<object> Parameters(IndicatorScope scope) => [scope.OrganId, scope.DepartmentId, scope.From, scope.To];

    private async Task<long> ScalarAsync(string sql, IReadOnlyList<object> p, CancellationToken ct) =>
        (await RecordSql.QueryAsync(db, sql, p, r => RecordSql.Long(r, 0), ct)).Single();

    /// <summary>Rows of: matter id, number, title, drafting unit, counted, breaks, journal sequence, journal sequence, note.</summary>
    private Task<List<IndicatorRow>> MattersAsync(string sql, IReadOnlyList<object> p, CancellationToken ct) =>
        RecordSql.QueryAsync(db, sql, p, Row, ct);

    private static IndicatorRow Row(DbDataReader r) => new(
        RecordSql.Guid(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), RecordSql.Long(r, 4) == 1, RecordSql.Long(r, 5) == 1,
        [.. new[] { RecordSql.Long(r, 6), RecordSql.Long(r, 7) }.Where(s => s > 0)], r.IsDBNull(8) ? null : Convert.ToString(r.GetValue(8), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Step ids and outcomes are constants of this code (never input); checked anyway before they become SQL text.</summary>
    private static string Literal(string value) =>
        value.All(c => c is (>= 'a' and <= 'z') or '-' or (>= '0' and <= '9')) ? $"'{value}'" : throw new ArgumentException($"not an identifier: {value}");
}
