using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Participation;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>
/// A hand-made year 2026 of the demo county, written straight into the database (matters, journals, comments,
/// hearings, opinions, evaluations, filings) so that every boundary is on purpose: local midnight in Beijing, skipped
/// versus missing steps, another department, another government, a matter not approved. The right figures are
/// written out by hand in <see cref="IndicatorTests"/>; nothing here computes them.
/// </summary>
public static class SeededYear
{
    public const string Organ = "demo-county";
    public const string Drc = "demo-county-drc";
    public const string Transport = "demo-county-transport";

    /// <summary>Local (UTC+8) wall time as a UTC instant.</summary>
    public static DateTimeOffset Local(int y, int mo, int d, int h = 10, int mi = 0) => new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public sealed record Seeded(Guid M1, Guid M2, Guid M3, Guid M4, Guid M5, Guid M6, Guid M8);

    /// <summary>What happened to each step share's step: done, skipped (not required), or neither (required, missing).</summary>
    private enum S { Done, Skipped, Missing }

    public static async Task<Seeded> WriteAsync(WorkflowDbContext db)
    {
        db.Organizations.Add(new Organization { Id = Transport, Name = "示范县交通运输局", Kind = "department", ParentId = Organ });
        await db.SaveChangesAsync();
        // The instances name a stored definition version (a foreign key): the newest shipped one, whichever it is.
        var version = await db.Definitions.Where(d => d.DefinitionId == "major-administrative-decision").MaxAsync(d => d.Version);

        // Steps in order: public-participation, expert-argumentation, risk-assessment, legal-counsel-opinion, legality-review, publication, archiving.
        var m1 = Matter(db, version, "2026-9001", Drc, Organ, Local(2026, 3, 1), Local(2026, 5, 10), "approved",
            (S.Done, S.Skipped, S.Skipped, S.Done, S.Done, S.Done, S.Done));
        // Started 2025; approved at 00:30 on 1 January 2026 local time (16:30 UTC on 31 December): a 2026 decision.
        var m2 = Matter(db, version, "2026-9002", Drc, Organ, Local(2025, 11, 20), Local(2026, 1, 1, 0, 30), "approved-with-amendments",
            (S.Skipped, S.Done, S.Missing, S.Missing, S.Done, S.Skipped, S.Missing));
        // Another department; approved at 23:59 on 31 December 2026 local time.
        var m3 = Matter(db, version, "2026-9003", Transport, Organ, Local(2026, 2, 1), Local(2026, 12, 31, 23, 59), "approved",
            (S.Done, S.Done, S.Done, S.Done, S.Done, S.Done, S.Done));
        // Approved at 00:10 on 1 January 2027 local time (still 2026 in UTC): a 2027 decision.
        var m4 = Matter(db, version, "2026-9004", Drc, Organ, Local(2026, 6, 1), Local(2027, 1, 1, 0, 10), "approved",
            (S.Done, S.Skipped, S.Skipped, S.Done, S.Done, S.Done, S.Done));
        // Not approved at the meeting: not a decision.
        var m5 = Matter(db, version, "2026-9005", Drc, Organ, Local(2026, 4, 1), Local(2026, 7, 1), "not-approved",
            (S.Done, S.Skipped, S.Skipped, S.Done, S.Done, S.Skipped, S.Skipped));
        // Another government (the demo city): never counted for the county.
        var m6 = Matter(db, version, "2026-9006", "demo-city-drc", "demo-city", Local(2026, 3, 1), Local(2026, 5, 1), "approved",
            (S.Done, S.Skipped, S.Skipped, S.Done, S.Done, S.Done, S.Done));
        // Started at 00:30 on 1 January 2026 local time; decided without public participation, legality review or publication (a legacy record).
        var m8 = Matter(db, version, "2026-9008", Drc, Organ, Local(2026, 1, 1, 0, 30), Local(2026, 8, 1), "approved",
            (S.Missing, S.Skipped, S.Skipped, S.Missing, S.Missing, S.Missing, S.Missing));
        await db.SaveChangesAsync();

        // Comments on M1's consultation: c1 answered and adopted, c2 and c3 answered by their group (not adopted),
        // c4 unanswered, c5 received at 23:00 on 31 December 2025 local time (not 2026).
        var consultation = new Consultation
        {
            Id = Guid.NewGuid(), MatterId = m1.Matter, Title = "征求意见", DraftText = "草案", Explanation = "说明", OpensAt = Local(2025, 12, 1),
            ClosesAt = Local(2026, 4, 1), MinimumClosesAt = Local(2026, 1, 1), MinimumRule = "30日", PublishedBy = "u", PublishedByName = "王承办",
            PublishedAt = Local(2025, 12, 1),
        };
        db.Add(consultation);
        await db.SaveChangesAsync();
        ConsultationComment Comment(int n, DateTimeOffset at, string group) => new()
        {
            Id = Guid.NewGuid(), ConsultationId = consultation.Id, Sequence = n, ReceiptNumber = $"R-9001-{n}", ReceivedAt = at, SubmitterType = "individual",
            Text = $"意见{n}", GroupKey = group, RequestHash = new string('0', 64),
        };
        var c1 = Comment(1, Local(2026, 3, 5), "a");
        var c2 = Comment(2, Local(2026, 3, 6), "g1");
        var c3 = Comment(3, Local(2026, 3, 7), "g1");
        var c4 = Comment(4, Local(2026, 3, 8), "b");
        var c5 = Comment(5, Local(2025, 12, 31, 23, 0), "c");
        db.AddRange(c1, c2, c3, c4, c5);
        await db.SaveChangesAsync();
        db.AddRange(
            new CommentResponse { Id = Guid.NewGuid(), ConsultationId = consultation.Id, CommentId = c1.Id, Decision = "adopted", RespondedBy = "u", RespondedByName = "王承办", RespondedAt = Local(2026, 4, 2) },
            new CommentResponse { Id = Guid.NewGuid(), ConsultationId = consultation.Id, GroupKey = "g1", Decision = "not-adopted", Reason = "与上位法不符", RespondedBy = "u", RespondedByName = "王承办", RespondedAt = Local(2026, 4, 2) },
            new CommentResponse { Id = Guid.NewGuid(), ConsultationId = consultation.Id, CommentId = c5.Id, Decision = "adopted", RespondedBy = "u", RespondedByName = "王承办", RespondedAt = Local(2026, 4, 2) });

        // Hearings: one held in 2026 (M1), one called off (M3), one held in 2025 (M2).
        db.AddRange(
            Hearing(m1.Matter, Local(2026, 4, 1), null),
            Hearing(m3.Matter, Local(2026, 5, 1), Local(2026, 4, 20)),
            Hearing(m2.Matter, Local(2025, 12, 1), null));

        // Expert opinions: one signed in 2025 (M2), two in 2026 (M3), one for the city (M6).
        var experts = Enumerable.Range(1, 3).Select(i => new Expert
        {
            Id = Guid.NewGuid(), Name = $"专家{i}", Field = "交通", Employer = "大学", GovernmentEmployed = false, CreatedBy = "u", CreatedAt = Local(2025, 1, 1),
        }).ToList();
        db.AddRange(experts);
        await db.SaveChangesAsync();
        db.AddRange(
            Opinion(m2, experts[0].Id, Local(2025, 12, 20)),
            Opinion(m3, experts[0].Id, Local(2026, 7, 1)),
            Opinion(m3, experts[1].Id, Local(2026, 7, 2)),
            Opinion(m6, experts[2].Id, Local(2026, 7, 3)));

        // Evaluations of the county: two started in 2026 (one completed), one in 2025.
        db.AddRange(
            Evaluation(m1.Matter, 2026, completed: true),
            Evaluation(m3.Matter, 2026, completed: false),
            Evaluation(m2.Matter, 2025, completed: true));

        // Filings: M1 to two recipients (one 3 days late), M3 issued 31 December 2026, M2 issued in 2025.
        db.AddRange(
            Filing(m1.Matter, "higher-government", new DateOnly(2026, 5, 20), 0),
            Filing(m1.Matter, "people-congress", new DateOnly(2026, 5, 20), 3),
            Filing(m3.Matter, "higher-government", new DateOnly(2026, 12, 31), 0),
            Filing(m2.Matter, "higher-government", new DateOnly(2025, 12, 31), 0));
        await db.SaveChangesAsync();
        return new Seeded(m1.Matter, m2.Matter, m3.Matter, m4.Matter, m5.Matter, m6.Matter, m8.Matter);
    }

    private static readonly string[] StepOrder =
        ["public-participation", "expert-argumentation", "risk-assessment", "legal-counsel-opinion", "legality-review", "publication", "archiving"];

    private static (Guid Matter, Guid Instance) Matter(
        WorkflowDbContext db, int version, string number, string unit, string organ, DateTimeOffset started, DateTimeOffset decided, string outcome,
        (S, S, S, S, S, S, S) steps)
    {
        var id = Guid.NewGuid();
        db.Matters.Add(new Matter
        {
            Id = id, Number = number, Title = $"事项{number}", DefinitionId = "major-administrative-decision", DecisionOrganId = organ, DraftingUnitId = unit,
            AttributesJson = "{}", AssignmentsJson = "{}", CreatedBy = "seed", CreatedAt = started,
        });
        db.Instances.Add(new InstanceRecord
        {
            Id = id, MatterId = id, DefinitionId = "major-administrative-decision", DefinitionVersion = version, Status = "completed", StateJson = "{}",
            Version = 1, StartedAt = started, UpdatedAt = decided,
        });
        var sequence = 0L;
        void Entry(string type, string? step, string? result, DateTimeOffset at) => db.Journal.Add(new JournalRecord
        {
            InstanceId = id, Sequence = ++sequence, Type = type, StepId = step, ActorId = "seed", ActorName = "种子", OccurredAt = at, Outcome = result,
            DataJson = "{}", PreviousHash = new string('0', 64), Hash = new string('1', 64), HashAlgorithm = "sm3",
        });
        Entry("InstanceStarted", null, null, started);
        S[] states = [steps.Item1, steps.Item2, steps.Item3, steps.Item4, steps.Item5, steps.Item6, steps.Item7];
        for (var i = 0; i < 5; i++)
        {
            Entry(states[i] == S.Skipped ? "StepSkipped" : "TaskOpened", StepOrder[i], null, started.AddDays(i + 1));
            if (states[i] == S.Done)
            {
                Entry("TaskCompleted", StepOrder[i], "done", started.AddDays(i + 1).AddHours(1));
            }
        }
        Entry("TaskOpened", "collective-decision", null, decided.AddHours(-1));
        Entry("TaskCompleted", "collective-decision", outcome, decided);
        for (var i = 5; i < 7; i++)
        {
            Entry(states[i] == S.Skipped ? "StepSkipped" : "TaskOpened", StepOrder[i], null, decided.AddMinutes(i));
            if (states[i] == S.Done)
            {
                Entry("TaskCompleted", StepOrder[i], "done", decided.AddMinutes(i + 1));
            }
        }
        return (id, id);
    }

    private static Hearing Hearing(Guid matter, DateTimeOffset held, DateTimeOffset? cancelled) => new()
    {
        Id = Guid.NewGuid(), MatterId = matter, ScheduledAt = held, Place = "县政府三楼会议室", SelectionMethod = "随机", ParticipantsJson = "[]",
        MaterialsDueOn = DateOnly.FromDateTime(held.UtcDateTime).AddDays(-7), AnnouncedAt = held.AddDays(-30), AnnouncedBy = "u",
        HeldAt = cancelled is null ? held : null, CancelledAt = cancelled, CancelReason = cancelled is null ? null : "材料未按期送达",
    };

    private static ExpertOpinion Opinion((Guid Matter, Guid Instance) m, Guid expert, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), MatterId = m.Matter, InstanceId = m.Instance, ExpertId = expert, Text = "论证意见", Signature = new string('a', 64),
        SignedBy = "u", SignedAt = at, JournalSequence = 3,
    };

    private static DecisionEvaluation Evaluation(Guid matter, int year, bool completed) => new()
    {
        Id = Guid.NewGuid(), MatterId = matter, DecisionOrganId = Organ, Year = year, Trigger = "plan", EvaluatorOrganizationId = "demo-county-evaluation",
        StartedBy = "u", StartedAt = Local(year, 9, 1), Outcome = completed ? "continue" : null, Conclusion = completed ? "继续执行" : null,
        CompletedBy = completed ? "u" : null, CompletedAt = completed ? Local(year, 11, 1) : null,
    };

    private static FilingRecord Filing(Guid matter, string recipient, DateOnly issued, int daysLate) => new()
    {
        Id = Guid.NewGuid(), MatterId = matter, TaskId = Guid.NewGuid(), RecipientId = recipient, RecipientName = recipient, IssuedOn = issued,
        DueOn = issued.AddDays(30), DueRule = "30日", SubmittedOn = issued.AddDays(30 + daysLate), DaysLate = daysLate, RecordedBy = "u", RecordedAt = Local(2026, 12, 1),
    };
}
