using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Normative documents (issue 14): the issuing-entity lists, the documents with their numbers and validity, the
/// per-entity-and-year number counters, and the documents' history.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261206160000_NormativeDocuments")]
public sealed class NormativeDocuments : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("NormativeIssuers", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            GovernmentId = t.Column<string>(maxLength: 64, nullable: false),
            OrganizationId = t.Column<string>(maxLength: 64, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Code = t.Column<string>(maxLength: 16, nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            DocumentNumberPrefix = t.Column<string>(maxLength: 32, nullable: false),
            Listed = t.Column<bool>(nullable: false),
            ListedAt = t.Column<DateTimeOffset>(nullable: false),
            ListedBy = t.Column<string>(maxLength: 450, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NormativeIssuers", x => x.Id);
            t.ForeignKey("FK_NormativeIssuers_Organizations_GovernmentId", x => x.GovernmentId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_NormativeIssuers_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_NormativeIssuers_GovernmentId_Code", "NormativeIssuers", ["GovernmentId", "Code"], unique: true);
        b.CreateIndex("IX_NormativeIssuers_OrganizationId", "NormativeIssuers", "OrganizationId");

        b.CreateTable("NormativeDocuments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            IssuerId = t.Column<Guid>(nullable: false),
            GovernmentId = t.Column<string>(maxLength: 64, nullable: false),
            MajorDecisionMatterId = t.Column<Guid>(nullable: true),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            Title = t.Column<string>(maxLength: 500, nullable: false),
            Provisional = t.Column<bool>(nullable: false),
            ValidityYears = t.Column<int>(nullable: false),
            AffectsMarketActors = t.Column<bool>(nullable: false),
            MajorDecision = t.Column<bool>(nullable: false),
            LegalBases = t.Column<string>(maxLength: 4000, nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            SubmittedForReviewOn = t.Column<DateOnly>(nullable: true),
            ReviewConclusion = t.Column<string>(maxLength: 16, nullable: true),
            ReviewChecklist = t.Column<string>(maxLength: 8000, nullable: true),
            ReviewOpinion = t.Column<string>(maxLength: 20000, nullable: true),
            ReviewedAt = t.Column<DateTimeOffset>(nullable: true),
            DeliberatedAt = t.Column<DateTimeOffset>(nullable: true),
            SignedAt = t.Column<DateTimeOffset>(nullable: true),
            RegistrationYear = t.Column<int>(nullable: true),
            RegistrationSequence = t.Column<int>(nullable: true),
            RegistrationNumber = t.Column<string>(maxLength: 64, nullable: true),
            DocumentNumber = t.Column<string>(maxLength: 64, nullable: true),
            IssuedOn = t.Column<DateOnly>(nullable: true),
            PublishedAt = t.Column<DateTimeOffset>(nullable: true),
            FullText = t.Column<string>(nullable: true),
            EffectiveFrom = t.Column<DateOnly>(nullable: true),
            LastDayInForce = t.Column<DateOnly>(nullable: true),
            LapsesOn = t.Column<DateOnly>(nullable: true),
            ReminderOn = t.Column<DateOnly>(nullable: true),
            ExpiryDecision = t.Column<string>(maxLength: 16, nullable: true),
            EndedOn = t.Column<DateOnly>(nullable: true),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 450, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NormativeDocuments", x => x.Id);
            t.ForeignKey("FK_NormativeDocuments_NormativeIssuers_IssuerId", x => x.IssuerId, "NormativeIssuers", "Id", onDelete: ReferentialAction.Restrict);
        });
        // The database's own guard against a number taken twice (the registration's lock is the first).
        b.CreateIndex("IX_NormativeDocuments_Registration", "NormativeDocuments",
            ["IssuerId", "RegistrationYear", "RegistrationSequence"], unique: true);
        b.CreateIndex("IX_NormativeDocuments_GovernmentId_Status", "NormativeDocuments", ["GovernmentId", "Status"]);

        b.CreateTable("NormativeNumberCounters", t => new
        {
            IssuerId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Last = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NormativeNumberCounters", x => new { x.IssuerId, x.Year });
            t.ForeignKey("FK_NormativeNumberCounters_NormativeIssuers_IssuerId", x => x.IssuerId, "NormativeIssuers", "Id", onDelete: ReferentialAction.Restrict);
        });

        b.CreateTable("NormativeDocumentEvents", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DocumentId = t.Column<Guid>(nullable: false),
            Type = t.Column<string>(maxLength: 32, nullable: false),
            At = t.Column<DateTimeOffset>(nullable: false),
            Actor = t.Column<string>(maxLength: 450, nullable: false),
            Note = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NormativeDocumentEvents", x => x.Id);
            t.ForeignKey("FK_NormativeDocumentEvents_NormativeDocuments_DocumentId", x => x.DocumentId, "NormativeDocuments", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_NormativeDocumentEvents_DocumentId", "NormativeDocumentEvents", "DocumentId");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("NormativeDocumentEvents");
        b.DropTable("NormativeNumberCounters");
        b.DropTable("NormativeDocuments");
        b.DropTable("NormativeIssuers");
    }
}
