using System.Globalization;
using RuleOfLaw.Workflow.Texts;

namespace RuleOfLaw.Workflow.LegalityReview;

/// <summary>The legality review's texts (its refusals): <c>LegalityTexts.resx</c> (zh-CN) and <c>LegalityTexts.en.resx</c>.</summary>
public sealed class LegalityTexts : TextCatalog
{
    public static readonly LegalityTexts Catalog = new();

    private LegalityTexts() : base("legality-review")
    {
    }
}

/// <summary>A text another part wrote in both languages ("中文。English.", or a pair), shown in the reader's one.</summary>
public sealed record TwoLanguages(string Chinese, string English) : IReaderText
{
    public static TwoLanguages Of(string bilingual)
    {
        var (zh, en) = BilingualText.Split(bilingual);
        return zh.Length == 0 || en.Length == 0 ? new(bilingual, bilingual) : new(zh, en);
    }

    public string ToText(CultureInfo culture) => TextCatalog.IsChinese(culture) ? Chinese : English;
}
