using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Calendar;

namespace RuleOfLaw.Workflow.Engine.Tests.Calendar;

public sealed class DayCountingJsonTests
{
    [Theory]
    [InlineData(DayCounting.Calendar, "\"calendar\"")]
    [InlineData(DayCounting.WorkingDays, "\"workingDays\"")]
    public void Json_names_are_stable(DayCounting counting, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(counting));
        Assert.Equal(counting, JsonSerializer.Deserialize<DayCounting>(json));
    }
}
