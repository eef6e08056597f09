namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// The domain commands that complete the meeting steps, as the definition names them in <c>completedBy</c>
/// (<c>meeting-scheduling</c>, <c>collective-decision</c> from version 4): the engine refuses any other completion of
/// those steps with <c>use-meeting-agenda</c> / <c>use-meeting-record</c> and the step's article.
/// </summary>
public static class MeetingCommands
{
    /// <summary>Putting the matter on a meeting's agenda, every gate checked and the materials assembled (第二十五条、第二十九条).</summary>
    public const string Agenda = "meeting-agenda";

    /// <summary>Recording the head's decision after every present member has spoken (第三十条).</summary>
    public const string Record = "meeting-record";
}
