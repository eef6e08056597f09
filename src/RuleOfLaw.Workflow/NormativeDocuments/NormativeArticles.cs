namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>
/// The sources of the normative-document rules (shared/domain/normative-documents.md), named as refusals and
/// journal entries cite them. National documents set the principles; the numbers marked "setting" there come from
/// the jurisdiction file (<see cref="Jurisdictions.NormativeDocumentSettings"/>), whose own article text is cited.
/// </summary>
public static class NormativeArticles
{
    /// <summary>国办发〔2018〕37号 ("Notice 37").</summary>
    public const string Notice37 = "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）";

    /// <summary>国办发〔2018〕115号 ("Opinion 115").</summary>
    public const string Opinion115 = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）";

    /// <summary>What the drafting unit submits for the legality review: the draft, the legal bases, the consultation record.</summary>
    public const string ReviewPackage = Opinion115 + "：起草单位报送合法性审核，提供文件送审稿、制定依据和征求意见情况等材料";

    /// <summary>Who may issue: coordination bodies, temporary bodies and internal divisions may not.</summary>
    public const string IssuingEntities = Notice37 + "“严格确定制定主体”：议事协调机构、临时机构、内设机构不得制发行政规范性文件";

    /// <summary>Each government publishes the list of entities that may issue (制定主体清单).</summary>
    public const string IssuingEntityList = Notice37 + "及本级行政规范性文件管理办法：制定主体清单向社会公布，清单外主体不得制发";

    /// <summary>What may not be in a normative document (the legality review's checklist).</summary>
    public const string ForbiddenContent = Notice37 + "“严禁越权发文”；" + Opinion115 + "“明确审核范围”";

    /// <summary>Not reviewed, or found unlawful: not to be put to collective deliberation.</summary>
    public const string NoDeliberationWithoutReview = Notice37 + "：未经合法性审核或者经审核不合法的，不得提交集体审议";

    /// <summary>Collective deliberation: the government's executive meeting, the department's office meeting.</summary>
    public const string CollectiveDeliberation = Notice37 + "“严格落实集体审议制度”";

    /// <summary>Registered, numbered and issued uniformly; unpublished documents are no basis for administration.</summary>
    public const string UniformRegistration = Notice37 + "“统一登记、统一编号、统一印发”";

    /// <summary>An unpublished document may not be used as a basis for administration.</summary>
    public const string PublicationRequired = Notice37 + "：未经公布的行政规范性文件不得作为行政管理依据";

    /// <summary>Filing and review: 有件必备、有备必审、有错必纠.</summary>
    public const string Filing = Notice37 + "“有件必备、有备必审、有错必纠”";

    /// <summary>Citizens and organizations may submit review suggestions on filed documents.</summary>
    public const string ReviewSuggestion = Notice37 + "：公民、法人和其他组织认为行政规范性文件违法的，可以向备案机关提出审查建议";

    /// <summary>Clean-up: whoever issues cleans up (谁制定谁清理).</summary>
    public const string CleanUp = Notice37 + "“谁制定谁清理”，清理结果向社会公布";
}
