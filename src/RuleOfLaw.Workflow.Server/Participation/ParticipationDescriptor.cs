using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Public participation: consultations, comments, hearings, activities (第十四条至第十八条).</summary>
public sealed class ParticipationDescriptor : ModuleDescriptor
{
    public override string Name => "participation";

    public override IReadOnlyList<string> Steps => [ParticipationTerms.Step, ParticipationTerms.GroupStep];

    public override IReadOnlyList<string> ReadsSteps => ["collective-decision"];

    public override IReadOnlyList<Type> Guards => [typeof(ParticipationGuard)];

    public override IReadOnlyList<Type> ComplianceChecks => [typeof(ParticipationCompliance)];

    public override IReadOnlyList<Type> Timers => [typeof(ConsultationCloseTimer)];

    public override IReadOnlyList<string> Endpoints => ["/api/matters/{id}/consultations…", "/api/consultations…", "/api/public/consultations"];

    /// <summary>The drafting unit's step page: consultation, comments, responses, activities, completion.</summary>
    public override IReadOnlyList<(string Step, string Page)> StepPages =>
        [(ParticipationTerms.Step, "/Participation/Task"), (ParticipationTerms.GroupStep, "/Participation/Task")];

    public override IReadOnlyList<string> Pages => ["/Participation/Hearings", "/Public/Consultations", "/Public/Consultation", "/PublicForms/Comment"];

    public override IReadOnlyList<string> Tables => ["Consultations", "ConsultationComments", "CommentResponses", "ParticipationActivities", "Hearings"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddParticipation(configuration);

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapParticipationEndpoints();
}
