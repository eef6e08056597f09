using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Data;

public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }

/// <summary>Configuration section <c>Database</c>: which provider and where (docs/configuration.md).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, empty means <c>data/rule-of-law.db</c> under the content root, created on first run.</summary>
    public string? ConnectionString { get; set; }

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
