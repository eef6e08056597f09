using System.Text;

namespace RuleOfLaw.Workflow.Server.Documents;

/// <summary>
/// Which files a dossier accepts. The type is decided from the content's signature, not from the name or the
/// client's Content-Type, so a renamed executable is refused; the extension must agree with what the content is.
/// </summary>
public static class FileTypes
{
    public const long MaxLength = 20 * 1024 * 1024;

    private sealed record Type(string ContentType, string[] Extensions, Func<ReadOnlyMemory<byte>, bool> Matches);

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    private static readonly Type[] Allowed =
    [
        new("application/pdf", [".pdf"], c => c.Span.StartsWith("%PDF-"u8)),
        new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], c => c.Span.StartsWith(Zip)),
        new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], c => c.Span.StartsWith(Zip)),
        new("application/vnd.oasis.opendocument.text", [".odt"], c => c.Span.StartsWith(Zip)),
        new("application/vnd.oasis.opendocument.spreadsheet", [".ods"], c => c.Span.StartsWith(Zip)),
        new("application/msword", [".doc"], c => c.Span.StartsWith(Ole)),
        new("application/vnd.ms-excel", [".xls"], c => c.Span.StartsWith(Ole)),
        new("image/png", [".png"], c => c.Span.StartsWith(Png)),
        new("image/jpeg", [".jpg", ".jpeg"], c => c.Span.StartsWith(Jpeg)),
        new("text/plain; charset=utf-8", [".txt"], IsUtf8Text),
    ];

    public static string AllowedExtensions => string.Join(", ", Allowed.SelectMany(t => t.Extensions));

    /// <summary>The content type to store and serve, or null when the file is not an accepted type.</summary>
    public static string? Detect(string fileName, ReadOnlyMemory<byte> content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return Allowed.FirstOrDefault(t => t.Extensions.Contains(extension) && t.Matches(content))?.ContentType;
    }

    private static bool IsUtf8Text(ReadOnlyMemory<byte> content)
    {
        if (content.Span.Contains((byte)0))
        {
            return false;
        }
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content.Span);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
