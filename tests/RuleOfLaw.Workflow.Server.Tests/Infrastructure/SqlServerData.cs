using System.Reflection;
using RuleOfLaw.Workflow.Server.Data;
using Xunit.Sdk;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// Adds a SQL Server row to a provider theory (next to <c>[ClassData(typeof(Providers))]</c>). No SQL Server runs on
/// the project's machines, so unless <c>ROLW_TEST_SQLSERVER</c> names one the row is reported as skipped, with that
/// reason, never as passed (xunit reads <see cref="DataAttribute.Skip"/> from the attribute instance).
/// </summary>
[DataDiscoverer("Xunit.Sdk.DataDiscoverer", "xunit.core")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SqlServerDataAttribute : DataAttribute
{
    public const string SkipReason =
        "No SQL Server to test against: set " + TestDatabase.SqlServerVariable + " to an administrator connection string to run this on SQL Server.";

    public SqlServerDataAttribute()
    {
        if (!TestDatabase.SqlServerConfigured)
        {
            Skip = SkipReason;
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.SqlServer]];
}
