namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Sizes of what people may send (also the column lengths).</summary>
public static class ParticipationLimits
{
    public const int CommentLength = 5000;
    public const int ReasonLength = 2000;
    public const int SummaryLength = 10_000;
    public const int DraftLength = 200_000;
}
