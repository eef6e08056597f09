using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Experts;

/// <summary>
/// Demo pool experts (only where the demo county is seeded): the demo user <c>expert</c> signs as 钱专家; one expert
/// works for the county's Development and Reform Bureau (the demo drafting unit), so choosing them is refused (第二十条).
/// </summary>
public static class ExpertDemoData
{
    public static readonly Guid LinkedExpertId = new("6f1a0c3e-0000-4000-8000-000000000001");
    public static readonly Guid DraftingUnitEmployeeId = new("6f1a0c3e-0000-4000-8000-000000000004");

    public static async Task SeedAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var expertUser = await db.Users.Where(u => u.UserName == "expert").Select(u => u.Id).SingleOrDefaultAsync(ct);
        (Guid Id, string Name, string Field, string Employer, string? Organization, bool Government, string? UserId)[] experts =
        [
            (LinkedExpertId, "钱专家", "城市交通规划", "示范大学交通学院", null, false, expertUser),
            (new Guid("6f1a0c3e-0000-4000-8000-000000000002"), "孙教授", "环境工程", "示范大学环境学院", null, false, null),
            (new Guid("6f1a0c3e-0000-4000-8000-000000000003"), "刘工程师", "市政工程", "示范县住房和城乡建设局", null, true, null),
            (DraftingUnitEmployeeId, "何经济师", "产业经济", "示范县发展和改革局", "demo-county-drc", true, null),
        ];
        foreach (var e in experts)
        {
            if (!await db.Set<Expert>().AnyAsync(x => x.Id == e.Id, ct))
            {
                db.Add(new Expert
                {
                    Id = e.Id, Name = e.Name, Field = e.Field, Employer = e.Employer, EmployerOrganizationId = e.Organization, GovernmentEmployed = e.Government,
                    UserId = e.UserId, CreatedBy = "demo", CreatedAt = DateTimeOffset.UnixEpoch,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
