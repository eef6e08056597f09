using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Startup;

/// <summary>
/// A production deployment starts with an empty database and no demo: <c>Bootstrap:*</c> creates its first
/// administrator, once; without it the log says how. The password never reaches the log.
/// "Empty" is a migrated database without rows (a copy of <see cref="MigratedTemplate"/>, as a first start leaves it
/// before it seeds), except where a test asserts that a refused start migrated nothing.
/// </summary>
public sealed class BootstrapTests
{
    private const string Password = "Shengfu#Admin2026";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Bootstrap_creates_the_government_and_its_administrator_on_an_empty_database_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var first = Production(database, Bootstrap()))
        {
            first.StartServer();
            using var admin = await first.SignInAsync("root", Password);

            var user = Assert.Single(await admin.GetAsync("/api/admin/users").ExpectAsync<List<AdminUserView>>(HttpStatusCode.OK, first));
            Assert.Equal(("root", BootstrapAdministrator.DisplayName, false), (user.UserName, user.DisplayName, user.LockedOut));
            // The government's administrator and the deployment's operator (who alone loads calendars, rotates keys …).
            Assert.Equal([("example-province", "示例省人民政府", Roles.Administrator), ("example-province", "示例省人民政府", Roles.Operator)],
                user.Memberships.Select(m => (m.OrganizationId, m.OrganizationName, m.Role)));
            var organization = Assert.Single(await admin.GetAsync("/api/admin/organizations").ExpectAsync<List<AdminOrganizationView>>(HttpStatusCode.OK, first));
            Assert.Equal(("example-province", "示例省人民政府", OrganizationKinds.Government, null, 2),
                (organization.Id, organization.Name, organization.Kind, organization.ParentId, organization.Memberships));

            // From here the administrator builds the rest.
            (await admin.PostJsonAsync("/api/admin/organizations", new { id = "example-province-justice", name = "示例省司法厅", kind = OrganizationScopes.LegalityReviewOffice, parentId = "example-province" })
                .ExpectAsync(HttpStatusCode.Created, first)).Dispose();
            var reviewer = await admin.PostJsonAsync("/api/admin/users", new { userName = "reviewer1", displayName = "审查员", password = "Reviewer#2026" })
                .ExpectAsync<AdminUserView>(HttpStatusCode.Created, first);
            (await admin.PostJsonAsync($"/api/admin/users/{reviewer.Id}/memberships", new { organizationId = "example-province-justice", role = Roles.LegalityReviewer })
                .ExpectAsync(HttpStatusCode.Created, first)).Dispose();
            using (await first.SignInAsync("reviewer1", "Reviewer#2026"))
            {
            }

            Assert.Contains(first.ServerLog, line => line.Contains("First administrator created: root", StringComparison.Ordinal)
                && line.Contains("remove Bootstrap:AdministratorPassword", StringComparison.Ordinal));
            AssertNeverLogged(first, Password);
            Assert.DoesNotContain(first.ServerLog, line => line.Contains("Demo data enabled", StringComparison.Ordinal));
        }

        // Started again with the settings still there (even with another password): users exist, so nothing happens.
        await using var second = Production(database, Bootstrap(password: "Another#Password1"));
        second.StartServer();
        using var again = await second.SignInAsync("root", Password);
        var users = await again.GetAsync("/api/admin/users").ExpectAsync<List<AdminUserView>>(HttpStatusCode.OK, second);
        Assert.Equal(["reviewer1", "root"], users.Select(u => u.UserName));
        Assert.Contains(second.ServerLog, line => line.Contains("Bootstrap settings ignored: users exist already", StringComparison.Ordinal));
        AssertNeverLogged(second, Password);
        AssertNeverLogged(second, "Another#Password1");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Bootstrap_does_nothing_when_users_exist(DatabaseProvider provider)
    {
        // The demo county's users exist (seeded on this database before): the bootstrap settings are ignored.
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var demo = new ServerFactory(database))
        {
            demo.StartServer();
        }
        await using var server = Production(database, Bootstrap());
        server.StartServer();
        await server.WithDatabaseAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.UserName == "root"));
            Assert.False(await db.Organizations.AnyAsync(o => o.Id == "example-province"));
            Assert.Equal(DemoData.Users.Count, await db.Users.CountAsync());
            return 0;
        });
        Assert.Contains(server.ServerLog, line => line.Contains("Bootstrap settings ignored", StringComparison.Ordinal));
        Assert.DoesNotContain(server.ServerLog, line => line.Contains("No user exists", StringComparison.Ordinal));
        AssertNeverLogged(server, Password);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Bootstrap_uses_an_existing_government_and_refuses_an_organization_that_is_not_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var empty = Production(database, []))
        {
            empty.StartServer();
            await empty.WithDatabaseAsync(async db =>
            {
                db.Organizations.Add(new() { Id = "example-province", Name = "示例省人民政府（原有）", Kind = OrganizationKinds.Government });
                db.Organizations.Add(new() { Id = "example-bureau", Name = "示例省某厅", Kind = OrganizationKinds.Department, ParentId = "example-province" });
                return await db.SaveChangesAsync();
            });
        }

        await using (var wrong = Production(database, Bootstrap(organizationId: "example-bureau")))
        {
            var message = Messages(Assert.ThrowsAny<Exception>(wrong.StartServer));
            Assert.Contains("example-bureau, which is a department, not a government", message);
            Assert.DoesNotContain(Password, message);
        }
        Assert.Equal(0, await CountUsersAsync(database));

        await using var server = Production(database, Bootstrap());
        server.StartServer();
        using var admin = await server.SignInAsync("root", Password);
        var organizations = await admin.GetAsync("/api/admin/organizations").ExpectAsync<List<AdminOrganizationView>>(HttpStatusCode.OK, server);
        Assert.Equal(2, organizations.Count);
        Assert.Equal(("示例省人民政府（原有）", 2), organizations.Where(o => o.Id == "example-province").Select(o => (o.Name, o.Memberships)).Single());
        Assert.Contains(server.ServerLog, line => line.Contains("administrator of the existing government example-province", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Without_bootstrap_or_demo_the_log_says_how_to_create_the_first_administrator(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var server = Production(database, []);
        server.StartServer();

        var warning = Assert.Single(server.ServerLog, line => line.Contains("No user exists, so nobody can sign in", StringComparison.Ordinal));
        foreach (var key in new[] { "Bootstrap:AdministratorUserName", "Bootstrap:AdministratorPassword", "Bootstrap:OrganizationId", "Bootstrap:OrganizationName", "docs/configuration.md" })
        {
            Assert.Contains(key, warning);
        }
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Users.CountAsync()));
        // Nobody can sign in; the API says so plainly.
        using var client = server.CreateAnonymousClient();
        Assert.Equal("invalid-credentials", (await client.PostJsonAsync("/api/auth/login", new { userName = "admin", password = DemoData.Password })
            .ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Bootstrap_set_in_part_or_with_a_bad_id_stops_the_start_naming_the_keys(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var partial = Bootstrap();
        partial.Remove("Bootstrap:OrganizationId");
        partial.Remove("Bootstrap:OrganizationName");
        await using (var server = Production(database, partial))
        {
            var message = Messages(Assert.ThrowsAny<Exception>(server.StartServer));
            Assert.Contains("Bootstrap:OrganizationId", message);
            Assert.Contains("Bootstrap:OrganizationName", message);
            Assert.DoesNotContain("Bootstrap:AdministratorUserName", message);
            Assert.DoesNotContain(Password, message);
        }

        await using (var server = Production(database, Bootstrap(organizationId: "Example_Province")))
        {
            var message = Messages(Assert.ThrowsAny<Exception>(server.StartServer));
            Assert.Contains("Bootstrap:OrganizationId 'Example_Province'", message);
            Assert.DoesNotContain(Password, message);
        }
        await AssertEmptyAsync(database);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Demo_seed_in_production_stops_the_start_before_anything_is_created(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var server = Production(database, new() { ["environment"] = "Production", ["Demo:Seed"] = "true" }))
        {
            var message = Messages(Assert.ThrowsAny<Exception>(server.StartServer));
            Assert.Contains("Demo:Seed=true is refused in Production", message);
            Assert.Contains("Bootstrap:*", message);
        }
        await AssertEmptyAsync(database);
        await using var db = Open(database);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_weak_bootstrap_password_stops_the_start_with_identitys_messages_and_creates_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var server = Production(database, Bootstrap(password: "weakpassword")))
        {
            var message = Messages(Assert.ThrowsAny<Exception>(server.StartServer));
            var describer = new IdentityErrorDescriber();
            Assert.Contains(describer.PasswordRequiresDigit().Description, message);
            Assert.Contains(describer.PasswordRequiresUpper().Description, message);
            Assert.Contains(describer.PasswordRequiresNonAlphanumeric().Description, message);
            Assert.Contains("Nothing was created", message);
            Assert.DoesNotContain("weakpassword", message);
            AssertNeverLogged(server, "weakpassword");
        }
        // Not even the government: the organization, the user and the role are one transaction.
        await AssertEmptyAsync(database);

        // Fixed, the next start succeeds.
        await using var fixedServer = Production(database, Bootstrap());
        fixedServer.StartServer();
        using (await fixedServer.SignInAsync("root", Password))
        {
        }
    }

    /// <summary>A server as in production: demo seeding off, the given settings, everything from Information up in its log.</summary>
    private static ServerFactory Production(TestDatabase database, Dictionary<string, string?> settings)
    {
        var server = new ServerFactory(database) { LogLevel = LogLevel.Information };
        server.Settings["Demo:Seed"] = "false";
        foreach (var (key, value) in settings)
        {
            server.Settings[key] = value;
        }
        return server;
    }

    private static Dictionary<string, string?> Bootstrap(string password = Password, string organizationId = "example-province") => new()
    {
        ["Bootstrap:AdministratorUserName"] = "root",
        ["Bootstrap:AdministratorPassword"] = password,
        ["Bootstrap:OrganizationId"] = organizationId,
        ["Bootstrap:OrganizationName"] = "示例省人民政府",
    };

    private static void AssertNeverLogged(ServerFactory server, string secret) =>
        Assert.DoesNotContain(server.ServerLog, line => line.Contains(secret, StringComparison.Ordinal));

    private static WorkflowDbContext Open(TestDatabase database)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(builder, database.Options, contentRoot: Path.GetTempPath());
        return new WorkflowDbContext(builder.Options);
    }

    private static async Task<int> CountUsersAsync(TestDatabase database)
    {
        await using var db = Open(database);
        return await db.Users.CountAsync();
    }

    private static async Task AssertEmptyAsync(TestDatabase database)
    {
        await using var db = Open(database);
        // The failed start may have stopped before the migrations ran (options are validated first).
        if ((await db.Database.GetAppliedMigrationsAsync()).Any())
        {
            Assert.Equal(0, await db.Users.CountAsync());
            Assert.Equal(0, await db.Organizations.CountAsync());
            Assert.Equal(0, await db.Memberships.CountAsync());
        }
    }

    /// <summary>Every message in the exception and its inner exceptions: what an operator reads in the start-up log.</summary>
    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            messages.Add($"{current.GetType().Name}: {current.Message}");
            if (current is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
        return string.Join(Environment.NewLine, messages);
    }
}
