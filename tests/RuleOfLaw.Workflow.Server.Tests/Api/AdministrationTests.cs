using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tasks;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using OrganizationView = RuleOfLaw.Workflow.Server.Organizations.OrganizationView;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// /api/admin: administrators create organizations, users and roles, lock users out and reset passwords; everyone
/// else gets 403; every refusal says which field and changes nothing.
/// Tests that change nothing the others rely on (they add organizations and users of their own, refuse, or change the
/// counsel's roles and back) share one server per database (<see cref="SharedServers"/>) and count against what the
/// database held when they began; tests that log at another level, move the clock, lock or reset a demo user or take
/// the demo administrator's roles start their own. The class keeps its own servers rather than the ones other classes
/// share (<see cref="SharedServersCollection"/>): its tests add a township government with its own general office
/// under the demo county, rename the demo drafting unit and count the matters that refer to it, which the other
/// classes' matters and assertions rely on.
/// </summary>
public sealed class AdministrationTests(SharedServers servers) : IClassFixture<SharedServers>
{
    private const string NewPassword = "Xinxian@2026-pw";

    /// <summary>Every administration endpoint, so a new one cannot be added without the 403 test covering it.</summary>
    private static readonly (string Method, string Pattern)[] AdminEndpoints =
    [
        ("DELETE", "/api/admin/users/{id}/memberships"),
        ("GET", "/api/admin/calendars/"),
        ("GET", "/api/admin/deadlines"),
        ("GET", "/api/admin/organizations"),
        ("GET", "/api/admin/outbox"),
        ("GET", "/api/admin/users"),
        ("POST", "/api/admin/instances/{id}/migration"),
        ("POST", "/api/admin/instances/{id}/migration/plan"),
        ("POST", "/api/admin/journal-checkpoints"),
        ("POST", "/api/admin/keys/{purpose}/rotate"),
        ("POST", "/api/admin/organizations"),
        ("POST", "/api/admin/signers/{userId}/certificate"),
        ("POST", "/api/admin/users"),
        ("POST", "/api/admin/users/{id}/lock"),
        ("POST", "/api/admin/users/{id}/memberships"),
        ("POST", "/api/admin/users/{id}/password"),
        ("POST", "/api/admin/users/{id}/unlock"),
        ("PUT", "/api/admin/calendars/{year:int}"),
        ("PUT", "/api/admin/organizations/{id}"),
    ];

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_administrator_sets_up_a_government_whose_new_drafting_officer_creates_and_starts_a_matter(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: factory => factory.LogLevel = LogLevel.Information);
        using var admin = await server.SignInAsync("admin");

        await CreateOrganizationAsync(server, admin, "new-county", "新县人民政府", OrganizationKinds.Government, null, "New County People's Government");
        await CreateOrganizationAsync(server, admin, "new-county-drc", "新县发展和改革局", OrganizationKinds.Department, "new-county");
        // Every part the procedure assigns needs exactly one organization of that kind under the government.
        foreach (var (id, name, kind) in new[]
                 {
                     ("new-county-justice", "新县司法局", OrganizationScopes.LegalityReviewOffice),
                     ("new-county-office", "新县人民政府办公室", OrganizationScopes.GeneralOffice),
                     ("new-county-experts", "新县决策咨询专家库", OrganizationScopes.ExpertPool),
                     ("new-county-risk", "新县社会稳定风险评估中心", OrganizationScopes.RiskAssessmentBody),
                     ("new-county-evaluation", "新县决策后评估中心", OrganizationScopes.EvaluationBody),
                 })
        {
            await CreateOrganizationAsync(server, admin, id, name, kind, "new-county");
        }

        var user = await admin.PostJsonAsync("/api/admin/users", new { userName = "xinxian.wang", displayName = "王经办（新县发改局）", email = "wang@new-county.example", password = NewPassword })
            .ExpectAsync<AdminUserView>(HttpStatusCode.Created, server);
        Assert.Equal("xinxian.wang", user.UserName);
        Assert.Equal("王经办（新县发改局）", user.DisplayName);
        Assert.False(user.LockedOut);
        Assert.Empty(user.Memberships);

        var withRole = await admin.PostJsonAsync($"/api/admin/users/{user.Id}/memberships", new { organizationId = "new-county-drc", role = Roles.DraftingOfficer })
            .ExpectAsync<AdminUserView>(HttpStatusCode.Created, server);
        var membership = Assert.Single(withRole.Memberships);
        Assert.Equal(("new-county-drc", "新县发展和改革局", Roles.DraftingOfficer, "承办单位经办人"),
            (membership.OrganizationId, membership.OrganizationName, membership.Role, membership.RoleName));

        // The new user signs in with the password the administrator gave, and works in the new county.
        using var drafter = await server.SignInAsync("xinxian.wang", NewPassword);
        var me = await drafter.GetAsync("/api/me").ExpectAsync<MeView>(HttpStatusCode.OK, server);
        Assert.Equal(user.Id, me.Id);
        Assert.Equal([("new-county-drc", Roles.DraftingOfficer)], me.Memberships.Select(m => (m.OrganizationId, m.Role)));

        var matter = await drafter.PostJsonAsync("/api/matters", new { title = "新县城区公共停车场建设方案", category = "public-construction" })
            .ExpectAsync<MatterView>(HttpStatusCode.Created, server);
        Assert.Equal("new-county-drc", matter.DraftingUnitId);
        Assert.Equal("new-county", matter.DecisionOrganId);
        Assert.Equal("new-county-justice", matter.Assignments[OrganizationScopes.LegalityReviewOffice]);
        Assert.Equal("new-county-office", matter.Assignments[OrganizationScopes.GeneralOffice]);
        Assert.Equal("new-county-evaluation", matter.Assignments[OrganizationScopes.EvaluationBody]);

        var instance = await drafter.PostJsonAsync("/api/instances", new { matterId = matter.Id }).ExpectAsync<InstanceView>(HttpStatusCode.Created, server);
        Assert.Equal("initiation", Assert.Single(instance.OpenTasks).StepId);
        var inbox = await drafter.GetAsync("/api/tasks/mine").ExpectAsync<List<InboxItem>>(HttpStatusCode.OK, server);
        Assert.Equal(matter.Number, Assert.Single(inbox).MatterNumber);

        // The demo county's drafter sees nothing of the new county's matter.
        using var demoDrafter = await server.SignInAsync("drafter");
        Assert.Equal("not-found", (await demoDrafter.GetAsync($"/api/matters/{matter.Id}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);

        // The administrator's lists show it all.
        var users = await admin.GetAsync("/api/admin/users").ExpectAsync<List<AdminUserView>>(HttpStatusCode.OK, server);
        Assert.Equal(DemoData.Users.Count + 1, users.Count);
        Assert.Equal(Roles.DraftingOfficer, Assert.Single(users.Single(u => u.UserName == "xinxian.wang").Memberships).Role);
        // The demo admin is the county's administrator and the deployment's operator.
        Assert.Equal([Roles.Administrator, Roles.Operator], users.Single(u => u.UserName == "admin").Memberships.Select(m => m.Role));
        var organizations = await admin.GetAsync("/api/admin/organizations").ExpectAsync<List<AdminOrganizationView>>(HttpStatusCode.OK, server);
        var drc = organizations.Single(o => o.Id == "new-county-drc");
        Assert.Equal((OrganizationKinds.Department, "new-county", 1, 1), (drc.Kind, drc.ParentId, drc.Memberships, drc.Matters));
        Assert.Equal((1, 0), (organizations.Single(o => o.Id == "new-county").Matters, organizations.Single(o => o.Id == "new-county").Memberships));
        // Every part the procedure may need is assigned when the matter is created, even that of a step it may skip.
        Assert.Equal(1, organizations.Single(o => o.Id == "new-county-experts").Matters);
        Assert.Equal(DemoData.Organizations.Count + 7, organizations.Count);
        // The public list has them too.
        var visible = await drafter.GetAsync("/api/organizations").ExpectAsync<List<OrganizationView>>(HttpStatusCode.OK, server);
        Assert.Contains(visible, o => o.Id == "new-county-risk" && o.Kind == OrganizationScopes.RiskAssessmentBody && o.ParentId == "new-county");

        // Every change is in the log with who made it, once; the password is not.
        var adminId = await UserIdAsync(server, "admin");
        var changes = server.ServerLog.Where(line => line.Contains($"Administrator admin ({adminId})", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, changes.Count);
        Assert.Single(changes, line => line.Contains("created organization new-county-drc", StringComparison.Ordinal));
        Assert.Single(changes, line => line.Contains($"created user xinxian.wang ({user.Id})", StringComparison.Ordinal));
        Assert.Single(changes, line => line.Contains($"gave user xinxian.wang ({user.Id}) the role drafting-officer in new-county-drc", StringComparison.Ordinal));
        Assert.DoesNotContain(server.ServerLog, line => line.Contains(NewPassword, StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Everyone_but_administrators_gets_403_on_every_admin_endpoint(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
        Assert.Equal(AdminEndpoints.OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal), endpoints);

        var drafterId = await UserIdAsync(server, "drafter");
        using var drafter = await server.SignInAsync("drafter");
        // The chief executive and the meeting member hold roles in the government itself, still not administrators.
        using var chief = await server.SignInAsync("chief");
        var token = await chief.PostJsonAsync("/api/tokens", new { name = "行政首长的脚本" }).ExpectAsync<CreatedTokenView>(HttpStatusCode.Created, server);
        using var chiefsScript = server.CreateAnonymousClient();
        chiefsScript.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);

        var before = await CountsAsync(server);
        foreach (var (method, pattern) in AdminEndpoints)
        {
            var url = pattern.Replace("{id}", pattern.StartsWith("/api/admin/users", StringComparison.Ordinal) ? drafterId : "demo-county-drc", StringComparison.Ordinal)
                .Replace("{purpose}", "journal-mac", StringComparison.Ordinal)
                .Replace("{year:int}", "2030", StringComparison.Ordinal);
            if (method == "DELETE")
            {
                url += "?organizationId=demo-county-drc&role=drafting-officer";
            }
            // Well-formed bodies: the refusal must come from who is asking, not from what is asked.
            object body = pattern switch
            {
                "/api/admin/organizations" => new { id = "rogue-office", name = "x", kind = "department", parentId = "demo-county" },
                "/api/admin/organizations/{id}" => new { name = "改名", kind = "general-office" },
                "/api/admin/users" => new { userName = "rogue", displayName = "x", password = NewPassword },
                "/api/admin/users/{id}/memberships" => new { organizationId = "demo-county", role = Roles.Administrator },
                "/api/admin/users/{id}/password" => new { password = NewPassword },
                "/api/admin/calendars/{year:int}" => new { year = 2030, source = "测试", daysOff = Array.Empty<object>(), workdays = Array.Empty<string>() },
                _ => new { },
            };
            foreach (var client in new[] { drafter, chief, chiefsScript })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
                Assert.True(problem.Code == "forbidden", $"{method} {url}: {problem}");
                // Why, in zh-CN (the API's language without Accept-Language): administrators only, or operators only.
                Assert.Contains(problem.Detail, new[] { "只有系统管理员可以使用管理接口。", "只有系统运维人员（operator）可以使用此功能，它涉及整个系统。" });
            }
        }
        Assert.Equal(before, await CountsAsync(server));
        (await drafter.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose(); // still signed in, still able to work

        // An administrator's API token works like their session.
        using var admin = await server.SignInAsync("admin");
        var adminToken = await admin.PostJsonAsync("/api/tokens", new { name = "用户同步脚本" }).ExpectAsync<CreatedTokenView>(HttpStatusCode.Created, server);
        using var adminScript = server.CreateAnonymousClient();
        adminScript.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken.Token);
        Assert.Equal(before.Users, (await adminScript.GetAsync("/api/admin/users").ExpectAsync<List<AdminUserView>>(HttpStatusCode.OK, server)).Count);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_openapi_document_lists_the_administration_endpoints_under_their_tag(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var client = server.CreateAnonymousClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json").ExpectAsync(HttpStatusCode.OK, server);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        foreach (var (method, route) in AdminEndpoints)
        {
            // The document names a route without its constraints and without a group's trailing slash.
            var pattern = route.Replace(":int}", "}", StringComparison.Ordinal).TrimEnd('/');
            Assert.True(paths.TryGetProperty(pattern, out var path), $"{pattern} is not in the OpenAPI document");
            Assert.True(path.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {pattern} is not in the OpenAPI document");
            Assert.Equal(["Administration"], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Organization_creation_refuses_bad_ids_kinds_and_places_in_the_tree(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var admin = await server.SignInAsync("admin");
        var organizationsBefore = await server.WithDatabaseAsync(db => db.Organizations.CountAsync());

        async Task Refused(object body, HttpStatusCode status, string code, string field)
        {
            var problem = await admin.PostJsonAsync("/api/admin/organizations", body).ReadProblemAsync(status);
            Assert.True(problem.Code == code, $"{JsonSerializer.Serialize(body)}: expected {code}, got {problem}");
            Assert.True(problem.Errors?.TryGetProperty(field, out _) == true, $"{JsonSerializer.Serialize(body)}: {field} not named in {problem}");
        }

        foreach (var id in new[] { "New-County", "new_county", "new county", "-new", "new-", "new--county", "新县", new string('a', 65) })
        {
            await Refused(new { id, name = "新县", kind = "government" }, HttpStatusCode.UnprocessableEntity, "invalid-organization-id", "id");
        }
        await Refused(new { id = "demo-county-drc", name = "重复", kind = "department", parentId = "demo-county" }, HttpStatusCode.Conflict, "organization-exists", "id");
        await Refused(new { id = "demo-county", name = "重复", kind = "government" }, HttpStatusCode.Conflict, "organization-exists", "id");
        foreach (var kind in new[] { "ministry", "Government", OrganizationScopes.DraftingUnit, OrganizationScopes.DecisionOrgan, OrganizationScopes.ExecutionUnit })
        {
            await Refused(new { id = "demo-county-x", name = "某单位", kind, parentId = "demo-county" }, HttpStatusCode.UnprocessableEntity, "unknown-organization-kind", "kind");
        }
        var kinds = await admin.PostJsonAsync("/api/admin/organizations", new { id = "demo-county-x", name = "某单位", kind = "ministry", parentId = "demo-county" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(OrganizationHierarchy.Kinds, kinds.Errors!.Value.GetProperty("kind").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(OrganizationScopes.LegalityReviewOffice, OrganizationHierarchy.Kinds);

        await Refused(new { id = "demo-county-x", name = "某单位", kind = "department", parentId = "no-such-county" }, HttpStatusCode.UnprocessableEntity, "unknown-parent", "parentId");
        // A government is top-level or under a government, never under a department or office.
        await Refused(new { id = "demo-township", name = "示范镇人民政府", kind = "government", parentId = "demo-county-drc" }, HttpStatusCode.UnprocessableEntity,
            "government-under-non-government", "parentId");
        await Refused(new { id = "demo-township", name = "示范镇人民政府", kind = "government", parentId = "demo-county-justice" }, HttpStatusCode.UnprocessableEntity,
            "government-under-non-government", "parentId");
        // Everything else needs a government above it: its decision organ.
        await Refused(new { id = "lonely-bureau", name = "无上级的局", kind = "department" }, HttpStatusCode.UnprocessableEntity, "no-government-above", "parentId");
        await Refused(new { id = "lonely-experts", name = "无上级的专家库", kind = OrganizationScopes.ExpertPool }, HttpStatusCode.UnprocessableEntity, "no-government-above", "parentId");
        // Shape errors are the framework's 400 with the field, as everywhere in the API.
        foreach (var body in new object[] { new { id = "x-y", kind = "department", parentId = "demo-county" }, new { id = "x-y", name = new string('名', 201), kind = "department", parentId = "demo-county" } })
        {
            var problem = await admin.PostJsonAsync("/api/admin/organizations", body).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("validation-failed", problem.Code);
            Assert.True(problem.Errors?.TryGetProperty("Name", out _) == true || problem.Errors?.TryGetProperty("name", out _) == true, problem.ToString());
        }
        Assert.Equal(organizationsBefore, await server.WithDatabaseAsync(db => db.Organizations.CountAsync()));

        // What is allowed: a government under a government, an office under a department, a top-level government.
        await CreateOrganizationAsync(server, admin, "demo-township", "示范镇人民政府", OrganizationKinds.Government, "demo-county");
        await CreateOrganizationAsync(server, admin, "demo-township-office", "示范镇党政办", OrganizationScopes.GeneralOffice, "demo-township");
        await CreateOrganizationAsync(server, admin, "demo-county-drc-price", "价格科", OrganizationKinds.Department, "demo-county-drc");
        var created = await CreateOrganizationAsync(server, admin, "other-city", "  邻市人民政府  ", OrganizationKinds.Government, null);
        Assert.Equal("邻市人民政府", created.Name);
        Assert.Null(created.NameEn);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Kind_and_parent_stay_fixed_while_matters_refer_to_an_organization_but_names_can_change(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await driver.CreateMatterAsync();
        using var admin = await server.SignInAsync("admin");
        await CreateOrganizationAsync(server, admin, "other-county", "邻县人民政府", OrganizationKinds.Government, null);

        // The drafting unit, the decision organ and an assigned review office: all referred to by the matter.
        foreach (var (id, body, field) in new (string, object, string)[]
                 {
                     ("demo-county-drc", new { name = "示范县发展改革局", kind = OrganizationScopes.LegalityReviewOffice }, "kind"),
                     ("demo-county-drc", new { name = "示范县发展改革局", parentId = "other-county" }, "parentId"),
                     ("demo-county", new { name = "示范县人民政府", parentId = "other-county" }, "parentId"),
                     ("demo-county-justice", new { name = "示范县司法局", kind = OrganizationKinds.Department }, "kind"),
                 })
        {
            var problem = await admin.PutAsync($"/api/admin/organizations/{id}", Json(body)).ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("organization-in-use", problem.Code);
            Assert.Contains(matter.Number, problem.Detail);
            Assert.Contains("悄然改变含义", problem.Detail); // why: the assignments would silently change meaning
            Assert.True(problem.Errors?.TryGetProperty(field, out _) == true, problem.ToString());
        }
        // Nothing changed, not even the name sent with the refused change.
        var stored = await server.WithDatabaseAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == "demo-county-drc"));
        Assert.Equal(("示范县发展和改革局", OrganizationKinds.Department, "demo-county"), (stored.Name, stored.Kind, stored.ParentId));

        // Renaming is always allowed; an absent nameEn clears it; kind and parent as they are count as no change.
        var renamed = await admin.PutAsync("/api/admin/organizations/demo-county-drc",
                Json(new { name = "示范县发展和改革委员会", kind = OrganizationKinds.Department, parentId = "demo-county" }))
            .ExpectAsync<AdminOrganizationView>(HttpStatusCode.OK, server);
        Assert.Equal(("示范县发展和改革委员会", null, OrganizationKinds.Department, "demo-county", 1), (renamed.Name, renamed.NameEn, renamed.Kind, renamed.ParentId, renamed.Matters));
        renamed = await admin.PutAsync("/api/admin/organizations/demo-county-drc", Json(new { name = "示范县发展和改革委员会", nameEn = "Development and Reform Commission" }))
            .ExpectAsync<AdminOrganizationView>(HttpStatusCode.OK, server);
        Assert.Equal("Development and Reform Commission", renamed.NameEn);
        var listed = await (await driver.As("drafter")).GetAsync("/api/organizations").ExpectAsync<List<OrganizationView>>(HttpStatusCode.OK, server);
        Assert.Equal("示范县发展和改革委员会", listed.Single(o => o.Id == "demo-county-drc").Name);

        // An organization no matter refers to may move and change kind, within the tree's rules.
        await CreateOrganizationAsync(server, admin, "demo-county-audit", "示范县审计局", OrganizationKinds.Department, "demo-county");
        await CreateOrganizationAsync(server, admin, "demo-county-audit-team", "审计组", OrganizationKinds.Department, "demo-county-audit");
        var moved = await admin.PutAsync("/api/admin/organizations/demo-county-audit", Json(new { name = "示范县审计局", kind = OrganizationScopes.EvaluationBody, parentId = "other-county" }))
            .ExpectAsync<AdminOrganizationView>(HttpStatusCode.OK, server);
        Assert.Equal((OrganizationScopes.EvaluationBody, "other-county"), (moved.Kind, moved.ParentId));

        async Task Refused(string id, object body, string code, string field)
        {
            var problem = await admin.PutAsync($"/api/admin/organizations/{id}", Json(body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.Code == code, $"{id} {JsonSerializer.Serialize(body)}: expected {code}, got {problem}");
            Assert.True(problem.Errors?.TryGetProperty(field, out _) == true, problem.ToString());
        }
        await Refused("demo-county-audit", new { name = "示范县审计局", parentId = "demo-county-audit-team" }, "parent-cycle", "parentId");
        await Refused("demo-county-audit", new { name = "示范县审计局", parentId = "demo-county-audit" }, "parent-cycle", "parentId");
        await Refused("demo-county-audit", new { name = "示范县审计局", parentId = "nowhere" }, "unknown-parent", "parentId");
        await Refused("demo-county-audit", new { name = "示范县审计局", kind = "ministry" }, "unknown-organization-kind", "kind");
        await Refused("demo-county-audit-team", new { name = "审计组", kind = OrganizationKinds.Government }, "government-under-non-government", "parentId");
        // A government that stops being one leaves what is below it without a government: refused, naming it.
        await CreateOrganizationAsync(server, admin, "third-county", "第三县人民政府", OrganizationKinds.Government, null);
        await CreateOrganizationAsync(server, admin, "third-county-drc", "第三县发改局", OrganizationKinds.Department, "third-county");
        await CreateOrganizationAsync(server, admin, "third-county-town", "第三县某镇人民政府", OrganizationKinds.Government, "third-county");
        await Refused("third-county", new { name = "第三县人民政府", kind = OrganizationKinds.Department, parentId = "other-county" }, "government-under-non-government", "kind");
        await Refused("third-county", new { name = "第三县人民政府", kind = OrganizationKinds.Department }, "no-government-above", "parentId");
        var third = await admin.GetAsync("/api/admin/organizations").ExpectAsync<List<AdminOrganizationView>>(HttpStatusCode.OK, server);
        Assert.Equal((OrganizationKinds.Government, null), (third.Single(o => o.Id == "third-county").Kind, third.Single(o => o.Id == "third-county").ParentId));

        Assert.Equal("not-found", (await admin.PutAsync("/api/admin/organizations/no-such-org", Json(new { name = "x" })).ReadProblemAsync(HttpStatusCode.NotFound)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task User_creation_refuses_taken_names_and_weak_passwords_with_identitys_messages(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var admin = await server.SignInAsync("admin");
        var describer = new IdentityErrorDescriber();
        var usersBefore = await server.WithDatabaseAsync(db => db.Users.CountAsync());

        var weak = await admin.PostJsonAsync("/api/admin/users", new { userName = "weak", displayName = "弱密码", password = "short" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-password", weak.Code);
        var messages = weak.Errors!.Value.GetProperty("password").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(describer.PasswordTooShort(10).Description, messages);
        Assert.Contains(describer.PasswordRequiresDigit().Description, messages);
        Assert.Contains(describer.PasswordRequiresUpper().Description, messages);
        Assert.Contains(describer.PasswordRequiresNonAlphanumeric().Description, messages);
        Assert.Contains(describer.PasswordTooShort(10).Description, weak.Detail);

        var noSymbol = await admin.PostJsonAsync("/api/admin/users", new { userName = "weak", displayName = "弱密码", password = "Abcdefgh1234" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal([describer.PasswordRequiresNonAlphanumeric().Description], noSymbol.Errors!.Value.GetProperty("password").EnumerateArray().Select(e => e.GetString()));

        foreach (var taken in new[] { "drafter", "DRAFTER" })
        {
            var duplicate = await admin.PostJsonAsync("/api/admin/users", new { userName = taken, displayName = "重名", password = "short" })
                .ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("user-exists", duplicate.Code);
            Assert.True(duplicate.Errors?.TryGetProperty("userName", out _) == true, duplicate.ToString());
        }
        var badName = await admin.PostJsonAsync("/api/admin/users", new { userName = "王 承办", displayName = "空格", password = NewPassword })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-user-name", badName.Code);
        Assert.Contains(describer.InvalidUserName("王 承办").Description, badName.Errors!.Value.GetProperty("userName").EnumerateArray().Select(e => e.GetString()));
        foreach (var body in new object[] { new { userName = "x", password = NewPassword }, new { userName = "x", displayName = "x", email = "not-an-address", password = NewPassword } })
        {
            Assert.Equal("validation-failed", (await admin.PostJsonAsync("/api/admin/users", body).ReadProblemAsync(HttpStatusCode.BadRequest)).Code);
        }
        Assert.Equal(usersBefore, await server.WithDatabaseAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_password_reset_ends_the_users_sessions_and_a_weak_one_changes_nothing(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var admin = await server.SignInAsync("admin");
        var reviewerId = await UserIdAsync(server, "reviewer");
        using var reviewer = await server.SignInAsync("reviewer");

        var weak = await admin.PostJsonAsync($"/api/admin/users/{reviewerId}/password", new { password = "reviewer" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-password", weak.Code);
        Assert.Contains(new IdentityErrorDescriber().PasswordTooShort(10).Description, weak.Errors!.Value.GetProperty("password").EnumerateArray().Select(e => e.GetString()));
        // The old password was removed inside the refused request's transaction and is back: nothing changed.
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        (await reviewer.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        using (await server.SignInAsync("reviewer"))
        {
        }

        (await admin.PostJsonAsync($"/api/admin/users/{reviewerId}/password", new { password = NewPassword }).ExpectAsync(HttpStatusCode.NoContent, server)).Dispose();
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("unauthenticated", (await reviewer.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        using var anonymous = server.CreateAnonymousClient();
        Assert.Equal("invalid-credentials", (await anonymous.PostJsonAsync("/api/auth/login", new { userName = "reviewer", password = DemoData.Password })
            .ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        using var again = await server.SignInAsync("reviewer", NewPassword);
        (await again.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();

        Assert.Equal("not-found", (await admin.PostJsonAsync("/api/admin/users/no-such-user/password", new { password = NewPassword }).ReadProblemAsync(HttpStatusCode.NotFound)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Memberships_need_a_known_role_an_existing_organization_and_are_held_once(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var admin = await server.SignInAsync("admin");
        var counselId = await UserIdAsync(server, "counsel");
        var url = $"/api/admin/users/{counselId}/memberships";

        var role = await admin.PostJsonAsync(url, new { organizationId = "demo-county-justice", role = "judge" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-role", role.Code);
        Assert.Equal(Roles.All.Select(r => r.Id), role.Errors!.Value.GetProperty("role").EnumerateArray().Select(r => r.GetString()));
        var organization = await admin.PostJsonAsync(url, new { organizationId = "no-such-bureau", role = Roles.LegalityReviewer }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-organization", organization.Code);
        Assert.True(organization.Errors?.TryGetProperty("organizationId", out _) == true, organization.ToString());
        var duplicate = await admin.PostJsonAsync(url, new { organizationId = "demo-county-justice", role = Roles.LegalCounsel }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("membership-exists", duplicate.Code);
        Assert.Equal("not-found", (await admin.PostJsonAsync("/api/admin/users/no-such-user/memberships", new { organizationId = "demo-county-justice", role = Roles.Expert })
            .ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("validation-failed", (await admin.PostJsonAsync(url, new { organizationId = "demo-county-justice" }).ReadProblemAsync(HttpStatusCode.BadRequest)).Code);

        // A second role, effective at once: the counsel now reviews legality too.
        var added = await admin.PostJsonAsync(url, new { organizationId = "demo-county-justice", role = Roles.LegalityReviewer }).ExpectAsync<AdminUserView>(HttpStatusCode.Created, server);
        Assert.Equal([Roles.LegalCounsel, Roles.LegalityReviewer], added.Memberships.Select(m => m.Role));
        using var counsel = await server.SignInAsync("counsel");
        var me = await counsel.GetAsync("/api/me").ExpectAsync<MeView>(HttpStatusCode.OK, server);
        Assert.Contains(me.Memberships, m => m.Role == Roles.LegalityReviewer);

        (await admin.DeleteAsync($"{url}?organizationId=demo-county-justice&role={Roles.LegalityReviewer}").ExpectAsync(HttpStatusCode.NoContent, server)).Dispose();
        me = await counsel.GetAsync("/api/me").ExpectAsync<MeView>(HttpStatusCode.OK, server);
        Assert.Equal([Roles.LegalCounsel], me.Memberships.Select(m => m.Role));
        Assert.Equal("not-found", (await admin.DeleteAsync($"{url}?organizationId=demo-county-justice&role={Roles.LegalityReviewer}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("invalid-request", (await admin.DeleteAsync($"{url}?organizationId=demo-county-justice").ReadProblemAsync(HttpStatusCode.BadRequest)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_last_operator_who_can_sign_in_can_neither_be_removed_nor_locked(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var admin = await server.SignInAsync("admin");
        var adminId = await UserIdAsync(server, "admin");
        var removeOwn = $"/api/admin/users/{adminId}/memberships?organizationId=demo-county&role={Roles.Operator}";

        Assert.Equal("last-operator", (await admin.DeleteAsync(removeOwn).ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal("last-operator", (await admin.PostJsonAsync($"/api/admin/users/{adminId}/lock", null).ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        // The refused lock changed nothing (lockout and security stamp were rolled back): the session goes on.
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var users = await admin.GetAsync("/api/admin/users").ExpectAsync<List<AdminUserView>>(HttpStatusCode.OK, server);
        Assert.False(users.Single(u => u.Id == adminId).LockedOut);
        Assert.Null(users.Single(u => u.Id == adminId).LockoutEnd);
        // A government's administrator needs no such guard (an operator can always appoint one): the role can go.
        (await admin.DeleteAsync($"/api/admin/users/{adminId}/memberships?organizationId=demo-county&role={Roles.Administrator}").ExpectAsync(HttpStatusCode.NoContent, server)).Dispose();

        // A second operator who is locked out does not count: nobody could use that one.
        var memberId = await UserIdAsync(server, "member");
        (await admin.PostJsonAsync($"/api/admin/users/{memberId}/memberships", new { organizationId = "demo-county", role = Roles.Operator }).ExpectAsync(HttpStatusCode.Created, server)).Dispose();
        (await admin.PostJsonAsync($"/api/admin/users/{memberId}/lock", null).ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        Assert.Equal("last-operator", (await admin.DeleteAsync(removeOwn).ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        // Once the other operator can sign in, the first may step down, and loses the API at once.
        (await admin.PostJsonAsync($"/api/admin/users/{memberId}/unlock", null).ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        (await admin.DeleteAsync(removeOwn).ExpectAsync(HttpStatusCode.NoContent, server)).Dispose();
        Assert.Equal("forbidden", (await admin.GetAsync("/api/admin/users").ReadProblemAsync(HttpStatusCode.Forbidden)).Code);

        using var member = await server.SignInAsync("member");
        Assert.Equal("last-operator", (await member.DeleteAsync($"/api/admin/users/{memberId}/memberships?organizationId=demo-county&role={Roles.Operator}")
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.Memberships.CountAsync(m => m.Role == Roles.Operator)));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Two_operators_removing_each_other_at_once_leave_one(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        var adminId = await UserIdAsync(server, "admin");
        var chiefId = await UserIdAsync(server, "chief");
        using var admin = await server.SignInAsync("admin");
        using var chief = await server.SignInAsync("chief");
        for (var round = 1; round <= 5; round++)
        {
            // Whoever is left gives the other the role back.
            var remaining = await server.WithDatabaseAsync(db => db.Memberships.Where(m => m.Role == Roles.Operator).Select(m => m.UserId).ToListAsync());
            var (restorer, missing) = remaining.Contains(adminId) ? (admin, chiefId) : (chief, adminId);
            if (remaining.Count == 1)
            {
                (await restorer.PostJsonAsync($"/api/admin/users/{missing}/memberships", new { organizationId = "demo-county", role = Roles.Operator })
                    .ExpectAsync(HttpStatusCode.Created, server)).Dispose();
            }

            var responses = await Task.WhenAll(
                admin.DeleteAsync($"/api/admin/users/{chiefId}/memberships?organizationId=demo-county&role={Roles.Operator}"),
                chief.DeleteAsync($"/api/admin/users/{adminId}/memberships?organizationId=demo-county&role={Roles.Operator}"));
            var statuses = responses.Select(r => (int)r.StatusCode).Order().ToList();
            var bodies = string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())));
            foreach (var response in responses)
            {
                response.Dispose();
            }
            // One wins; the other is refused as the last operator, or (if the winner committed before its
            // authorization) is no longer an operator at all.
            Assert.True(statuses[0] == 204 && statuses[1] is 403 or 409, $"round {round}: {string.Join(", ", statuses)}: {bodies}{server.DescribeServerLog()}");
            Assert.Equal(1, await server.WithDatabaseAsync(db => db.Memberships.CountAsync(m => m.Role == Roles.Operator)));
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Locking_a_user_stops_their_session_and_api_tokens_and_unlocking_restores_them(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var admin = await server.SignInAsync("admin");
        var drafterId = await UserIdAsync(server, "drafter");
        using var browser = await server.SignInAsync("drafter");
        var token = await browser.PostJsonAsync("/api/tokens", new { name = "报表脚本" }).ExpectAsync<CreatedTokenView>(HttpStatusCode.Created, server);
        using var script = server.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        (await browser.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        (await script.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();

        var locked = await admin.PostJsonAsync($"/api/admin/users/{drafterId}/lock", null).ExpectAsync<AdminUserView>(HttpStatusCode.OK, server);
        Assert.True(locked.LockedOut);
        Assert.Equal(UserLockout.Indefinitely, locked.LockoutEnd);

        // Session cookies are checked against the security stamp when more than ValidationInterval (zero) has passed
        // since the cookie was issued, on the server's clock; the test clock stands still, so move it a little, as
        // real time always does between two requests.
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("unauthenticated", (await browser.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        Assert.Equal("unauthenticated", (await browser.PostJsonAsync("/api/matters", new { title = "锁定后" }).ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        Assert.Equal("unauthenticated", (await script.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        using var anonymous = server.CreateAnonymousClient();
        // Signing in with the right password answers what a wrong one does (SignInProtectionTests compares the bodies).
        Assert.Equal("invalid-credentials", (await anonymous.PostJsonAsync("/api/auth/login", new { userName = "drafter", password = DemoData.Password })
            .ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        // The lock has no end: still locked a year on.
        server.Clock.Advance(TimeSpan.FromDays(365));
        Assert.Equal("unauthenticated", (await script.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        using var adminAgain = await server.SignInAsync("admin");
        Assert.True((await adminAgain.GetAsync("/api/admin/users").ExpectAsync<List<AdminUserView>>(HttpStatusCode.OK, server)).Single(u => u.Id == drafterId).LockedOut);

        var unlocked = await adminAgain.PostJsonAsync($"/api/admin/users/{drafterId}/unlock", null).ExpectAsync<AdminUserView>(HttpStatusCode.OK, server);
        Assert.False(unlocked.LockedOut);
        Assert.Null(unlocked.LockoutEnd);
        (await script.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        using var signedInAgain = await server.SignInAsync("drafter");
        (await signedInAgain.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        // The session from before the lock stays ended.
        Assert.Equal("unauthenticated", (await browser.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);

        Assert.Equal("not-found", (await adminAgain.PostJsonAsync("/api/admin/users/no-such-user/lock", null).ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await adminAgain.PostJsonAsync("/api/admin/users/no-such-user/unlock", null).ReadProblemAsync(HttpStatusCode.NotFound)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_government_names_its_jurisdiction_and_matters_created_under_it_follow(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var admin = await server.SignInAsync("admin");
        var before = await CountsAsync(server);

        // Only a government has a jurisdiction, and only a loaded one.
        var unknown = await admin.PostJsonAsync("/api/admin/organizations",
            new { id = "far-county", name = "远县人民政府", kind = OrganizationKinds.Government, jurisdictionId = "no-such-province" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("jurisdiction-not-found", unknown.Code);
        var onDepartment = await admin.PostJsonAsync("/api/admin/organizations",
            new { id = "demo-county-water", name = "示范县水务局", kind = OrganizationKinds.Department, parentId = "demo-county", jurisdictionId = "example-province" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("jurisdiction-on-non-government", onDepartment.Code);
        Assert.Equal(before, await CountsAsync(server));

        var county = await admin.PostJsonAsync("/api/admin/organizations",
            new { id = "far-county", name = "远县人民政府", kind = OrganizationKinds.Government, jurisdictionId = "example-province" })
            .ExpectAsync<AdminOrganizationView>(HttpStatusCode.Created, server);
        Assert.Equal("example-province", county.JurisdictionId);
        await CreateOrganizationAsync(server, admin, "far-county-drc", "远县发展和改革局", OrganizationKinds.Department, "far-county");
        foreach (var (id, kind) in new[]
                 {
                     ("far-county-justice", OrganizationScopes.LegalityReviewOffice), ("far-county-office", OrganizationScopes.GeneralOffice),
                     ("far-county-experts", OrganizationScopes.ExpertPool), ("far-county-risk", OrganizationScopes.RiskAssessmentBody),
                     ("far-county-evaluation", OrganizationScopes.EvaluationBody),
                 })
        {
            await CreateOrganizationAsync(server, admin, id, id, kind, "far-county");
        }
        var user = await admin.PostJsonAsync("/api/admin/users", new { userName = "far.drafter", displayName = "远县经办", password = NewPassword })
            .ExpectAsync<AdminUserView>(HttpStatusCode.Created, server);
        await admin.PostJsonAsync($"/api/admin/users/{user.Id}/memberships", new { organizationId = "far-county-drc", role = Roles.DraftingOfficer })
            .ExpectAsync<AdminUserView>(HttpStatusCode.Created, server);

        using var drafter = await server.SignInAsync("far.drafter", NewPassword);
        var matter = await drafter.PostJsonAsync("/api/matters", new { title = "远县供水价格调整方案" }).ExpectAsync<MatterView>(HttpStatusCode.Created, server);
        Assert.Equal("example-province", matter.JurisdictionId);

        // Moving the government to the default jurisdiction changes what new matters get, not the existing one.
        var moved = await admin.PutAsync("/api/admin/organizations/far-county", Json(new { name = "远县人民政府", jurisdictionId = "default" }))
            .ExpectAsync<AdminOrganizationView>(HttpStatusCode.OK, server);
        Assert.Equal("default", moved.JurisdictionId);
        var later = await drafter.PostJsonAsync("/api/matters", new { title = "远县城区停车收费方案" }).ExpectAsync<MatterView>(HttpStatusCode.Created, server);
        Assert.Equal("default", later.JurisdictionId);
        Assert.Equal("example-province", (await drafter.GetAsync($"/api/matters/{matter.Id}").ExpectAsync<MatterView>(HttpStatusCode.OK, server)).JurisdictionId);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<AdminOrganizationView> CreateOrganizationAsync(
        ServerFactory server, HttpClient admin, string id, string name, string kind, string? parentId, string? nameEn = null)
    {
        var created = await admin.PostJsonAsync("/api/admin/organizations", new { id, name, nameEn, kind, parentId })
            .ExpectAsync<AdminOrganizationView>(HttpStatusCode.Created, server);
        Assert.Equal((id, kind, parentId, 0, 0), (created.Id, created.Kind, created.ParentId, created.Memberships, created.Matters));
        return created;
    }

    private static Task<string> UserIdAsync(ServerFactory server, string userName) =>
        server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static Task<(int Users, int Organizations, int Memberships, string Stamps)> CountsAsync(ServerFactory server) =>
        server.WithDatabaseAsync(async db => (
            await db.Users.CountAsync(),
            await db.Organizations.CountAsync(),
            await db.Memberships.CountAsync(),
            string.Join(",", (await db.Users.Select(u => new { u.SecurityStamp, u.PasswordHash, u.LockoutEnd }).ToListAsync())
                .Select(u => $"{u.SecurityStamp}/{u.PasswordHash}/{u.LockoutEnd:O}").Order(StringComparer.Ordinal))));
}
