using Microsoft.AspNetCore.Identity;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>
/// A hash of nothing anyone knows, made once per process by the configured <see cref="IPasswordHasher{TUser}"/>, so
/// that checking a password against it costs what checking a real one costs: the same work factor
/// (<see cref="PasswordHasherOptions.IterationCount"/>) as the users' hashes, whatever it is configured to.
/// </summary>
public sealed class DecoyPasswordHash(IServiceProvider services)
{
    private readonly Lazy<string> _hash = new(() =>
    {
        using var scope = services.CreateScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>();
        return hasher.HashPassword(new AppUser { DisplayName = "" }, Guid.NewGuid().ToString("N"));
    });

    public string Value => _hash.Value;
}
