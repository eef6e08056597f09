using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Data;

/// <summary>
/// The one database of the server. The model is provider-neutral: no store types or provider annotations, so the
/// same hand-written migrations run on SQLite and PostgreSQL (see docs/architecture.md, "Schema").
/// </summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : IdentityUserContext<AppUser>(options), IDataProtectionKeyContext
{
    public const int IdLength = 64;
    public const int UserIdLength = 450;
    public const int NameLength = 200;
    public const int HashLength = 64;

    /// <summary>An algorithm's name (<c>sha256</c>, <c>sm3</c>, <c>hmac-sm3</c>, <c>sm2-sm3</c>, <c>sm4-gcm</c>).</summary>
    public const int AlgorithmLength = 16;

    /// <summary>A key ring key id, e.g. <c>journal-mac-2</c>.</summary>
    public const int KeyIdLength = 64;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationMembership> Memberships => Set<OrganizationMembership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<StoredDefinition> Definitions => Set<StoredDefinition>();
    public DbSet<Matter> Matters => Set<Matter>();
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();
    public DbSet<JournalRecord> Journal => Set<JournalRecord>();
    public DbSet<ProcessedCommand> ProcessedCommands => Set<ProcessedCommand>();

    /// <summary>The data-protection key ring shared by every node, each key encrypted (Cluster/DataProtectionRegistration).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Each part of the procedure (Participation/, Meetings/ …) configures its own tables in an
        // IEntityTypeConfiguration next to its entities and reaches them with Set<T>(); no edit here is needed.
        builder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);

        builder.Entity<AppUser>(e => e.Property(u => u.DisplayName).HasMaxLength(NameLength));

        builder.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys"));

        builder.Entity<Organization>(e =>
        {
            e.ToTable("Organizations");
            e.Property(o => o.Id).HasMaxLength(IdLength);
            e.Property(o => o.Name).HasMaxLength(NameLength);
            e.Property(o => o.NameEn).HasMaxLength(NameLength);
            e.Property(o => o.Kind).HasMaxLength(IdLength);
            e.Property(o => o.ParentId).HasMaxLength(IdLength);
            e.Property(o => o.JurisdictionId).HasMaxLength(IdLength);
            e.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OrganizationMembership>(e =>
        {
            e.ToTable("OrganizationMemberships");
            e.HasKey(m => new { m.UserId, m.OrganizationId, m.Role });
            e.Property(m => m.OrganizationId).HasMaxLength(IdLength);
            e.Property(m => m.Role).HasMaxLength(IdLength);
            e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(m => new { m.OrganizationId, m.Role });
        });

        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.Property(t => t.Name).HasMaxLength(NameLength);
            e.Property(t => t.TokenHash).HasMaxLength(HashLength);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StoredDefinition>(e =>
        {
            e.ToTable("ProcedureDefinitions");
            e.HasKey(d => new { d.DefinitionId, d.Version });
            e.Property(d => d.DefinitionId).HasMaxLength(IdLength);
            e.Property(d => d.Title).HasMaxLength(NameLength);
            e.Property(d => d.ContentHash).HasMaxLength(HashLength);
        });

        builder.Entity<Matter>(e =>
        {
            e.ToTable("Matters");
            e.Property(m => m.Number).HasMaxLength(32);
            e.Property(m => m.Title).HasMaxLength(NameLength);
            e.Property(m => m.Summary).HasMaxLength(4000);
            e.Property(m => m.Category).HasMaxLength(IdLength);
            e.Property(m => m.DefinitionId).HasMaxLength(IdLength);
            e.Property(m => m.DecisionOrganId).HasMaxLength(IdLength);
            e.Property(m => m.DraftingUnitId).HasMaxLength(IdLength);
            // Matters created before jurisdictions existed belong to the default one (migration 20261122010000).
            e.Property(m => m.JurisdictionId).HasMaxLength(IdLength).HasDefaultValue("default");
            e.Property(m => m.CreatedBy).HasMaxLength(UserIdLength);
            e.HasIndex(m => m.Number).IsUnique();
            e.HasIndex(m => m.DraftingUnitId);
            e.HasIndex(m => m.DecisionOrganId);
            // A sub-procedure's child matter names its parent instance (no foreign key: SQLite cannot add one to an
            // existing table, and the instance row is the parent's matter's anyway); the index lists a parent's children.
            e.Property(m => m.ParentStepId).HasMaxLength(IdLength);
            e.HasIndex(m => m.ParentInstanceId);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.DecisionOrganId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.DraftingUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<InstanceRecord>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.Property(i => i.DefinitionId).HasMaxLength(IdLength);
            e.Property(i => i.Status).HasMaxLength(20);
            e.Property(i => i.Version).IsConcurrencyToken();
            // One procedure per matter: a major adjustment opens a new, linked matter (art. 35).
            e.HasIndex(i => i.MatterId).IsUnique();
            e.HasOne<Matter>().WithMany().HasForeignKey(i => i.MatterId).OnDelete(DeleteBehavior.Restrict);
            // Named explicitly: the generated name exceeds PostgreSQL's 63 characters and would differ between providers.
            e.HasOne<StoredDefinition>().WithMany().HasForeignKey(i => new { i.DefinitionId, i.DefinitionVersion })
                .HasConstraintName("FK_WorkflowInstances_ProcedureDefinitions").OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<TaskRecord>(e =>
        {
            e.ToTable("WorkTasks");
            e.Property(t => t.StepId).HasMaxLength(IdLength);
            e.Property(t => t.Title).HasMaxLength(NameLength);
            e.Property(t => t.Role).HasMaxLength(IdLength);
            e.Property(t => t.OrganizationId).HasMaxLength(IdLength);
            e.Property(t => t.Status).HasMaxLength(20);
            e.Property(t => t.CompletedBy).HasMaxLength(UserIdLength);
            e.Property(t => t.Outcome).HasMaxLength(IdLength);
            e.Property(t => t.PartyId).HasMaxLength(UserIdLength);
            e.Property(t => t.PartyName).HasMaxLength(NameLength);
            e.HasIndex(t => new { t.OrganizationId, t.Role, t.Status });
            e.HasIndex(t => t.InstanceId);
            e.HasOne<InstanceRecord>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<JournalRecord>(e =>
        {
            e.ToTable("JournalEntries");
            e.HasKey(j => new { j.InstanceId, j.Sequence });
            e.Property(j => j.Type).HasMaxLength(IdLength);
            e.Property(j => j.StepId).HasMaxLength(IdLength);
            e.Property(j => j.ActorId).HasMaxLength(UserIdLength);
            e.Property(j => j.ActorName).HasMaxLength(NameLength);
            e.Property(j => j.Outcome).HasMaxLength(IdLength);
            e.Property(j => j.PreviousHash).HasMaxLength(HashLength);
            e.Property(j => j.Hash).HasMaxLength(HashLength);
            // Entries written before algorithms were recorded were hashed with SHA-256 (migration 20261206100000);
            // declared here too so that the model and the migrated schema agree (and SQL Server's migration has it).
            e.Property(j => j.HashAlgorithm).HasMaxLength(AlgorithmLength).HasDefaultValue(Engine.Journal.JournalAlgorithms.Sha256);
            e.Property(j => j.Mac).HasMaxLength(HashLength);
            e.Property(j => j.MacAlgorithm).HasMaxLength(AlgorithmLength);
            e.Property(j => j.MacKeyId).HasMaxLength(KeyIdLength);
            e.HasOne<InstanceRecord>().WithMany().HasForeignKey(j => j.InstanceId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ProcessedCommand>(e =>
        {
            e.ToTable("ProcessedCommands");
            e.HasKey(c => c.Key);
            e.Property(c => c.Key).HasMaxLength(300);
            e.Property(c => c.RequestHash).HasMaxLength(HashLength);
        });
    }
}
