using RuleOfLaw.Workflow.Engine.Execution;
using System.Text.RegularExpressions;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>
/// The kinds of organ that appear on an issuing-entity list (制定主体清单), and the three that never may
/// (Notice 37: coordination bodies, temporary bodies and internal divisions do not issue normative documents).
/// </summary>
public static class IssuingEntityKinds
{
    public const string Government = "government";
    public const string GovernmentOffice = "government-office";
    public const string TownshipGovernment = "township-government";
    public const string Department = "department";
    public const string DispatchedOrgan = "dispatched-organ";
    public const string StreetOffice = "street-office";
    public const string AuthorizedOrganization = "authorized-organization";
    public const string CoordinationBody = "coordination-body";
    public const string TemporaryBody = "temporary-body";
    public const string InternalDivision = "internal-division";

    /// <summary>Kinds that may issue; a government document is issued in a people's government's (or its office's) name.</summary>
    public static IReadOnlySet<string> Allowed { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Government, GovernmentOffice, TownshipGovernment, Department, DispatchedOrgan, StreetOffice, AuthorizedOrganization,
    };

    /// <summary>Kinds that never may (Notice 37).</summary>
    public static IReadOnlySet<string> Forbidden { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CoordinationBody, TemporaryBody, InternalDivision,
    };

    /// <summary>Kinds whose documents are government documents (政府规范性文件); every other allowed kind issues department documents.</summary>
    public static IReadOnlySet<string> GovernmentIssuers { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Government, GovernmentOffice, TownshipGovernment,
    };

    public static bool IsKnown(string kind) => Allowed.Contains(kind) || Forbidden.Contains(kind);
}

/// <summary>The two kinds of normative document (政府规范性文件 / 部门规范性文件); they differ in meeting and filing recipients.</summary>
public static class NormativeDocumentKinds
{
    public const string Government = "government";
    public const string Department = "department";

    public static bool IsKnown(string kind) => kind is Government or Department;

    /// <summary>The document kind an issuing entity's documents have.</summary>
    public static string ForIssuer(string issuerKind) =>
        IssuingEntityKinds.GovernmentIssuers.Contains(issuerKind) ? Government : Department;
}

/// <summary>One entry of a government's issuing-entity list as the rules see it.</summary>
/// <param name="Code">The entity's code (代号), used in registration numbers; upper-case letters and digits.</param>
/// <param name="DocumentNumberPrefix">The prefix of its document numbers (发文字号), e.g. <c>X府规</c>.</param>
/// <param name="Listed">False once the entity was taken off the list; it may not draft any more.</param>
public sealed record IssuingEntity(Guid Id, string GovernmentId, string Name, string Code, string Kind, string DocumentNumberPrefix, bool Listed);

/// <summary>What an administrator asks to put on the list.</summary>
public sealed record IssuingEntityListing(string Name, string Code, string Kind, string DocumentNumberPrefix);

/// <summary>The issuing-entity rules: who may be listed and who may draft.</summary>
public static partial class IssuingEntityRules
{
    [GeneratedRegex("^[A-Z][A-Z0-9]{0,15}$")]
    private static partial Regex CodeFormat();

    /// <summary>
    /// Whether <paramref name="listing"/> may go on a government's list: a known kind that may issue (Notice 37 bars
    /// coordination bodies, temporary bodies and internal divisions from the list itself, so they cannot draft by
    /// being listed), a code of upper-case letters and digits unique within the government (it becomes part of every
    /// registration number), a name and a document-number prefix.
    /// </summary>
    public static IReadOnlyList<Refusal> CheckListing(IssuingEntityListing listing, IEnumerable<string> codesInUse)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(listing.Name))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("issuer-name-required", NormativeArticles.IssuingEntityList));
        }
        if (string.IsNullOrWhiteSpace(listing.DocumentNumberPrefix))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("issuer-prefix-required", NormativeArticles.UniformRegistration));
        }
        if (!CodeFormat().IsMatch(listing.Code ?? ""))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("issuer-code-invalid", NormativeArticles.IssuingEntityList, ("code", listing.Code)));
        }
        else if (codesInUse.Contains(listing.Code, StringComparer.Ordinal))
        {
            refusals.Add(NormativeTexts.Catalog.Conflict("issuer-code-taken", NormativeArticles.IssuingEntityList, ("code", listing.Code)));
        }
        if (KindRefusal(listing.Kind) is { } kind)
        {
            refusals.Add(kind);
        }
        return refusals;
    }

    /// <summary>
    /// Whether <paramref name="entity"/> may draft a document of <paramref name="documentKind"/>: it must be on the
    /// government's list (制定主体清单) and of a kind that may issue (Notice 37), and a government document must be
    /// issued in a government's name, a department document in a department's (or another non-government issuer's).
    /// </summary>
    public static Refusal? CheckDrafting(IssuingEntity? entity, string documentKind)
    {
        if (entity is null || !entity.Listed)
        {
            return NormativeTexts.Catalog.Invalid("issuer-not-on-list", NormativeArticles.IssuingEntityList, ("issuer", entity?.Name));
        }
        if (KindRefusal(entity.Kind) is { } kind)
        {
            return kind;
        }
        if (!NormativeDocumentKinds.IsKnown(documentKind))
        {
            return NormativeTexts.Catalog.Invalid("document-kind-unknown", NormativeArticles.Notice37, ("kind", documentKind));
        }
        var expected = NormativeDocumentKinds.ForIssuer(entity.Kind);
        return expected == documentKind
            ? null
            : NormativeTexts.Catalog.Invalid("document-kind-mismatch", NormativeArticles.Notice37, ("issuer", entity.Name), ("kind", documentKind), ("expected", expected));
    }

    private static Refusal? KindRefusal(string? kind) => kind switch
    {
        not null when IssuingEntityKinds.Forbidden.Contains(kind) => NormativeTexts.Catalog.Invalid("issuer-kind-not-allowed", NormativeArticles.IssuingEntities, ("kind", kind)),
        not null when IssuingEntityKinds.Allowed.Contains(kind) => null,
        _ => NormativeTexts.Catalog.Invalid("issuer-kind-unknown", NormativeArticles.IssuingEntityList, ("kind", kind)),
    };
}
