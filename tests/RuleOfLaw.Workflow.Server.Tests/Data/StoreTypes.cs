using System.Globalization;
using System.Text.RegularExpressions;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Tests.Data;

/// <summary>
/// One spelling per store type, so EF's <c>IColumn.StoreType</c> and what the database reports compare equal exactly
/// when they are the same type.
/// </summary>
/// <remarks>
/// <para>PostgreSQL: the database side is read with <c>format_type(atttypid, atttypmod)</c>, which is already the
/// canonical long form with the length modifier (<c>character varying(200)</c>, <c>timestamp with time zone</c>,
/// <c>uuid</c>, <c>text</c>, <c>integer</c>, <c>bigint</c>, <c>boolean</c>) — the same information as
/// information_schema's <c>data_type</c> + <c>character_maximum_length</c>, but without information_schema's
/// ambiguity for timestamps (it reports precision 6 whether or not one was declared). Npgsql's type mapping also
/// produces the long form; the aliases below only matter if someone writes <c>HasColumnType("varchar(20)")</c>.</para>
/// <para>SQLite: the database keeps the declared type text verbatim (pragma_table_info <c>type</c>), and EF declares
/// <c>TEXT</c>, <c>INTEGER</c>, <c>REAL</c>, <c>BLOB</c>; type names are case-insensitive there, so both sides are
/// upper-cased. SQLite has no length limits: EF maps a string with HasMaxLength(200) to plain <c>TEXT</c>, so on SQLite
/// a wrong maxLength in the migration is invisible (and harmless); the PostgreSQL run catches it.</para>
/// </remarks>
public static partial class StoreTypes
{
    public static string Normalize(DatabaseProvider provider, string storeType) => provider switch
    {
        DatabaseProvider.Sqlite => Whitespace().Replace(storeType.Trim(), " ").ToUpperInvariant(),
        DatabaseProvider.PostgreSql => NormalizePostgres(storeType),
        DatabaseProvider.SqlServer => NormalizeSqlServer(storeType),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// SQL Server: EF writes <c>nvarchar(200)</c>, <c>nvarchar(max)</c>, <c>datetimeoffset</c>, <c>uniqueidentifier</c>,
    /// <c>bit</c>, <c>int</c>, <c>bigint</c>, <c>date</c>; <see cref="SqlServerSchemaReader"/> rebuilds the same spelling from
    /// sys.columns (type name, and the length in characters, -1 for max). Lower case, no spaces.
    /// </summary>
    private static string NormalizeSqlServer(string storeType)
    {
        var type = Whitespace().Replace(storeType.Trim().ToLowerInvariant(), "");
        return type switch
        {
            "datetimeoffset(7)" => "datetimeoffset",
            "datetime2(7)" => "datetime2",
            "time(7)" => "time",
            "integer" => "int",
            _ => type,
        };
    }

    private static string NormalizePostgres(string storeType)
    {
        var type = Whitespace().Replace(storeType.Trim().ToLowerInvariant(), " ");
        type = SpaceBeforeParenthesis().Replace(type, "(");
        type = SpaceInsideParentheses().Replace(type, m => m.Value.Replace(" ", "", StringComparison.Ordinal));
        var arraySuffix = "";
        while (type.EndsWith("[]", StringComparison.Ordinal))
        {
            arraySuffix += "[]";
            type = type[..^2].TrimEnd();
        }
        var match = TypeWithModifier().Match(type);
        if (match.Success)
        {
            var name = match.Groups["name"].Value;
            var modifier = match.Groups["modifier"].Value;
            var tail = match.Groups["tail"].Value;
            type = (name, tail) switch
            {
                ("varchar", "") => $"character varying{modifier}",
                ("char" or "bpchar", "") => $"character{modifier}",
                ("decimal", "") => $"numeric{modifier}",
                ("varbit", "") => $"bit varying{modifier}",
                ("timestamptz", "") => $"timestamp{modifier} with time zone",
                ("timestamp", "") => $"timestamp{modifier} without time zone",
                ("timetz", "") => $"time{modifier} with time zone",
                ("time", "") => $"time{modifier} without time zone",
                _ => type,
            };
        }
        type = type switch
        {
            "int" or "int4" => "integer",
            "int2" => "smallint",
            "int8" => "bigint",
            "bool" => "boolean",
            "float8" => "double precision",
            "float4" => "real",
            _ => type,
        };
        return type + arraySuffix;
    }

    /// <summary>How an EF default or a database default reads in a difference message.</summary>
    public static string DescribeDefault(object? value) => value switch
    {
        null => "none",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+\(")]
    private static partial Regex SpaceBeforeParenthesis();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex SpaceInsideParentheses();

    /// <summary>A bare type name, an optional <c>(n)</c> / <c>(p,s)</c> modifier, and what follows it.</summary>
    [GeneratedRegex(@"^(?<name>[a-z_][a-z0-9_]*)(?<modifier>\([0-9,]+\))?(?<tail>.*)$")]
    private static partial Regex TypeWithModifier();
}
