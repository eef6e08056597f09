using System.Data;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// “三统一” registration by the justice office: the next registration number and document number of the issuing
/// entity's year, and the issue day (印发之日, from which filing is counted).
/// </summary>
/// <remarks>
/// Gap-free under concurrency. The counter row (entity, year) is incremented by a single UPDATE before anything else
/// of the registration is read or written, and the number is read back in the same transaction. The UPDATE holds the
/// row lock until commit (PostgreSQL and SQL Server at READ COMMITTED; SQLite's transactions begin IMMEDIATE, with its
/// one write lock), so concurrent registrations of the same entity queue on it and each sees the previous one's
/// committed value; a registration refused or failing after the UPDATE rolls the increment back with everything
/// else. So every number is taken once and none is skipped. The document is read only after the lock, so a second
/// registration of the same document sees the first one's status and is refused. A unique index on (entity, year,
/// sequence) backs this up. On the procedure, that transaction is the engine command's that completes the
/// registration step (<see cref="DocumentProcedure.ActAsync"/>): numbers and step are committed together; a
/// document drafted before the procedure has its own transaction.
/// </remarks>
public sealed class Registration(NormativeContext context, DocumentProcedure procedure)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// How often a registration on the procedure reads the next number again after another registration of the same
    /// entity took it first: each round at least one of the contenders gets its number, so twenty at once need at most
    /// twenty rounds; the bound only stops a runaway loop.
    /// </summary>
    private const int MaxSequenceAttempts = 100;

    public async Task<NormativeDocument> RegisterAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var db = context.Db;
        if (await procedure.AnsweredAsync(id, NormativeSteps.Registration, NormativeCommands.Registration, "registered", NoRequest, actor, ct))
        {
            return await context.DocumentAsync(id, ct);
        }
        var snapshot = await db.Set<NormativeDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw NormativeRefusedException.NotFound("规范性文件 / normative document " + id);
        NormativeContext.Require(actor, await context.JusticeOfficesAsync(snapshot.GovernmentId, ct), [Roles.LegalityReviewer],
            "本级司法行政部门 / the justice office", NormativeArticles.UniformRegistration);
        var issuer = await context.IssuerAsync(snapshot.IssuerId, ct);
        var jurisdiction = await context.SettingsAsync(snapshot.GovernmentId, ct);
        var today = context.Today(jurisdiction);
        CheckSigned(snapshot);
        await procedure.CheckAsync(id, NormativeSteps.Registration, "registered", null, NormativeCommands.Registration, actor, ct);
        await EnsureCounterAsync(issuer.Id, today.Year, ct);

        if (await procedure.LoadAsync(id, ct) is not null)
        {
            // On the procedure: the numbers and the step in the engine command's one transaction (its retries included).
            // The step's journal entry is sealed by the engine before the rows are written, so it carries the numbers
            // this registration expects: the counter's next value as committed now. Inside the transaction the counter's
            // UPDATE (its row lock still queues concurrent registrations) must give exactly that value; when another
            // registration of the entity committed in between, nothing is kept and it is decided again with the new one.
            for (var attempt = 1; ; attempt++)
            {
                var expected = NumberingRules.Format(jurisdiction.NormativeDocuments, NormativeContext.Rules(issuer), today.Year,
                    await NextSequenceAsync(issuer.Id, today.Year, ct));
                try
                {
                    await procedure.ActAsync(id, new NormativeAct(NormativeSteps.Registration, NormativeCommands.Registration, "registered",
                        $"{expected.RegistrationNumber} {expected.DocumentNumber}",
                        new
                        {
                            registrationNumber = expected.RegistrationNumber, documentNumber = expected.DocumentNumber, sequence = expected.Sequence,
                            issuedOn = today, signedAt = snapshot.SignedAt,
                        }, NoRequest), actor, c => NumberAsync(id, issuer, jurisdiction, today, actor, c, expected.Sequence), ct);
                    return await context.DocumentAsync(id, ct);
                }
                catch (SequenceTakenException) when (attempt < MaxSequenceAttempts)
                {
                    // Another registration of the entity took that number first: read the next one and decide again.
                }
            }
        }
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            // SQLite: BEGIN IMMEDIATE (the write lock first, so two registrations never both read before writing).
            await using var transaction = await db.Database.BeginTransactionAsync(db.Database.IsSqlite() ? IsolationLevel.Serializable : IsolationLevel.ReadCommitted, ct);
            try
            {
                var document = await NumberAsync(id, issuer, jurisdiction, today, actor, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return document;
            }
            catch (Exception e) when (attempt < MaxAttempts && (DatabaseFailure.IsConflict(e) || AdministrativeWrite.IsSerializationFailure(e)))
            {
                // A deadlock victim or serialization failure: nothing was kept; decide again on what is stored now.
            }
        }
    }

    /// <summary>An act without a body.</summary>
    private static readonly object NoRequest = new { };

    /// <summary>
    /// Inside the caller's transaction: takes the next sequence (the counter's UPDATE, whose row lock queues concurrent
    /// registrations of the entity), then reads the document — after the lock, so a registration of the same document
    /// that committed meanwhile is seen and this one refused — and gives it both numbers and the issue day.
    /// </summary>
    /// <remarks>
    /// <paramref name="expected"/>: the sequence the journal entry already names (on the procedure); another one means a
    /// concurrent registration took it, and <see cref="SequenceTakenException"/> rolls this transaction back.
    /// </remarks>
    private async Task<NormativeDocument> NumberAsync(Guid id, NormativeIssuer issuer, Jurisdictions.JurisdictionSettings jurisdiction, DateOnly today, Actor actor,
        CancellationToken ct, int? expected = null)
    {
        var db = context.Db;
        await db.Set<NormativeNumberCounter>().Where(c => c.IssuerId == issuer.Id && c.Year == today.Year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
        var document = await db.Set<NormativeDocument>().SingleAsync(d => d.Id == id, ct);
        CheckSigned(document);
        var sequence = await db.Set<NormativeNumberCounter>().AsNoTracking().Where(c => c.IssuerId == issuer.Id && c.Year == today.Year)
            .Select(c => c.Last).SingleAsync(ct);
        if (expected is { } named && named != sequence)
        {
            throw new SequenceTakenException();
        }
        var numbers = NumberingRules.Format(jurisdiction.NormativeDocuments, NormativeContext.Rules(issuer), today.Year, sequence);
        document.RegistrationYear = numbers.Year;
        document.RegistrationSequence = numbers.Sequence;
        document.RegistrationNumber = numbers.RegistrationNumber;
        document.DocumentNumber = numbers.DocumentNumber;
        document.IssuedOn = today;
        document.Status = NormativeStatuses.Registered;
        context.Event(document.Id, "registered", actor.Id, $"{numbers.RegistrationNumber} {numbers.DocumentNumber}");
        return document;
    }

    private static void CheckSigned(NormativeDocument document)
    {
        if (document.Status != NormativeStatuses.Signed)
        {
            throw NormativeRefusedException.WrongStage("登记编号 / registered", document.Status, NormativeArticles.UniformRegistration);
        }
    }

    /// <summary>The sequence the next registration of the entity's year takes, as committed now.</summary>
    private async Task<int> NextSequenceAsync(Guid issuerId, int year, CancellationToken ct) =>
        await context.Db.Set<NormativeNumberCounter>().AsNoTracking().Where(c => c.IssuerId == issuerId && c.Year == year).Select(c => c.Last).SingleAsync(ct) + 1;

    /// <summary>The number a registration's journal entry named was taken by a concurrent registration (nothing is kept).</summary>
    private sealed class SequenceTakenException() : Exception("The expected registration sequence was taken by a concurrent registration.");

    /// <summary>The counter row for the year, created at 0 the first time (a concurrent creator's row is as good).</summary>
    private async Task EnsureCounterAsync(Guid issuerId, int year, CancellationToken ct)
    {
        var db = context.Db;
        if (await db.Set<NormativeNumberCounter>().AnyAsync(c => c.IssuerId == issuerId && c.Year == year, ct))
        {
            return;
        }
        db.Set<NormativeNumberCounter>().Add(new NormativeNumberCounter { IssuerId = issuerId, Year = year, Last = 0 });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseFailure.IsUniqueViolation(e))
        {
            // Another registration created it first.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
