using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Calendars;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Who may do what on every administration endpoint and page (issue 16 item 2): the operator everywhere, a government's
/// administrator within its subtree, nobody else. Walks the endpoints the server has (so a new one fails the test
/// until it is in the matrix), sends each as each identity against the county and the city, and prints the matrix.
/// </summary>
public sealed class AdministrationScopeTests(ITestOutputHelper output)
{
    private const string Password = "Scope@2026-pw";
    private const string Operator = "operator (admin)";
    private const string CountyAdmin = "county admin";
    private const string CityAdmin = "city admin";
    private const string NonAdmin = "non-admin (chief)";
    private const string Anonymous = "anonymous";
    private static readonly string[] Identities = [Operator, CountyAdmin, CityAdmin, NonAdmin, Anonymous];

    /// <summary>One cell row: an endpoint against one target, who may, and what success looks like.</summary>
    private sealed record Case(
        string Method, string Pattern, string Target, string[] Allowed, string Success,
        Func<string> Url, Func<object?>? Body = null, Func<Task>? Setup = null, Func<HttpResponseMessage, Task<string>>? Read = null,
        string? DeniedToScoped = null, bool Page = false);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_admin_endpoint_answers_each_identity_within_its_scope(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var op = await server.SignInAsync("admin");

        // The county's administrator is made by the operator; the city's is a demo user.
        await op.PostJsonAsync("/api/admin/users", new { userName = "countyadmin", displayName = "示范县管理员", password = Password, organizationId = "demo-county", role = Roles.Administrator })
            .ExpectAsync(HttpStatusCode.Created, server);
        // Targets: a county user, a city user, and one who works for both (nobody but the operator manages that account).
        var countyUser = await CreateUserAsync(server, op, "county.target", ("demo-county-experts", Roles.Expert));
        var cityUser = await CreateUserAsync(server, op, "city.target", ("demo-city-experts", Roles.Expert));
        var bothUser = await CreateUserAsync(server, op, "both.target", ("demo-county-experts", Roles.Expert), ("demo-city-experts", Roles.Expert));
        var spareUser = await CreateUserAsync(server, op, "spare.target", ("demo-county-risk", Roles.RiskAssessor));

        // A running instance in each government, to move.
        using var drafter = await server.SignInAsync("drafter");
        using var cityDrafter = await server.SignInAsync("citydrafter");
        var (countyMatter, countyInstance) = await StartAsync(server, drafter, "县级迁移测试事项");
        var (cityMatter, cityInstance) = await StartAsync(server, cityDrafter, "市级迁移测试事项");
        // A deadline that could not be computed on each matter (an incident row: listed whatever its date, never run).
        await server.WithDatabaseAsync(async db =>
        {
            foreach (var matterId in new[] { countyMatter, cityMatter })
            {
                db.Add(new RuleOfLaw.Workflow.Server.Scheduling.ScheduledTimer
                {
                    Id = Guid.NewGuid(), Kind = RuleOfLaw.Workflow.Server.Scheduling.TimerKinds.Reminder, MatterId = matterId, DueAt = server.Clock.GetUtcNow().AddDays(1),
                    Status = RuleOfLaw.Workflow.Server.Scheduling.TimerRowStatus.Incident, CreatedAt = server.Clock.GetUtcNow(), Note = "测试",
                });
            }
            return await db.SaveChangesAsync();
        });
        var version = await server.WithDatabaseAsync(db => db.Instances.Where(i => i.Id == countyInstance).Select(i => i.DefinitionVersion).SingleAsync());

        var clients = new Dictionary<string, HttpClient>
        {
            [Operator] = op,
            [CountyAdmin] = await server.SignInAsync("countyadmin", Password),
            [CityAdmin] = await server.SignInAsync("cityadmin"),
            [NonAdmin] = await server.SignInAsync("chief"),
            [Anonymous] = server.CreateAnonymousClient(),
        };

        var sequence = 0;
        string[] county = [Operator, CountyAdmin];
        string[] city = [Operator, CityAdmin];
        string[] operatorOnly = [Operator];
        Func<HttpResponseMessage, Task<string>> Lists(string what) => async response =>
            $"{(int)response.StatusCode} {((await response.Content.ReadAsStringAsync()).Contains($"\"{what}\"", StringComparison.Ordinal) ? "lists" : "omits")} {what}";
        Func<Task> Membership(string userId, string organizationId, string role, bool present) => () => server.WithDatabaseAsync(async db =>
        {
            var held = await db.Memberships.Where(m => m.UserId == userId && m.OrganizationId == organizationId && m.Role == role).ToListAsync();
            db.Memberships.RemoveRange(held);
            if (present)
            {
                db.Memberships.Add(new OrganizationMembership { UserId = userId, OrganizationId = organizationId, Role = role });
            }
            return await db.SaveChangesAsync();
        });
        object NewUser(string? organizationId) => new { userName = $"new.user.{++sequence}", displayName = "新用户", password = Password, organizationId, role = organizationId is null ? null : Roles.Evaluator };
        object NewOrganization(string? parentId) => new { id = $"scope-test-{++sequence}", name = "测试机构", kind = parentId is null ? OrganizationKinds.Government : OrganizationKinds.Department, parentId };

        List<Case> cases =
        [
            new("GET", "/api/admin/users", "county user", county, "200 lists county.target", () => "/api/admin/users", Read: Lists("county.target"), DeniedToScoped: "200 omits county.target"),
            new("GET", "/api/admin/users", "city user", city, "200 lists city.target", () => "/api/admin/users", Read: Lists("city.target"), DeniedToScoped: "200 omits city.target"),
            new("POST", "/api/admin/users", "first role in county", county, "201", () => "/api/admin/users", () => NewUser("demo-county-evaluation")),
            new("POST", "/api/admin/users", "first role in city", city, "201", () => "/api/admin/users", () => NewUser("demo-city-evaluation")),
            new("POST", "/api/admin/users", "no role", operatorOnly, "201", () => "/api/admin/users", () => NewUser(null), DeniedToScoped: "422 first-role-required"),
            new("POST", "/api/admin/users/{id}/password", "county user", county, "204", () => $"/api/admin/users/{countyUser}/password", () => new { password = Password }),
            new("POST", "/api/admin/users/{id}/password", "city user", city, "204", () => $"/api/admin/users/{cityUser}/password", () => new { password = Password }),
            new("POST", "/api/admin/users/{id}/password", "user of both", operatorOnly, "204", () => $"/api/admin/users/{bothUser}/password", () => new { password = Password }),
            new("POST", "/api/admin/users/{id}/lock", "county user", county, "200", () => $"/api/admin/users/{countyUser}/lock"),
            new("POST", "/api/admin/users/{id}/lock", "city user", city, "200", () => $"/api/admin/users/{cityUser}/lock"),
            new("POST", "/api/admin/users/{id}/lock", "user of both", operatorOnly, "200", () => $"/api/admin/users/{bothUser}/lock"),
            new("POST", "/api/admin/users/{id}/unlock", "county user", county, "200", () => $"/api/admin/users/{countyUser}/unlock"),
            new("POST", "/api/admin/users/{id}/unlock", "city user", city, "200", () => $"/api/admin/users/{cityUser}/unlock"),
            new("POST", "/api/admin/users/{id}/unlock", "user of both", operatorOnly, "200", () => $"/api/admin/users/{bothUser}/unlock"),
            new("POST", "/api/admin/users/{id}/memberships", "county role", county, "201", () => $"/api/admin/users/{countyUser}/memberships",
                () => new { organizationId = "demo-county-evaluation", role = Roles.Evaluator }, Membership(countyUser, "demo-county-evaluation", Roles.Evaluator, present: false)),
            new("POST", "/api/admin/users/{id}/memberships", "city role", city, "201", () => $"/api/admin/users/{cityUser}/memberships",
                () => new { organizationId = "demo-city-evaluation", role = Roles.Evaluator }, Membership(cityUser, "demo-city-evaluation", Roles.Evaluator, present: false)),
            new("POST", "/api/admin/users/{id}/memberships", "county role to a city user", county, "201", () => $"/api/admin/users/{cityUser}/memberships",
                () => new { organizationId = "demo-county-evaluation", role = Roles.Evaluator }, Membership(cityUser, "demo-county-evaluation", Roles.Evaluator, present: false)),
            new("POST", "/api/admin/users/{id}/memberships", "operator role", operatorOnly, "201", () => $"/api/admin/users/{spareUser}/memberships",
                () => new { organizationId = "demo-county", role = Roles.Operator }, Membership(spareUser, "demo-county", Roles.Operator, present: false)),
            new("DELETE", "/api/admin/users/{id}/memberships", "county role", county, "204",
                () => $"/api/admin/users/{countyUser}/memberships?organizationId=demo-county-evaluation&role={Roles.Evaluator}", Setup: Membership(countyUser, "demo-county-evaluation", Roles.Evaluator, present: true)),
            new("DELETE", "/api/admin/users/{id}/memberships", "city role", city, "204",
                () => $"/api/admin/users/{cityUser}/memberships?organizationId=demo-city-evaluation&role={Roles.Evaluator}", Setup: Membership(cityUser, "demo-city-evaluation", Roles.Evaluator, present: true)),
            new("DELETE", "/api/admin/users/{id}/memberships", "operator role", operatorOnly, "204",
                () => $"/api/admin/users/{spareUser}/memberships?organizationId=demo-county&role={Roles.Operator}", Setup: Membership(spareUser, "demo-county", Roles.Operator, present: true)),
            new("GET", "/api/admin/organizations", "county office", county, "200 lists demo-county-office", () => "/api/admin/organizations", Read: Lists("demo-county-office"), DeniedToScoped: "200 omits demo-county-office"),
            new("GET", "/api/admin/organizations", "city office", city, "200 lists demo-city-office", () => "/api/admin/organizations", Read: Lists("demo-city-office"), DeniedToScoped: "200 omits demo-city-office"),
            new("POST", "/api/admin/organizations", "under the county", county, "201", () => "/api/admin/organizations", () => NewOrganization("demo-county")),
            new("POST", "/api/admin/organizations", "under the city", city, "201", () => "/api/admin/organizations", () => NewOrganization("demo-city")),
            new("POST", "/api/admin/organizations", "top-level", operatorOnly, "201", () => "/api/admin/organizations", () => NewOrganization(null)),
            new("PUT", "/api/admin/organizations/{id}", "county office", county, "200", () => "/api/admin/organizations/demo-county-office", () => new { name = "示范县人民政府办公室" }),
            new("PUT", "/api/admin/organizations/{id}", "city office", city, "200", () => "/api/admin/organizations/demo-city-office", () => new { name = "示范市人民政府办公室" }),
            new("PUT", "/api/admin/organizations/{id}", "county office moved to the city", operatorOnly, "200",
                () => "/api/admin/organizations/scope-test-move", () => new { name = "移动", parentId = "demo-city" },
                () => server.WithDatabaseAsync(async db =>
                {
                    db.Organizations.RemoveRange(await db.Organizations.Where(o => o.Id == "scope-test-move").ToListAsync());
                    db.Organizations.Add(new Organization { Id = "scope-test-move", Name = "移动", Kind = OrganizationKinds.Department, ParentId = "demo-county" });
                    return await db.SaveChangesAsync();
                })),
            // Past the scope, moving an instance to the version it has is the engine's refusal (no newer version here).
            new("POST", "/api/admin/instances/{id}/migration/plan", "county matter", county, "200", () => $"/api/admin/instances/{countyInstance}/migration/plan", () => new { targetVersion = version }),
            new("POST", "/api/admin/instances/{id}/migration/plan", "city matter", city, "200", () => $"/api/admin/instances/{cityInstance}/migration/plan", () => new { targetVersion = version }),
            new("POST", "/api/admin/instances/{id}/migration", "county matter", county, "409 migration-not-newer",
                () => $"/api/admin/instances/{countyInstance}/migration", () => new { targetVersion = version, reason = "测试" }),
            new("POST", "/api/admin/instances/{id}/migration", "city matter", city, "409 migration-not-newer",
                () => $"/api/admin/instances/{cityInstance}/migration", () => new { targetVersion = version, reason = "测试" }),
            new("GET", "/api/admin/deadlines", "county matter", county, $"200 lists {countyMatter}", () => "/api/admin/deadlines?days=3660",
                Read: Lists(countyMatter.ToString()), DeniedToScoped: $"200 omits {countyMatter}"),
            new("GET", "/api/admin/deadlines", "city matter", city, $"200 lists {cityMatter}", () => "/api/admin/deadlines?days=3660",
                Read: Lists(cityMatter.ToString()), DeniedToScoped: $"200 omits {cityMatter}"),
            new("GET", "/api/admin/outbox", "deployment", operatorOnly, "200", () => "/api/admin/outbox"),
            new("GET", "/api/admin/calendars/", "deployment", operatorOnly, "200", () => "/api/admin/calendars"),
            new("PUT", "/api/admin/calendars/{year:int}", "deployment", operatorOnly, "201", () => "/api/admin/calendars/2027", () => JsonDocument.Parse(ProvisionalCalendarTests.Test2027).RootElement),
            new("POST", "/api/admin/journal-checkpoints", "deployment", operatorOnly, "200", () => "/api/admin/journal-checkpoints"),
            new("POST", "/api/admin/keys/{purpose}/rotate", "deployment", operatorOnly, "200", () => "/api/admin/keys/journal-mac/rotate"),
            new("POST", "/api/admin/signers/{userId}/certificate", "deployment", operatorOnly, "422 certificate-unreadable",
                () => $"/api/admin/signers/{countyUser}/certificate", () => new { certificate = "not a certificate" }),
            new("GET", "admin/calendars", "deployment (page)", operatorOnly, "200", () => "/admin/calendars", Page: true),
            new("GET", "/admin/jobs/{**path}", "deployment (dashboard)", operatorOnly, "200", () => "/admin/jobs"),
        ];

        // Every administration endpoint and page the server maps is in the matrix.
        var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/') is { } raw && (raw.StartsWith("api/admin", StringComparison.Ordinal) || raw.StartsWith("admin/", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
        var covered = cases.Select(c => $"{c.Method} {c.Pattern}").ToHashSet(StringComparer.Ordinal);
        Assert.True(mapped.SetEquals(covered),
            $"not in the matrix: {string.Join(", ", mapped.Except(covered))}; in the matrix but not mapped: {string.Join(", ", covered.Except(mapped))}");

        var expected = new List<string>();
        var actual = new List<string>();
        foreach (var cell in cases)
        {
            foreach (var identity in Identities)
            {
                if (cell.Setup is not null)
                {
                    await cell.Setup();
                }
                using var request = new HttpRequestMessage(new HttpMethod(cell.Method), cell.Url());
                if (cell.Body?.Invoke() is { } body)
                {
                    request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
                }
                else if (cell.Method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                using var response = await clients[identity].SendAsync(request);
                var row = $"{cell.Method,-6} {cell.Pattern,-42} {cell.Target,-32} {identity,-18}";
                expected.Add($"{row} {Expect(cell, identity)}");
                actual.Add($"{row} {await DescribeAsync(cell, response)}");
            }
        }

        output.WriteLine($"Authorization matrix ({provider}): {cases.Count} endpoint × target rows, {Identities.Length} identities, {actual.Count} requests");
        foreach (var line in actual)
        {
            output.WriteLine(line);
        }
        var wrong = expected.Zip(actual).Where(p => p.First != p.Second).Select(p => $"expected {p.First}{Environment.NewLine}     got {p.Second}").ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong) + server.DescribeServerLog());

        // The reported case, end to end: the county administrator cannot take over a city user's account.
        var cityDrafterId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "citydrafter").Select(u => u.Id).SingleAsync());
        var refused = await clients[CountyAdmin].PostJsonAsync($"/api/admin/users/{cityDrafterId}/password", new { password = Password })
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("outside-administration-scope", refused.Code);
        // A government's administrator creates users with a role in it (the account is then theirs to manage).
        Assert.Equal("first-role-required", (await clients[CityAdmin].PostJsonAsync("/api/admin/users", new { userName = "no.role", displayName = "无角色", password = Password })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        (await cityDrafter.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        Assert.Equal("invalid-credentials", (await server.CreateAnonymousClient().PostJsonAsync("/api/auth/login", new { userName = "citydrafter", password = Password })
            .ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        // Beyond /api/admin: a matter is its decision organ's; the other government's administrator sees nothing of it and
        // cannot cancel it (404, as for anyone who may not see it).
        (await clients[CountyAdmin].GetAsync($"/api/matters/{countyMatter}").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        Assert.Equal("not-found", (await clients[CityAdmin].GetAsync($"/api/matters/{countyMatter}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("not-found", (await clients[CountyAdmin].GetAsync($"/api/matters/{cityMatter}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        (await clients[Operator].GetAsync($"/api/matters/{cityMatter}").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private static string Expect(Case cell, string identity) => identity switch
    {
        _ when cell.Allowed.Contains(identity) => cell.Success,
        Anonymous => cell.Page ? "302 /account/login" : "401 unauthenticated",
        NonAdmin => "403 forbidden",
        // Deployment-wide functions are closed to administrators by the policy; the rest by their scope.
        _ when cell.Allowed is [Operator] && cell.DeniedToScoped is null && !cell.Pattern.Contains("/users", StringComparison.Ordinal)
            && !cell.Pattern.Contains("/organizations", StringComparison.Ordinal) => "403 forbidden",
        _ => cell.DeniedToScoped ?? $"403 {AdministrationScopes.OutsideScope}",
    };

    private static async Task<string> DescribeAsync(Case cell, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status == 302)
        {
            return $"302 {response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString.Split('?')[0]}";
        }
        if (cell.Read is not null && status == 200)
        {
            return await cell.Read(response);
        }
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var json = await response.ReadJsonAsync();
            return $"{status} {(json.TryGetProperty("code", out var code) ? code.GetString() : "?")}";
        }
        return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> CreateUserAsync(ServerFactory server, HttpClient op, string userName, params (string Organization, string Role)[] roles)
    {
        var user = await op.PostJsonAsync("/api/admin/users", new { userName, displayName = userName, password = Password, organizationId = roles[0].Organization, role = roles[0].Role })
            .ExpectAsync<AdminUserView>(HttpStatusCode.Created, server);
        foreach (var (organization, role) in roles.Skip(1))
        {
            (await op.PostJsonAsync($"/api/admin/users/{user.Id}/memberships", new { organizationId = organization, role }).ExpectAsync(HttpStatusCode.Created, server)).Dispose();
        }
        return user.Id;
    }

    private static async Task<(Guid Matter, Guid Instance)> StartAsync(ServerFactory server, HttpClient drafter, string title)
    {
        var matter = await drafter.PostJsonAsync("/api/matters", new { title, category = "public-policy" }).ExpectAsync<MatterView>(HttpStatusCode.Created, server);
        return (matter.Id, (await drafter.PostJsonAsync("/api/instances", new { matterId = matter.Id }).ExpectAsync<InstanceView>(HttpStatusCode.Created, server)).Id);
    }
}
