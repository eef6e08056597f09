using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Demo;

/// <summary>
/// A demo county (default jurisdiction) with its departments and one user per role, and a demo city in the
/// example-province jurisdiction with the same parts and a drafter, created only in development or when Demo:Seed is
/// true. The password is printed at start-up and written in README.md; never enable this in production.
/// </summary>
public static class DemoData
{
    public const string Password = "RuleOfLaw@2026";

    public static IReadOnlyList<Organization> Organizations { get; } =
    [
        new() { Id = "demo-county", Name = "示范县人民政府", NameEn = "Demo County People's Government", Kind = OrganizationKinds.Government },
        new() { Id = "demo-county-drc", Name = "示范县发展和改革局", NameEn = "Development and Reform Bureau", Kind = OrganizationKinds.Department, ParentId = "demo-county" },
        new() { Id = "demo-county-justice", Name = "示范县司法局", NameEn = "Justice Bureau (legality review)", Kind = OrganizationScopes.LegalityReviewOffice, ParentId = "demo-county" },
        new() { Id = "demo-county-office", Name = "示范县人民政府办公室", NameEn = "County Government General Office", Kind = OrganizationScopes.GeneralOffice, ParentId = "demo-county" },
        new() { Id = "demo-county-experts", Name = "示范县重大行政决策咨询论证专家库", NameEn = "Decision Expert Pool", Kind = OrganizationScopes.ExpertPool, ParentId = "demo-county" },
        new() { Id = "demo-county-risk", Name = "示范县社会稳定风险评估中心", NameEn = "Social Stability Risk Assessment Centre", Kind = OrganizationScopes.RiskAssessmentBody, ParentId = "demo-county" },
        new() { Id = "demo-county-evaluation", Name = "示范县决策后评估中心", NameEn = "Post-decision Evaluation Centre", Kind = OrganizationScopes.EvaluationBody, ParentId = "demo-county" },
        // A second government in another jurisdiction (workflows/jurisdictions/example-province.json), side by side.
        new() { Id = "demo-city", Name = "示范市人民政府", NameEn = "Demo City People's Government", Kind = OrganizationKinds.Government, JurisdictionId = "example-province" },
        new() { Id = "demo-city-drc", Name = "示范市发展和改革委员会", NameEn = "City Development and Reform Commission", Kind = OrganizationKinds.Department, ParentId = "demo-city" },
        new() { Id = "demo-city-justice", Name = "示范市司法局", NameEn = "City Justice Bureau (legality review)", Kind = OrganizationScopes.LegalityReviewOffice, ParentId = "demo-city" },
        new() { Id = "demo-city-office", Name = "示范市人民政府办公室", NameEn = "City Government General Office", Kind = OrganizationScopes.GeneralOffice, ParentId = "demo-city" },
        new() { Id = "demo-city-experts", Name = "示范市重大行政决策咨询论证专家库", NameEn = "City Decision Expert Pool", Kind = OrganizationScopes.ExpertPool, ParentId = "demo-city" },
        new() { Id = "demo-city-risk", Name = "示范市社会稳定风险评估中心", NameEn = "City Risk Assessment Centre", Kind = OrganizationScopes.RiskAssessmentBody, ParentId = "demo-city" },
        new() { Id = "demo-city-evaluation", Name = "示范市决策后评估中心", NameEn = "City Post-decision Evaluation Centre", Kind = OrganizationScopes.EvaluationBody, ParentId = "demo-city" },
    ];

    /// <summary>User name, display name, and the roles held in which organization.</summary>
    public static IReadOnlyList<(string UserName, string DisplayName, (string Organization, string Role)[] Roles)> Users { get; } =
    [
        ("drafter", "王承办（发改局经办人）", [("demo-county-drc", Roles.DraftingOfficer), ("demo-county-drc", Roles.ExecutionOfficer)]),
        // The bureau's head also heads its office meeting (部门办公会议): she decides there, last (issue 14 item 4).
        ("drafthead", "李局长（发改局负责人）", [("demo-county-drc", Roles.DraftingHead), ("demo-county-drc", Roles.ChiefExecutive)]),
        // The bureau's office meeting: its secretary (the bureau's office staff) and a member of its leadership.
        ("deptsecretary", "何秘书（发改局办公室）", [("demo-county-drc", Roles.MeetingSecretary)]),
        ("deputyhead", "刘副局长（发改局领导班子成员）", [("demo-county-drc", Roles.MeetingMember)]),
        ("reviewer", "张审查（司法局）", [("demo-county-justice", Roles.LegalityReviewer)]),
        ("counsel", "赵律师（法律顾问）", [("demo-county-justice", Roles.LegalCounsel)]),
        ("expert", "钱专家", [("demo-county-experts", Roles.Expert)]),
        ("assessor", "孙评估（风险评估）", [("demo-county-risk", Roles.RiskAssessor)]),
        ("secretary", "周秘书（政府办）", [("demo-county-office", Roles.MeetingSecretary)]),
        ("member", "吴副县长（会议组成人员）", [("demo-county", Roles.MeetingMember)]),
        ("chief", "郑县长（行政首长）", [("demo-county", Roles.ChiefExecutive)]),
        ("evaluator", "冯评估（决策后评估）", [("demo-county-evaluation", Roles.Evaluator)]),
        // The deployment's operator (系统运维: every government, calendars, keys, jobs), also the county's administrator.
        ("admin", "系统管理员", [("demo-county", Roles.Administrator), ("demo-county", Roles.Operator)]),
        ("citydrafter", "陈承办（示范市发改委经办人）", [("demo-city-drc", Roles.DraftingOfficer), ("demo-city-drc", Roles.DraftingHead), ("demo-city-drc", Roles.ExecutionOfficer)]),
        // The city's own administrator: its users, roles and organizations only, nothing of the county (docs/security.md).
        ("cityadmin", "示范市系统管理员", [("demo-city", Roles.Administrator)]),
    ];

    public static async Task SeedAsync(WorkflowDbContext db, UserManager<AppUser> users, CancellationToken ct)
    {
        foreach (var organization in Organizations)
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == organization.Id, ct))
            {
                db.Organizations.Add(new Organization
                {
                    Id = organization.Id, Name = organization.Name, NameEn = organization.NameEn, Kind = organization.Kind, ParentId = organization.ParentId,
                    JurisdictionId = organization.JurisdictionId,
                });
                await db.SaveChangesAsync(ct);
            }
        }
        foreach (var (userName, displayName, roles) in Users)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }
            var user = new AppUser { UserName = userName, DisplayName = displayName, Email = $"{userName}@example.gov.cn", EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
            db.Memberships.AddRange(roles.Select(r => new OrganizationMembership { UserId = user.Id, OrganizationId = r.Organization, Role = r.Role }));
            await db.SaveChangesAsync(ct);
        }
        await Experts.ExpertDemoData.SeedAsync(db, ct);
    }
}
