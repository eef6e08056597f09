using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Tests.TestSupport;

/// <summary>Assertions on a rule's refusal: its code, article and class, and that both languages have its text.</summary>
public static class Refusals
{
    public static Refusal Refused(Refusal? refusal, string code, string? article, RefusalClass kind)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, article, (RefusalClass?)kind), (refusal.Code, refusal.Article, refusal.Class));
        Assert.False(string.IsNullOrWhiteSpace(refusal.TextIn(TextCatalog.Chinese)));
        Assert.False(string.IsNullOrWhiteSpace(refusal.TextIn(TextCatalog.English)));
        return refusal;
    }
}
