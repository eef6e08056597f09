using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// One data-protection key ring for every node (issue 18): the keys that encrypt session cookies and sign form
/// (antiforgery) tokens live in the application database (table <c>DataProtectionKeys</c>), each encrypted under the
/// deployment key ring (<see cref="KeyRingXmlEncryptor"/>). A cookie or form token issued by one server is then
/// accepted by every other, and a restart signs nobody out. Rotation: docs/operations.md, "Several servers".
/// </summary>
public static class DataProtectionRegistration
{
    /// <summary>
    /// Fixed, so that nodes installed in different directories share their keys: by default Data Protection isolates
    /// applications by their content root path.
    /// </summary>
    public const string ApplicationName = "RuleOfLaw.Workflow";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<WorkflowDbContext>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new KeyRingXmlEncryptor(sp.GetRequiredService<KeyRing>())));
        return services;
    }

    /// <summary>
    /// Reads every stored key at start-up, after the migrations, and stops the start when one cannot be decrypted (a
    /// node given another key ring file): Data Protection itself would skip such a key and make a new one, so this node
    /// would reject every other node's cookies. Then protects once, which creates the first key on a new database.
    /// </summary>
    public static void LoadKeyRing(IServiceProvider services, DateTimeOffset now)
    {
        foreach (var key in services.GetRequiredService<IKeyManager>().GetAllKeys().Where(k => !k.IsRevoked && k.ExpirationDate > now))
        {
            try
            {
                _ = key.Descriptor;
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"Data-protection key {key.KeyId} (table DataProtectionKeys) cannot be read with this node's key ring (Crypto:KeyRingFile): " +
                    "every node must use the same key ring file (docs/operations.md, \"Several servers\"). " + e.Message, e);
            }
        }
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("RuleOfLaw.Workflow.Startup").Protect([1]);
    }
}
