using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RuleOfLaw.Workflow.Server.Data;

/// <summary>
/// EF's view of the migrations in this assembly, narrowed to the active provider's set: on SQL Server the migrations
/// and model snapshot in <see cref="SqlServerNamespace"/>, on SQLite and PostgreSQL the hand-written ones in
/// <see cref="NeutralNamespace"/> (which have no snapshot).
/// </summary>
/// <remarks>
/// Why two sets: the hand-written migrations name no store types and leave each column's type to the provider's
/// mapping of the CLR type. Without a target model, SQL Server maps a string key column with no length to
/// <c>nvarchar(max)</c>, which cannot be a key or be indexed, so those migrations cannot build a SQL Server schema.
/// EF's default lookup takes every migration attributed to the context, whatever its namespace; this one takes only
/// the provider's, so <c>dotnet ef migrations add</c> (with the SQL Server design-time factory) sees the SQL Server
/// snapshot and history only. Written against the public <see cref="IMigrationsAssembly"/> contract rather than by
/// deriving from EF's internal MigrationsAssembly.
/// </remarks>
public sealed class ProviderMigrationsAssembly(ICurrentDbContext currentContext, IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    public const string NeutralNamespace = "RuleOfLaw.Workflow.Server.Data.Migrations";
    public const string SqlServerNamespace = "RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer";

    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotLoaded;

    public Assembly Assembly => typeof(WorkflowDbContext).Assembly;

    private string Namespace =>
        currentContext.Context.Database.IsSqlServer() ? SqlServerNamespace : NeutralNamespace;

    private Type ContextType => currentContext.Context.GetType();

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= LoadMigrations();

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotLoaded)
            {
                var type = OwnTypes().SingleOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)));
                _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
                _snapshotLoaded = true;
            }
            return _snapshot;
        }
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(idGenerator.IsValidId(nameOrId)
            ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private SortedList<string, TypeInfo> LoadMigrations()
    {
        var result = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in OwnTypes().Where(t => t.IsSubclassOf(typeof(Migration))))
        {
            var id = type.GetCustomAttribute<MigrationAttribute>()?.Id
                ?? throw new InvalidOperationException($"Migration {type.FullName} has no [Migration] attribute.");
            result.Add(id, type);
        }
        return result;
    }

    /// <summary>Concrete types of this provider's namespace (exactly; not nested namespaces) attributed to our context.</summary>
    private IEnumerable<TypeInfo> OwnTypes() =>
        Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && t.Namespace == Namespace
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == ContextType);
}
