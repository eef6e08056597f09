using System.Globalization;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>The two numbers of "三统一" registration.</summary>
public sealed record RegistrationNumbers(int Year, int Sequence, string RegistrationNumber, string DocumentNumber);

/// <summary>
/// Registration numbers (登记号, e.g. <c>XXGS—2026—9</c>) and document numbers (发文字号, e.g. <c>X府规〔2026〕1号</c>):
/// one sequence per issuing entity and year, starting at 1, never reused and never skipped (Notice 37 “统一登记、统一编号”).
/// This class only formats; the server draws the next sequence under a lock so that concurrent registrations cannot
/// take the same number or leave a gap.
/// </summary>
public static class NumberingRules
{
    public static RegistrationNumbers Format(NormativeDocumentSettings settings, IssuingEntity issuer, int year, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        var y = year.ToString(CultureInfo.InvariantCulture);
        var s = sequence.ToString(CultureInfo.InvariantCulture);
        var registration = settings.RegistrationNumberPattern
            .Replace("{code}", issuer.Code, StringComparison.Ordinal)
            .Replace("{year}", y, StringComparison.Ordinal)
            .Replace("{seq}", s, StringComparison.Ordinal);
        var document = settings.DocumentNumberPattern
            .Replace("{prefix}", issuer.DocumentNumberPrefix, StringComparison.Ordinal)
            .Replace("{year}", y, StringComparison.Ordinal)
            .Replace("{seq}", s, StringComparison.Ordinal);
        return new RegistrationNumbers(year, sequence, registration, document);
    }

    /// <summary>
    /// The sequences <paramref name="taken"/> must be exactly 1..n: the check the register's integrity test and the
    /// figures page apply (a gap or a duplicate means a number was skipped or reused).
    /// </summary>
    public static bool IsGapFree(IEnumerable<int> taken)
    {
        var sorted = taken.Order().ToList();
        return sorted.Select((n, i) => n == i + 1).All(ok => ok);
    }
}
