using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Auth;

public sealed record LoginRequest([property: Required, MaxLength(256)] string UserName, [property: Required, MaxLength(256)] string Password);

public sealed record MembershipView(string OrganizationId, string OrganizationName, string Role, string RoleName);

public sealed record MeView(string Id, string UserName, string DisplayName, IReadOnlyList<MembershipView> Memberships);

public sealed record CreateTokenRequest([property: Required, MaxLength(200)] string Name, [property: Range(1, 3650)] int? ExpiresInDays);

public sealed record TokenView(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

public sealed record CreatedTokenView(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Authentication");

        auth.MapPost("/login", async (LoginRequest request, PasswordSignIn signIn, HttpContext http, WorkflowDbContext db, CancellationToken ct) =>
        {
            var outcome = await signIn.SignInAsync(request.UserName, request.Password, http, ct);
            if (outcome.User is { } user)
            {
                // The signed-in user, organizations and roles, as /api/me answers: a script needs no second call.
                return Results.Ok(await MeAsync(db, user.Id, ct));
            }
            if (outcome.RetryAfter is { } wait)
            {
                http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiProblem.Refused(ProblemTexts.Catalog.Refuse(RefusalClass.TooManyRequests, "rate-limited.sign-in", null));
            }
            // One answer for an unknown name, a wrong password, a locked account and an account to wait for (PasswordSignIn).
            return InvalidCredentials();
        }).AllowAnonymous().WithSummary("Sign in with a password (sets the session cookie); answers the signed-in user, organizations and roles")
            .Produces<MeView>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        }).WithSummary("Sign out");

        app.MapGet("/api/me", async (CurrentActor current, WorkflowDbContext db, CancellationToken ct) => Results.Ok(await MeAsync(db, current.UserId, ct)))
            .WithTags("Authentication").WithSummary("The signed-in user and their roles per organization").Produces<MeView>();

        var tokens = app.MapGroup("/api/tokens").WithTags("API tokens");

        tokens.MapPost("/", async (CreateTokenRequest request, CurrentActor current, WorkflowDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var secret = ApiTokenHasher.NewToken();
            var now = clock.GetUtcNow();
            var token = new ApiToken
            {
                Id = Guid.NewGuid(),
                UserId = current.UserId,
                Name = request.Name,
                TokenHash = ApiTokenHasher.Hash(secret),
                Prefix = secret[..12],
                CreatedAt = now,
                ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
            };
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(ct);
            return Results.Json(new CreatedTokenView(token.Id, token.Name, secret, token.ExpiresAt), statusCode: StatusCodes.Status201Created);
        }).WithSummary("Create an API token for the signed-in user (the secret is shown only in this response)");

        tokens.MapGet("/", async (CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
        {
            var userId = current.UserId;
            var list = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
            return Results.Ok(list.OrderByDescending(t => t.CreatedAt)
                .Select(t => new TokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToList());
        }).WithSummary("List my API tokens");

        tokens.MapDelete("/{id:guid}", async (Guid id, CurrentActor current, WorkflowDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var userId = current.UserId;
            var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct);
            if (token is null)
            {
                return ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.token"));
            }
            token.RevokedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        }).WithSummary("Revoke one of my API tokens");
    }

    /// <summary>The one refusal of a sign-in: the same status and body whatever the reason.</summary>
    public static IResult InvalidCredentials() =>
        ApiProblem.Refused(ProblemTexts.Catalog.Refuse(RefusalClass.Unauthenticated, "invalid-credentials", null));

    public static IServiceCollection AddSignInProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection(SignInOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // Scoped: its counts are rows in the database, shared by every node (SignInThrottle).
        services.AddScoped<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<DecoyPasswordHash>();
        return services;
    }

    private static async Task<MeView> MeAsync(WorkflowDbContext db, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m.OrganizationId, o.Name, m.Role })
            .ToListAsync(ct);
        return new MeView(user.Id, user.UserName!, user.DisplayName,
            memberships.Select(m => new MembershipView(m.OrganizationId, m.Name, m.Role, Roles.All.FirstOrDefault(r => r.Id == m.Role)?.Name ?? m.Role)).ToList());
    }
}
