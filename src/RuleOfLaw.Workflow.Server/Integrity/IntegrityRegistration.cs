using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Auth;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>The key ring, the keyed journal chain and its signed checkpoints (docs/security.md).</summary>
public static class IntegrityRegistration
{
    public static IServiceCollection AddIntegrity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CryptoOptions>().Bind(configuration.GetSection(CryptoOptions.Section))
            .Validate(o => o.Problem() is null, "Crypto:HashAlgorithm must be sm3 or sha256, Crypto:CheckpointHours 0-168 (docs/security.md).").ValidateOnStart();
        services.AddSingleton<KeyRing>();
        services.AddSingleton<JournalSeal>();
        services.AddScoped<JournalCheckpoints>();
        services.AddScoped<JournalIntegrity>();
        services.AddScoped<SignerKeys>();
        services.AddScoped<OpinionSignatures>();
        services.AddScoped<SignerCertificates>();
        services.AddHostedService<CheckpointWorker>();
        return services;
    }

    /// <summary>
    /// On the start that created the key ring (a new deployment, or the first start of this version), seals the
    /// journal rows written before the keyed chain existed: the MAC then attests that they were as they are now at
    /// that moment. Never on a later start, so nulling a row's MAC in the database cannot get a forgery sealed.
    /// </summary>
    public static async Task<int> SealLegacyEntriesAsync(WorkflowDbContext db, KeyRing keys, JournalSeal seal, CancellationToken ct)
    {
        if (!keys.Created)
        {
            return 0;
        }
        var sealedCount = 0;
        while (true)
        {
            var batch = await db.Journal.Where(j => j.Mac == null).OrderBy(j => j.InstanceId).ThenBy(j => j.Sequence).Take(500).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return sealedCount;
            }
            batch.ForEach(seal.Seal);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            sealedCount += batch.Count;
        }
    }

    public static void MapIntegrityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/journal-checkpoints", async (WorkflowDbContext db, KeyRing keys, int? take, CancellationToken ct) =>
        {
            var rows = await db.Set<JournalCheckpoint>().AsNoTracking().OrderByDescending(c => c.Number).Take(Math.Clamp(take ?? 30, 1, 366)).ToListAsync(ct);
            return Results.Ok(new PublishedCheckpoints(
                keys.All(KeyRing.CheckpointSigning).Select(k => new PublishedKey(k.Id, Convert.ToHexStringLower(SmCrypto.Sm2PublicKeyOf(k.Bytes)), k.CreatedAt)).ToList(),
                SmCrypto.Sm2WithSm3, SmCrypto.DefaultUserId,
                rows.Select(PublishedCheckpoint.From).ToList()));
        }).AllowAnonymous().WithTags("Public").WithSummary("Signed checkpoints of every journal head, with the SM2 public keys to check them offline")
            .Produces<PublishedCheckpoints>();

        // The key ring and the checkpoints cover every government's journals: operators only.
        var admin = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(OperatorPolicy.Name);
        admin.MapPost("/journal-checkpoints", async (JournalCheckpoints checkpoints, CancellationToken ct) =>
        {
            var made = await checkpoints.CreateAsync(onlyIfDue: false, ct);
            return Results.Ok(PublishedCheckpoint.From(made!));
        }).WithSummary("Make a signed checkpoint of every journal head now (besides the daily one)").Produces<PublishedCheckpoint>();

        admin.MapPost("/keys/{purpose}/rotate", (string purpose, KeyRing keys) =>
        {
            if (!KeyRing.Purposes.Contains(purpose))
            {
                return ApiProblem.Refused(IntegrityTexts.Catalog.Invalid("unknown-key-purpose", null,
                    ("purpose", purpose), ("known", KeyRing.Purposes)));
            }
            var key = keys.Rotate(purpose);
            return Results.Ok(new RotatedKey(key.Id, key.Purpose, key.CreatedAt));
        }).WithSummary("Add a new current key for a purpose (journal-mac, checkpoint-sm2, data-sm4); old keys stay to verify and decrypt")
            .Produces<RotatedKey>();

        admin.MapPost("/signers/{userId}/certificate", async (string userId, SignerCertificateRequest request, SignerCertificates certificates, CancellationToken ct) =>
        {
            var (view, problem) = await certificates.ImportAsync(userId, request, ct);
            return problem ?? Results.Ok(view);
        }).WithSummary("Replace a signer's server-generated SM2 key by the key of an X.509 certificate from a CA (SM2, valid now, with its private key)")
            .Produces<SignerCertificateView>();
    }
}

public sealed record RotatedKey(string Id, string Purpose, DateTimeOffset CreatedAt);

public sealed record PublishedKey(string KeyId, string PublicKey, DateTimeOffset CreatedAt);

public sealed record PublishedCheckpoints(List<PublishedKey> PublicKeys, string SignatureAlgorithm, string SignerUserId, List<PublishedCheckpoint> Checkpoints);

public sealed record PublishedCheckpoint(long Number, DateTimeOffset CreatedAt, int InstanceCount, string HashAlgorithm, string MerkleRoot,
    string SignatureAlgorithm, string KeyId, string PublicKey, string Signature, string SignedText)
{
    public static PublishedCheckpoint From(JournalCheckpoint c) => new(c.Number, c.CreatedAt, c.InstanceCount, c.HashAlgorithm, c.MerkleRoot,
        c.SignatureAlgorithm, c.KeyId, c.PublicKey, c.Signature, System.Text.Encoding.UTF8.GetString(c.SignedBytes()));
}
