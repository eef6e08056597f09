using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Meetings;

/// <summary>Drives a matter to the points the meeting and after-decision tests start from.</summary>
public static class DecisionScenario
{
    /// <summary>A new matter (no attributes unless given) with its <c>meeting-scheduling</c> task open.</summary>
    public static async Task<InstanceView> ToSchedulingAsync(ProcedureDriver driver, IReadOnlyDictionary<string, bool>? attributes = null, Guid? matterId = null)
    {
        var instance = matterId is { } id ? await driver.StartAsync(id) : await driver.StartNewAsync(attributes);
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        if (attributes?.GetValueOrDefault("stabilityRisk") == true)
        {
            await driver.CompleteAsync(instance.Id, "risk-assessment", "controllable");
        }
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        await driver.AdvanceFromSubmissionToReviewAsync(instance.Id);
        return await driver.CompleteAsync(instance.Id, "legality-review", "lawful");
    }

    /// <summary>Approved at a meeting and reported to the Party committee: publication, filing and archiving open.</summary>
    public static async Task<InstanceView> ToIssuedAsync(ProcedureDriver driver, IReadOnlyDictionary<string, bool>? attributes = null, DateTimeOffset? issueAt = null)
    {
        var instance = await ToSchedulingAsync(driver, attributes);
        if (issueAt is { } at)
        {
            driver.MoveClockTo(at);
        }
        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(instance.Id, "collective-decision", "approved");
        return await driver.CompleteAsync(instance.Id, "party-committee-report", "reported");
    }
}
