using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer;

/// <summary>
/// What <c>dotnet ef</c> uses to build the context: always SQL Server, because only SQL Server's migrations are
/// generated (SQLite and PostgreSQL share the hand-written ones one folder up). No connection is opened to add a
/// migration or script one; the placeholder connection string is never used. See docs/configuration.md, "SQL Server".
/// </summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(builder,
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=design-time-only;Database=unused" },
            contentRoot: Path.GetTempPath());
        return new WorkflowDbContext(builder.Options);
    }
}
