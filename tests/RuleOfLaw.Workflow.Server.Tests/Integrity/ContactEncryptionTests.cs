using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Privacy;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Integrity;

/// <summary>
/// Issue 20 item 4: commenters', objectors' and review suggesters' contact details are stored SM4-GCM-encrypted under a <c>data-sm4</c> key
/// of the key ring (outside the database), each row naming its algorithm and key; the handling roles read them
/// decrypted; plain rows written before still read, and the start-up step encrypts them and re-encrypts rows under a
/// rotated-out key; a ciphertext moved onto another row does not open.
/// </summary>
public sealed class ContactEncryptionTests
{
    private const string Phone = "13800001234";
    private const string Email = "zhang@example.cn";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Comments_and_objections_store_their_contact_encrypted_and_the_handling_roles_read_it(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);
        using var citizen = server.CreateAnonymousClient();
        await citizen.PostJsonAsync($"/api/public/consultations/{consultation.Id}/comments",
            new { submitterType = "individual", name = "王某", contact = Phone, text = "建议保留夜间免费停车。" }).ExpectAsync(HttpStatusCode.Created, server);
        var issued = await DecisionScenario.ToIssuedAsync(driver);
        await citizen.PostJsonAsync($"/api/public/matters/{issued.Id}/objections", new { text = "收费时段应避开学校放学时间。", name = "张先生", contact = Email })
            .ExpectAsync(HttpStatusCode.Created, server);

        var dataKey = KeyFromFile(server.Database.KeyRingFile, "data-sm4-1");
        var comment = await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().AsNoTracking().SingleAsync());
        var objection = await server.WithDatabaseAsync(db => db.Set<PublicObjection>().AsNoTracking().SingleAsync());
        foreach (var (row, plain, purpose) in new (IStoredContact, string, string)[] { (comment, Phone, ContactPrivacy.Commenters), (objection, Email, ContactPrivacy.Objectors) })
        {
            Assert.Equal((SmCrypto.Sm4Gcm, "data-sm4-1"), (row.ContactAlgorithm, row.ContactKeyId));
            Assert.DoesNotContain(plain, row.Contact, StringComparison.Ordinal);
            // Only the key from the key ring file opens it, and only as this row's contact detail.
            var opened = SmCrypto.Sm4GcmDecrypt(dataKey, Convert.FromBase64String(row.Contact!), Encoding.UTF8.GetBytes($"rolw-contact-v1\n{purpose}\n{row.Id:D}"));
            Assert.Equal(plain, Encoding.UTF8.GetString(opened));
        }

        // The drafting unit reads the commenter's number (API, CSV), the execution unit the objector's address.
        using var drafter = await server.SignInAsync("drafter");
        Assert.Equal(Phone, Assert.Single(await drafter.GetAsync($"/api/consultations/{consultation.Id}/comments")
            .ExpectAsync<List<CommentView>>(HttpStatusCode.OK, server)).Contact);
        using (var csv = await drafter.GetAsync($"/api/consultations/{consultation.Id}/comments.csv").ExpectAsync(HttpStatusCode.OK, server))
        {
            Assert.Contains(Phone, Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }
        var execution = await drafter.GetAsync($"/api/matters/{issued.Id}/execution").ExpectAsync<ExecutionView>(HttpStatusCode.OK, server);
        Assert.Equal((Email, false), (Assert.Single(execution.Objections).Contact, execution.Objections[0].ContactRedacted));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Plain_rows_still_read_and_the_start_encrypts_them_and_re_encrypts_under_a_rotated_key(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid consultationId;
        Guid legacyId;
        await using (var before = new ServerFactory(database))
        {
            before.StartServer();
            using var driver = new ProcedureDriver(before);
            consultationId = (await PublishAsync(driver, (await AtParticipationAsync(driver)).Id)).Id;
            using var citizen = before.CreateAnonymousClient();
            await citizen.PostJsonAsync($"/api/public/consultations/{consultationId}/comments",
                new { submitterType = "individual", name = "王某", contact = Phone, text = "建议保留夜间免费停车。" }).ExpectAsync(HttpStatusCode.Created, before);
            // A row as the version before encryption at rest wrote it: plain, no algorithm, no key.
            legacyId = await before.WithDatabaseAsync(async db =>
            {
                var row = await db.Set<ConsultationComment>().SingleAsync();
                (row.Contact, row.ContactAlgorithm, row.ContactKeyId) = (Phone, null, null);
                await db.SaveChangesAsync();
                return row.Id;
            });
            Assert.Equal([Phone], await ContactsAsync(before, consultationId));

            // A rotated data key: new rows are sealed under it, and the plain row still reads.
            using var admin = await before.SignInAsync("admin");
            await admin.PostAsync("/api/admin/keys/data-sm4/rotate", null).ExpectAsync(HttpStatusCode.OK, before);
            await citizen.PostJsonAsync($"/api/public/consultations/{consultationId}/comments",
                new { submitterType = "organization", name = "某协会", contact = Email, text = "反对涨价。" }).ExpectAsync(HttpStatusCode.Created, before);
            Assert.Equal([null, "data-sm4-2"], await KeyIdsAsync(before));
            Assert.Equal([Phone, Email], await ContactsAsync(before, consultationId));
        }

        // The next start encrypts the plain row under the current key; every row then reads as before.
        await using var after = new ServerFactory(database);
        after.StartServer();
        Assert.Equal(["data-sm4-2", "data-sm4-2"], await KeyIdsAsync(after));
        var legacy = await after.WithDatabaseAsync(db => db.Set<ConsultationComment>().AsNoTracking().SingleAsync(c => c.Id == legacyId));
        Assert.Equal(SmCrypto.Sm4Gcm, legacy.ContactAlgorithm);
        Assert.DoesNotContain(Phone, legacy.Contact, StringComparison.Ordinal);
        Assert.Equal([Phone, Email], await ContactsAsync(after, consultationId));

        // A ciphertext copied onto another row does not open there (the row's id is authenticated), nor does one
        // under a key the key ring does not hold: the reader sees that, not someone else's contact.
        await after.WithDatabaseAsync(async db =>
        {
            var rows = await db.Set<ConsultationComment>().OrderBy(c => c.Sequence).ToListAsync();
            rows[1].Contact = rows[0].Contact;
            rows[0].ContactKeyId = "data-sm4-9";
            return await db.SaveChangesAsync();
        });
        Assert.Equal([ContactCipher.Unreadable, ContactCipher.Unreadable], await ContactsAsync(after, consultationId));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Review_suggestions_store_their_contact_encrypted_the_recipient_reads_it_and_plain_rows_are_encrypted_at_the_next_start(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid documentId;
        await using (var before = new ServerFactory(database))
        {
            before.StartServer();
            using var driver = new ProcedureDriver(before);
            var api = new NormativeDocuments.NormativeApi(driver);
            documentId = await api.InsertSignedAsync(await api.ListBureauAsync());
            await api.PublishAsync(documentId);
            using var portal = before.CreateAnonymousClient();
            foreach (var (name, contact) in new[] { ("刘某", Phone), ("陈某", Email) })
            {
                await portal.PostJsonAsync($"/api/public/normative-documents/{documentId}/review-suggestions",
                    new { name, contact, text = "第八条增设许可条件，无上位法依据。" }).ExpectAsync(HttpStatusCode.Created, before);
            }
            var stored = await SuggestionsAsync(before);
            Assert.All(stored, s => Assert.Equal((SmCrypto.Sm4Gcm, "data-sm4-1"), (s.ContactAlgorithm, s.ContactKeyId)));
            Assert.DoesNotContain(stored, s => s.Contact!.Contains(Phone, StringComparison.Ordinal) || s.Contact.Contains(Email, StringComparison.Ordinal));

            // The filing recipient's legality reviewer reads them decrypted (and the view is logged); the drafter sees none.
            Assert.Equal([Phone, Email], await SuggestionContactsAsync(api));
            Assert.Equal(1, await before.WithDatabaseAsync(db => db.Set<ContactDetailsView>().CountAsync(v => v.Purpose == ContactPrivacy.Suggesters)));
            Assert.Empty((await api.GetAsync("drafter", "/api/normative-review-suggestions")).EnumerateArray());

            // A row as the version before encryption wrote it: plain. It still reads.
            await before.WithDatabaseAsync(async db =>
            {
                var row = await db.Set<NormativeReviewSuggestion>().SingleAsync(s => s.SubmitterName == "刘某");
                (row.Contact, row.ContactAlgorithm, row.ContactKeyId) = (Phone, null, null);
                return await db.SaveChangesAsync();
            });
            Assert.Equal([Phone, Email], await SuggestionContactsAsync(api));
        }

        // The next start encrypts the plain row; a ciphertext copied onto another row does not open there.
        await using var after = new ServerFactory(database);
        after.StartServer();
        using var afterDriver = new ProcedureDriver(after);
        var afterApi = new NormativeDocuments.NormativeApi(afterDriver);
        var rows = await SuggestionsAsync(after);
        Assert.All(rows, s => Assert.Equal(SmCrypto.Sm4Gcm, s.ContactAlgorithm));
        Assert.DoesNotContain(rows, s => s.Contact!.Contains(Phone, StringComparison.Ordinal));
        Assert.Equal([Phone, Email], await SuggestionContactsAsync(afterApi));
        await after.WithDatabaseAsync(async db =>
        {
            var both = await db.Set<NormativeReviewSuggestion>().OrderBy(s => s.SubmitterName).ToListAsync();
            both[0].Contact = both[1].Contact;
            return await db.SaveChangesAsync();
        });
        Assert.Contains(ContactCipher.Unreadable, await SuggestionContactsAsync(afterApi));
        Assert.Equal(documentId, rows[0].DocumentId);
    }

    private static Task<List<NormativeReviewSuggestion>> SuggestionsAsync(ServerFactory server) =>
        server.WithDatabaseAsync(db => db.Set<NormativeReviewSuggestion>().AsNoTracking().ToListAsync());

    /// <summary>The contacts the recipient's reviewer reads, in the order the suggestions were submitted.</summary>
    private static async Task<List<string?>> SuggestionContactsAsync(NormativeDocuments.NormativeApi api) =>
        [.. (await api.GetAsync("reviewer", "/api/normative-review-suggestions")).EnumerateArray()
            .OrderBy(s => s.GetProperty("submittedAt").GetDateTimeOffset()).ThenBy(s => s.GetProperty("submitterName").GetString() == "陈某")
            .Select(s => s.GetProperty("contact").GetString())];

    private static async Task<List<string?>> ContactsAsync(ServerFactory server, Guid consultationId)
    {
        using var drafter = await server.SignInAsync("drafter");
        var comments = await drafter.GetAsync($"/api/consultations/{consultationId}/comments").ExpectAsync<List<CommentView>>(HttpStatusCode.OK, server);
        return [.. comments.OrderBy(c => c.ReceiptNumber, StringComparer.Ordinal).Select(c => c.Contact)];
    }

    private static Task<List<string?>> KeyIdsAsync(ServerFactory server) =>
        server.WithDatabaseAsync(db => db.Set<ConsultationComment>().OrderBy(c => c.Sequence).Select(c => c.ContactKeyId).ToListAsync());

    private static byte[] KeyFromFile(string path, string id)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        var key = file.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        return Convert.FromHexString(key.GetProperty("material").GetString()!);
    }
}
