using System.Text.Json;
using System.Text.Json.Serialization;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>The one JSON shape of <see cref="InstanceState"/>, used for storage and for the engine's copy-on-decide.</summary>
public static class InstanceStateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options) ?? throw new JsonException("The instance state is empty.");

    public static InstanceState Copy(InstanceState state) => Deserialize(Serialize(state));
}
