using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>The legality review package's materials (Opinion 115: the draft, the legal bases, the consultation record).</summary>
public sealed class ReviewPackageTests
{
    [Fact]
    public void A_package_with_a_draft_legal_bases_and_its_due_consultation_lacks_nothing()
    {
        Assert.Empty(ReviewPackageMaterials.Missing(["explanation", "draft"], ["《政府投资条例》"], consultationRequired: true, consultations: 1));
        // No consultation was due: none is missing.
        Assert.Empty(ReviewPackageMaterials.Missing(["draft"], ["《政府投资条例》"], consultationRequired: false, consultations: 0));
    }

    [Fact]
    public void Each_missing_material_is_named_in_the_order_of_the_list()
    {
        Assert.Equal([ReviewPackageMaterials.Draft, ReviewPackageMaterials.LegalBases, ReviewPackageMaterials.ConsultationRecord],
            ReviewPackageMaterials.Missing(["explanation"], [" "], consultationRequired: true, consultations: 0));
        Assert.Equal([ReviewPackageMaterials.Draft], ReviewPackageMaterials.Missing([], ["《政府投资条例》"], consultationRequired: false, consultations: 0));
        Assert.Contains("国办发〔2018〕115号", LegalityReviewPackage.Article);
    }

    [Fact]
    public void A_package_lacking_a_material_refuses_the_submission_naming_each_one_and_citing_Opinion_115()
    {
        Assert.Empty(ReviewPackageMaterials.Check([]));
        var refusals = ReviewPackageMaterials.Check([ReviewPackageMaterials.Draft, ReviewPackageMaterials.ConsultationRecord]);
        Assert.Equal(["review-package-incomplete", "review-package-incomplete"], refusals.Select(r => r.Code));
        Assert.All(refusals, r => Assert.Equal((RefusalClass.Conflict, LegalityReviewPackage.Article), (r.Class, r.Article)));
        Assert.Equal([ReviewPackageMaterials.Draft, ReviewPackageMaterials.ConsultationRecord], refusals.Select(r => r.Arg("material")));
        Assert.Contains("文件送审稿", refusals[0].Message);
        Assert.Contains("no draft", refusals[0].TextIn(TextCatalog.English));
        Assert.Contains("征求意见情况", refusals[1].Message);
        Assert.Contains("no consultation", refusals[1].TextIn(TextCatalog.English));
        Assert.Contains("制定依据", Assert.Single(ReviewPackageMaterials.Check([ReviewPackageMaterials.LegalBases])).Message);
    }
}
