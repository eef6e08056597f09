using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Record;

namespace RuleOfLaw.Workflow.Tests.Record;

/// <summary>Who reads a government's record (第三十八条至第四十一条) and keeps its catalogue (第十条), as refusals, without a server.</summary>
public sealed class RecordAccessTests
{
    private static Actor Holding(string organization, string role) => new("u", "张三", new HashSet<Membership> { new(organization, role) });

    private static void Forbidden(Refusal? refusal, string article)
    {
        Assert.NotNull(refusal);
        Assert.Equal(("forbidden", RefusalClass.Forbidden, article), (refusal.Code, refusal.Class, refusal.Article));
        Assert.NotEqual(refusal.TextIn(TextCatalog.English), refusal.TextIn(TextCatalog.Chinese));
    }

    [Fact]
    public void The_record_is_read_by_the_organs_leaders_its_legality_reviewers_its_administrators_and_the_operators()
    {
        Forbidden(RecordAccess.Supervise(Holding("drafting-unit", Roles.DraftingOfficer), "gov", ["justice"]), "第三十八条至第四十一条");
        Forbidden(RecordAccess.Supervise(Holding("other-justice", Roles.LegalityReviewer), "gov", ["justice"]), "第三十八条至第四十一条");
        Assert.Null(RecordAccess.Supervise(Holding("gov", Roles.ChiefExecutive), "gov", ["justice"]));
        Assert.Null(RecordAccess.Supervise(Holding("gov", Roles.MeetingMember), "gov", ["justice"]));
        Assert.Null(RecordAccess.Supervise(Holding("justice", Roles.LegalityReviewer), "gov", ["justice"]));
        Assert.Null(RecordAccess.Supervise(Holding("gov", Roles.Administrator), "gov", []));
        // Another government's administrator does not (issue 16 item 2); an operator, wherever the role is held, does.
        Forbidden(RecordAccess.Supervise(Holding("other-gov", Roles.Administrator), "gov", []), "第三十八条至第四十一条");
        Assert.Null(RecordAccess.Supervise(Holding("anywhere", Roles.Operator), "gov", []));
    }

    [Fact]
    public void One_who_belongs_to_no_government_is_refused_the_figures_in_both_languages()
    {
        var refusal = RecordAccess.NoGovernment();
        Forbidden(refusal, "第三十八条至第四十一条");
        Assert.Contains("no government", refusal.TextIn(TextCatalog.English), StringComparison.Ordinal);
        Assert.Contains("不属于任何人民政府", refusal.TextIn(TextCatalog.Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalogue_is_kept_by_the_general_office_and_the_chief_executive_and_linked_by_the_drafting_unit_too()
    {
        Forbidden(RecordAccess.ManageCatalogue(Holding("gov", Roles.MeetingMember), "gov", ["office"]), "第十条");
        Forbidden(RecordAccess.ManageCatalogue(Holding("other-office", Roles.MeetingSecretary), "gov", ["office"]), "第十条");
        Assert.Null(RecordAccess.ManageCatalogue(Holding("office", Roles.MeetingSecretary), "gov", ["office"]));
        Assert.Null(RecordAccess.ManageCatalogue(Holding("gov", Roles.ChiefExecutive), "gov", ["office"]));
        Assert.Null(RecordAccess.ManageCatalogue(Holding("gov", Roles.Administrator), "gov", ["office"]));
        Forbidden(RecordAccess.ManageCatalogue(Holding("other-gov", Roles.Administrator), "gov", ["office"]), "第十条");
        Assert.Null(RecordAccess.ManageCatalogue(Holding("anywhere", Roles.Operator), "gov", ["office"]));
        Forbidden(RecordAccess.LinkToCatalogue(draftsTheMatter: false, keepsTheCatalogue: false), "第十条");
        Assert.Null(RecordAccess.LinkToCatalogue(draftsTheMatter: true, keepsTheCatalogue: false));
        Assert.Null(RecordAccess.LinkToCatalogue(draftsTheMatter: false, keepsTheCatalogue: true));
    }
}
