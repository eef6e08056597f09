using System.Text.Json;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// JSON the server wrote itself (journal data, task form data) read back: text that does not parse is corrupt data,
/// and says so (<see cref="InvalidDataException"/>, answered 500 and logged), instead of reading as "nothing recorded".
/// </summary>
public static class StoredJson
{
    public static JsonDocument Parse(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Stored {what} is not valid JSON ({e.Message}): {(json.Length > 200 ? json[..200] + "…" : json)}", e);
        }
    }
}
