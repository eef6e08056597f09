using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.RiskAssessment;

/// <summary>
/// A risk assessment report (风险评估报告, 第二十二条至第二十四条) for one risk-assessment task: risk points, prevention
/// measures, contingency plan and the conclusion; or the reference to an existing valid assessment (第二十二条第三款
/// "已有相关风险评估结论的，不重复评估").
/// </summary>
public sealed class RiskAssessmentReport : Modules.IJournaledRow
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required Guid InstanceId { get; set; }
    public required Guid TaskId { get; set; }
    /// <summary>JSON array of the risk points.</summary>
    public string? RiskPointsJson { get; set; }
    public string? Measures { get; set; }
    public string? ContingencyPlan { get; set; }
    /// <summary><see cref="RuleOfLaw.Workflow.RiskAssessment.RiskRules.Controllable"/> or <see cref="RuleOfLaw.Workflow.RiskAssessment.RiskRules.NotControllable"/>; null for a reference.</summary>
    public string? Conclusion { get; set; }
    /// <summary>The existing assessment referenced instead of a new one (who, when, document number).</summary>
    public string? Reference { get; set; }
    public DateOnly? ReferenceValidUntil { get; set; }
    public required string RecordedBy { get; set; }
    public required string RecordedByName { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
    public long JournalSequence { get; set; }
}

internal sealed class RiskAssessmentReportConfiguration : IEntityTypeConfiguration<RiskAssessmentReport>
{
    public void Configure(EntityTypeBuilder<RiskAssessmentReport> e)
    {
        e.ToTable("RiskAssessmentReports");
        e.Property(r => r.Conclusion).HasMaxLength(32);
        e.Property(r => r.RecordedBy).HasMaxLength(450);
        e.Property(r => r.RecordedByName).HasMaxLength(200);
        e.HasIndex(r => r.InstanceId);
        e.HasOne<Matter>().WithMany().HasForeignKey(r => r.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}
