using System.Globalization;

namespace RuleOfLaw.Workflow.Engine.Texts;

/// <summary>
/// The texts written before the catalogs, "中文。English." in one string (and titles "中文 / English"), read in one
/// language: the Chinese part runs to the last Chinese character or punctuation mark, the English part is the rest.
/// A module moves its texts into its <see cref="TextCatalog"/>; until then this keeps its messages usable by a client
/// that asked for one language.
/// </summary>
/// <remarks>
/// A heuristic with a known limit: an English part that quotes a Chinese name splits at that name. Nothing is lost —
/// a text that does not split cleanly (one side empty) is returned whole.
/// </remarks>
public static class BilingualText
{
    public static string Pick(string text, CultureInfo culture)
    {
        var (chinese, english) = Split(text);
        if (chinese.Length == 0 || english.Length == 0)
        {
            return text;
        }
        return TextCatalog.IsChinese(culture) ? chinese : english;
    }

    public static (string Chinese, string English) Split(string text)
    {
        var slash = text.IndexOf(" / ", StringComparison.Ordinal);
        if (slash > 0 && text.AsSpan(0, slash).ContainsAnyInRange('\u3000', '\u9fff') && !text.AsSpan(slash).ContainsAnyInRange('\u3000', '\u9fff'))
        {
            return (text[..slash].Trim(), text[(slash + 3)..].Trim());
        }
        var last = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsChinese(text[i]))
            {
                last = i;
            }
        }
        if (last < 0)
        {
            return ("", text);
        }
        return (text[..(last + 1)].Trim(), text[(last + 1)..].Trim());
    }

    // CJK ideographs and punctuation, full-width forms (，。：；（）).
    private static bool IsChinese(char c) => c is >= '\u3000' and <= '\u303f' or >= '\u3400' and <= '\u9fff' or >= '\uff00' and <= '\uffef';
}
