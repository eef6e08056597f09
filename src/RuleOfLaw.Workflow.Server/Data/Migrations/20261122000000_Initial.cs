using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// The first schema, written by hand (the EF design-time package is not in our registry). Provider-neutral: column
/// types come from each provider's mapping of the CLR type; the only provider annotations are the two that make
/// Identity's integer claim id generate on both. MigratedSchemaMatchesModelTests proves this equals the model.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<string>(nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        b.CreateTable("Organizations", t => new
        {
            Id = t.Column<string>(maxLength: 64, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            NameEn = t.Column<string>(maxLength: 200, nullable: true),
            Kind = t.Column<string>(maxLength: 64, nullable: false),
            ParentId = t.Column<string>(maxLength: 64, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Organizations", x => x.Id);
            t.ForeignKey("FK_Organizations_Organizations_ParentId", x => x.ParentId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("ProcedureDefinitions", t => new
        {
            DefinitionId = t.Column<string>(maxLength: 64, nullable: false),
            Version = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Json = t.Column<string>(nullable: false),
            ContentHash = t.Column<string>(maxLength: 64, nullable: false),
            InstalledAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ProcedureDefinitions", x => new { x.DefinitionId, x.Version }));

        b.CreateTable("ProcessedCommands", t => new
        {
            Key = t.Column<string>(maxLength: 300, nullable: false),
            RequestHash = t.Column<string>(maxLength: 64, nullable: false),
            InstanceId = t.Column<Guid>(nullable: true),
            StatusCode = t.Column<int>(nullable: false),
            ResponseJson = t.Column<string>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ProcessedCommands", x => x.Key));

        b.CreateTable("ApiTokens", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            TokenHash = t.Column<string>(maxLength: 64, nullable: false),
            Prefix = t.Column<string>(maxLength: 16, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            ExpiresAt = t.Column<DateTimeOffset>(nullable: true),
            RevokedAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ApiTokens", x => x.Id);
            t.ForeignKey("FK_ApiTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        b.CreateTable("AspNetUserClaims", t => new
        {
            Id = t.Column<int>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            UserId = t.Column<string>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        b.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>(nullable: false),
            ProviderKey = t.Column<string>(nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        b.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<string>(nullable: false),
            LoginProvider = t.Column<string>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        b.CreateTable("Matters", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Number = t.Column<string>(maxLength: 32, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Summary = t.Column<string>(maxLength: 4000, nullable: true),
            Category = t.Column<string>(maxLength: 64, nullable: true),
            DefinitionId = t.Column<string>(maxLength: 64, nullable: false),
            DecisionOrganId = t.Column<string>(maxLength: 64, nullable: false),
            DraftingUnitId = t.Column<string>(maxLength: 64, nullable: false),
            AttributesJson = t.Column<string>(nullable: false),
            AssignmentsJson = t.Column<string>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Matters", x => x.Id);
            t.ForeignKey("FK_Matters_Organizations_DecisionOrganId", x => x.DecisionOrganId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Matters_Organizations_DraftingUnitId", x => x.DraftingUnitId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("OrganizationMemberships", t => new
        {
            UserId = t.Column<string>(nullable: false),
            OrganizationId = t.Column<string>(maxLength: 64, nullable: false),
            Role = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrganizationMemberships", x => new { x.UserId, x.OrganizationId, x.Role });
            t.ForeignKey("FK_OrganizationMemberships_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_OrganizationMemberships_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("WorkflowInstances", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            DefinitionId = t.Column<string>(maxLength: 64, nullable: false),
            DefinitionVersion = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            StateJson = t.Column<string>(nullable: false),
            Version = t.Column<long>(nullable: false),
            StartedAt = t.Column<DateTimeOffset>(nullable: false),
            UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WorkflowInstances", x => x.Id);
            t.ForeignKey("FK_WorkflowInstances_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_WorkflowInstances_ProcedureDefinitions", x => new { x.DefinitionId, x.DefinitionVersion }, "ProcedureDefinitions",
                ["DefinitionId", "Version"], onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("JournalEntries", t => new
        {
            InstanceId = t.Column<Guid>(nullable: false),
            Sequence = t.Column<long>(nullable: false),
            Type = t.Column<string>(maxLength: 64, nullable: false),
            StepId = t.Column<string>(maxLength: 64, nullable: true),
            Iteration = t.Column<int>(nullable: true),
            TaskId = t.Column<Guid>(nullable: true),
            ActorId = t.Column<string>(maxLength: 450, nullable: false),
            ActorName = t.Column<string>(maxLength: 200, nullable: false),
            OccurredAt = t.Column<DateTimeOffset>(nullable: false),
            Outcome = t.Column<string>(maxLength: 64, nullable: true),
            Comment = t.Column<string>(nullable: true),
            DataJson = t.Column<string>(nullable: false),
            PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_JournalEntries", x => new { x.InstanceId, x.Sequence });
            t.ForeignKey("FK_JournalEntries_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("WorkTasks", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            InstanceId = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            StepId = t.Column<string>(maxLength: 64, nullable: false),
            Iteration = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Role = t.Column<string>(maxLength: 64, nullable: false),
            OrganizationId = t.Column<string>(maxLength: 64, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            DueAt = t.Column<DateTimeOffset>(nullable: true),
            CompletedAt = t.Column<DateTimeOffset>(nullable: true),
            CompletedBy = t.Column<string>(maxLength: 450, nullable: true),
            Outcome = t.Column<string>(maxLength: 64, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WorkTasks", x => x.Id);
            t.ForeignKey("FK_WorkTasks_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateIndex("IX_ApiTokens_TokenHash", "ApiTokens", "TokenHash", unique: true);
        b.CreateIndex("IX_ApiTokens_UserId", "ApiTokens", "UserId");
        b.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        b.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        b.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        b.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        b.CreateIndex("IX_Matters_DecisionOrganId", "Matters", "DecisionOrganId");
        b.CreateIndex("IX_Matters_DraftingUnitId", "Matters", "DraftingUnitId");
        b.CreateIndex("IX_Matters_Number", "Matters", "Number", unique: true);
        b.CreateIndex("IX_OrganizationMemberships_OrganizationId_Role", "OrganizationMemberships", ["OrganizationId", "Role"]);
        b.CreateIndex("IX_Organizations_ParentId", "Organizations", "ParentId");
        b.CreateIndex("IX_WorkflowInstances_DefinitionId_DefinitionVersion", "WorkflowInstances", ["DefinitionId", "DefinitionVersion"]);
        b.CreateIndex("IX_WorkflowInstances_MatterId", "WorkflowInstances", "MatterId", unique: true);
        b.CreateIndex("IX_WorkTasks_InstanceId", "WorkTasks", "InstanceId");
        b.CreateIndex("IX_WorkTasks_OrganizationId_Role_Status", "WorkTasks", ["OrganizationId", "Role", "Status"]);
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var table in new[]
        {
            "WorkTasks", "JournalEntries", "WorkflowInstances", "OrganizationMemberships", "Matters", "AspNetUserTokens",
            "AspNetUserLogins", "AspNetUserClaims", "ApiTokens", "ProcessedCommands", "ProcedureDefinitions", "Organizations", "AspNetUsers",
        })
        {
            b.DropTable(table);
        }
    }
}
