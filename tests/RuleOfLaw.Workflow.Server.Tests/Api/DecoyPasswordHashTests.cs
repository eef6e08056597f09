using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data.Entities;
using Xunit;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// An unknown name costs what a wrong password costs (PasswordSignIn): the decoy hash it checks is made with the
/// configured work factor, not the library's default. No server: the service and Identity's hasher alone.
/// </summary>
public sealed class DecoyPasswordHashTests
{
    [Theory]
    [InlineData(1_000)]
    [InlineData(210_000)]
    public void The_decoy_hash_has_the_configured_work_factor(int iterations)
    {
        var services = new ServiceCollection();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations);
        services.AddScoped<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
        services.AddSingleton<DecoyPasswordHash>();
        using var provider = services.BuildServiceProvider();

        var decoy = provider.GetRequiredService<DecoyPasswordHash>().Value;

        // Identity's version 3 format: marker 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), salt, subkey.
        var bytes = Convert.FromBase64String(decoy);
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(iterations, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5, 4)));
        Assert.Same(decoy, provider.GetRequiredService<DecoyPasswordHash>().Value);
    }
}
