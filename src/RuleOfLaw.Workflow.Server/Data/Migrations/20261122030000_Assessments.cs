using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data.Migrations;

/// <summary>
/// Initiation, expert argumentation, risk assessment, fair-competition review and legality review (issue 3, steps 1,
/// 3-6): their domain rows. Written by hand and provider-neutral like <see cref="Initial"/>; MigratedSchemaMatchesModelTests
/// proves the result equals the model.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261122030000_Assessments")]
public sealed class Assessments : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("MatterInitiations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            InstanceId = t.Column<Guid>(nullable: false),
            ProposalSource = t.Column<string>(maxLength: 32, nullable: false),
            ProposalDetail = t.Column<string>(nullable: true),
            InCatalogue = t.Column<bool>(nullable: false),
            CatalogueYear = t.Column<int>(nullable: true),
            CatalogueItem = t.Column<string>(maxLength: 200, nullable: true),
            NotDisclosableGround = t.Column<string>(nullable: true),
            UrgentReason = t.Column<string>(nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
            JournalSequence = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MatterInitiations", x => x.Id);
            t.ForeignKey("FK_MatterInitiations_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_MatterInitiations_MatterId", "MatterInitiations", "MatterId");

        b.CreateTable("Experts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Field = t.Column<string>(maxLength: 200, nullable: false),
            Employer = t.Column<string>(maxLength: 200, nullable: false),
            EmployerOrganizationId = t.Column<string>(maxLength: 64, nullable: true),
            GovernmentEmployed = t.Column<bool>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: true),
            CreatedBy = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Experts", x => x.Id));
        b.CreateIndex("IX_Experts_UserId", "Experts", "UserId");

        b.CreateTable("ExpertPanelMembers", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            InstanceId = t.Column<Guid>(nullable: false),
            ExpertId = t.Column<Guid>(nullable: false),
            InterestStatement = t.Column<string>(nullable: false),
            AddedBy = t.Column<string>(maxLength: 450, nullable: false),
            AddedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ExpertPanelMembers", x => x.Id);
            t.ForeignKey("FK_ExpertPanelMembers_Experts_ExpertId", x => x.ExpertId, "Experts", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ExpertPanelMembers_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_ExpertPanelMembers_ExpertId", "ExpertPanelMembers", "ExpertId");
        b.CreateIndex("IX_ExpertPanelMembers_MatterId_ExpertId", "ExpertPanelMembers", ["MatterId", "ExpertId"], unique: true);

        b.CreateTable("ExpertOpinions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            InstanceId = t.Column<Guid>(nullable: false),
            ExpertId = t.Column<Guid>(nullable: false),
            Text = t.Column<string>(nullable: false),
            Signature = t.Column<string>(maxLength: 64, nullable: false),
            SignedBy = t.Column<string>(maxLength: 450, nullable: false),
            SignedAt = t.Column<DateTimeOffset>(nullable: false),
            JournalSequence = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ExpertOpinions", x => x.Id);
            t.ForeignKey("FK_ExpertOpinions_Experts_ExpertId", x => x.ExpertId, "Experts", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ExpertOpinions_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_ExpertOpinions_ExpertId", "ExpertOpinions", "ExpertId");
        b.CreateIndex("IX_ExpertOpinions_MatterId", "ExpertOpinions", "MatterId");

        b.CreateTable("ExpertOpinionAdoptions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            OpinionId = t.Column<Guid>(nullable: false),
            Adoption = t.Column<string>(maxLength: 32, nullable: false),
            Reason = t.Column<string>(nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
            JournalSequence = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ExpertOpinionAdoptions", x => x.Id);
            t.ForeignKey("FK_ExpertOpinionAdoptions_ExpertOpinions_OpinionId", x => x.OpinionId, "ExpertOpinions", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_ExpertOpinionAdoptions_OpinionId", "ExpertOpinionAdoptions", "OpinionId");

        b.CreateTable("RiskAssessmentReports", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            InstanceId = t.Column<Guid>(nullable: false),
            TaskId = t.Column<Guid>(nullable: false),
            RiskPointsJson = t.Column<string>(nullable: true),
            Measures = t.Column<string>(nullable: true),
            ContingencyPlan = t.Column<string>(nullable: true),
            Conclusion = t.Column<string>(maxLength: 32, nullable: true),
            Reference = t.Column<string>(nullable: true),
            ReferenceValidUntil = t.Column<DateOnly>(nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedByName = t.Column<string>(maxLength: 200, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
            JournalSequence = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RiskAssessmentReports", x => x.Id);
            t.ForeignKey("FK_RiskAssessmentReports_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_RiskAssessmentReports_InstanceId", "RiskAssessmentReports", "InstanceId");
        b.CreateIndex("IX_RiskAssessmentReports_MatterId", "RiskAssessmentReports", "MatterId");

        b.CreateTable("FairCompetitionReviews", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            InstanceId = t.Column<Guid>(nullable: false),
            TaskId = t.Column<Guid>(nullable: false),
            Conclusion = t.Column<string>(maxLength: 32, nullable: false),
            Detail = t.Column<string>(nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedByName = t.Column<string>(maxLength: 200, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
            JournalSequence = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_FairCompetitionReviews", x => x.Id);
            t.ForeignKey("FK_FairCompetitionReviews_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_FairCompetitionReviews_InstanceId", "FairCompetitionReviews", "InstanceId");
        b.CreateIndex("IX_FairCompetitionReviews_MatterId", "FairCompetitionReviews", "MatterId");

        b.CreateTable("CounselOpinions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            InstanceId = t.Column<Guid>(nullable: false),
            CounselTaskId = t.Column<Guid>(nullable: false),
            CounselKind = t.Column<string>(maxLength: 32, nullable: false),
            Text = t.Column<string>(nullable: false),
            Signature = t.Column<string>(maxLength: 64, nullable: false),
            GivenBy = t.Column<string>(maxLength: 450, nullable: false),
            GivenByName = t.Column<string>(maxLength: 200, nullable: false),
            GivenAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CounselOpinions", x => x.Id);
            t.ForeignKey("FK_CounselOpinions_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_CounselOpinions_InstanceId", "CounselOpinions", "InstanceId");
        b.CreateIndex("IX_CounselOpinions_MatterId", "CounselOpinions", "MatterId");

        b.CreateTable("LegalityFindings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MatterId = t.Column<Guid>(nullable: false),
            InstanceId = t.Column<Guid>(nullable: false),
            ReviewTaskId = t.Column<Guid>(nullable: false),
            Authority = t.Column<string>(nullable: false),
            Procedure = t.Column<string>(nullable: false),
            Content = t.Column<string>(nullable: false),
            LegalRisk = t.Column<string>(nullable: true),
            RecordedBy = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTimeOffset>(nullable: false),
            JournalSequence = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_LegalityFindings", x => x.Id);
            t.ForeignKey("FK_LegalityFindings_Matters_MatterId", x => x.MatterId, "Matters", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_LegalityFindings_InstanceId", "LegalityFindings", "InstanceId");
        b.CreateIndex("IX_LegalityFindings_MatterId", "LegalityFindings", "MatterId");
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var table in new[]
        {
            "LegalityFindings", "CounselOpinions", "FairCompetitionReviews", "RiskAssessmentReports", "ExpertOpinionAdoptions", "ExpertOpinions",
            "ExpertPanelMembers", "Experts", "MatterInitiations",
        })
        {
            b.DropTable(table);
        }
    }
}
