using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RuleOfLaw.Workflow.Server.Cluster;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>
/// The server's hand-written SQL Server statements, checked offline in every run (there is no SQL Server here): parsed
/// by Microsoft's T-SQL parser, and their table, columns and parameters compared with the SQL Server model and with
/// what the code binds. This catches a syntax error, a misspelt or renamed column and a missing lock hint; it does not
/// prove the statement behaves under concurrency on a live server (the [SqlServerData] tests do that where
/// ROLW_TEST_SQLSERVER names one; docs/operations.md says it has not been run).
/// </summary>
public sealed class SqlServerStatementTests
{
    /// <summary>
    /// The rate-limit upsert (<see cref="SharedRateLimiter.UpsertSql"/>), used by the shared comment limits and the
    /// sign-in throttle: one MERGE on <c>RateLimitWindows</c> matching on its primary key, under HOLDLOCK (without it two
    /// first requests of a window both take the NOT MATCHED branch and one fails on the key), returning the new count.
    /// </summary>
    [Fact]
    public void The_rate_limit_upsert_is_one_T_SQL_MERGE_on_the_modelled_table_under_HOLDLOCK()
    {
        var sql = SharedRateLimiter.UpsertSql(sqlServer: true);
        var script = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")));
        var merge = Assert.IsType<MergeStatement>(Assert.Single(Assert.Single(script.Batches).Statements));
        var specification = merge.MergeSpecification;

        using var context = MigratedSchemaMatchesModelTests.CreateContext(MigratedSchemaMatchesModelTests.OfflineOptions(DatabaseProvider.SqlServer));
        var table = context.Model.GetRelationalModel().Tables.Single(t => t.Name == "RateLimitWindows");
        var target = Assert.IsType<NamedTableReference>(specification.Target);
        Assert.Equal(table.Name, target.SchemaObject.BaseIdentifier.Value);
        Assert.Contains(target.TableHints, h => h.HintKind == TableHintKind.HoldLock);

        // Every column it names is a column of the table; it matches on exactly the primary key's columns.
        var columns = new ColumnNames();
        merge.Accept(columns);
        var modelled = table.Columns.Select(c => c.Name).ToHashSet();
        Assert.All(columns.Names, name => Assert.Contains(name, modelled));
        var matchedOn = new ColumnNames();
        specification.SearchCondition.Accept(matchedOn);
        Assert.Equal(table.PrimaryKey!.Columns.Select(c => c.Name).Order(), matchedOn.Names.Distinct().Order());

        // One update and one insert branch; the new count comes back in the OUTPUT clause.
        Assert.Contains(specification.ActionClauses, a => a.Condition == MergeCondition.Matched && a.Action is UpdateMergeAction);
        Assert.Contains(specification.ActionClauses, a => a.Condition == MergeCondition.NotMatched && a.Action is InsertMergeAction);
        var output = Assert.Single(Assert.IsType<OutputClause>(specification.OutputClause).SelectColumns);
        var returned = Assert.IsType<ColumnReferenceExpression>(Assert.IsType<SelectScalarExpression>(output).Expression);
        Assert.Equal(["inserted", "Count"], returned.MultiPartIdentifier.Identifiers.Select(i => i.Value));

        // The parameters are the ones SharedRateLimiter.CountAsync binds.
        var variables = new VariableNames();
        merge.Accept(variables);
        Assert.Equal(["@n", "@p", "@w"], variables.Names.Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>The last part of every column reference (<c>t.[Count]</c> → Count), pseudo-columns such as <c>inserted.</c> included.</summary>
    private sealed class ColumnNames : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.MultiPartIdentifier is { } name)
            {
                Names.Add(name.Identifiers[^1].Value);
            }
        }
    }

    private sealed class VariableNames : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(VariableReference node) => Names.Add(node.Name);
    }
}
