using System.Globalization;

namespace RuleOfLaw.Workflow.Engine.Texts;

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
