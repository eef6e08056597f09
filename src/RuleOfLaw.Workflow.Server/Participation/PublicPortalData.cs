using Microsoft.EntityFrameworkCore;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>A document of a consultation as the public page lists it (no public download yet: by name only).</summary>
public sealed record PublicDocumentItem(string Title, string FileName, int Version);

/// <summary>
/// One consultation as its public page shows it: the API's public view (<see cref="PublicConsultationView"/>), the
/// organ, the jurisdiction's time zone, the documents by name, once published the feedback report, and the number of
/// comments received so far
/// (<see cref="ParticipationQueries.PublicPageAsync"/>).
/// </summary>
public sealed record PublicConsultationPage(
    PublicConsultationView View, string Organ, string? OrganEn, string TimeZone, IReadOnlyList<PublicDocumentItem> Documents, FeedbackView? Feedback,
    int CommentCount);

/// <summary>The jurisdiction's time zone of a matter for the portal (also read by the after-decision module's public pages).</summary>
public static class PublicParticipation
{
    /// <summary>The time zone of the matter's jurisdiction as its procedure started with it, else the server's.</summary>
    internal static async Task<string> ZoneAsync(Data.WorkflowDbContext db, Engine.Calendar.DeadlineCalculator deadlines, Guid matterId, CancellationToken ct)
    {
        var json = await db.Instances.AsNoTracking().Where(i => i.MatterId == matterId).Select(i => i.StateJson).SingleOrDefaultAsync(ct);
        return (json is null ? null : Engine.Execution.InstanceStateJson.Deserialize(json).Jurisdiction?.TimeZone) ?? deadlines.TimeZone.Id;
    }
}
