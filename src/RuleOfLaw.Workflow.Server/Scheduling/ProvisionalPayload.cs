using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>The payload of a <see cref="TimerRowStatus.Provisional"/> row: the year it waits for and its earliest end.</summary>
public sealed record ProvisionalPayload(int CalendarYear, DateTimeOffset AtLeast)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(ProvisionalEnd end) => JsonSerializer.Serialize(new ProvisionalPayload(end.Year, end.AtLeast), Options);

    /// <summary>Null for a payload that is not one (never written by this code; read defensively).</summary>
    public static ProvisionalPayload? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ProvisionalPayload>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
