namespace RuleOfLaw.Workflow.Jurisdictions;

/// <summary>One problem in a jurisdiction settings file: where (file and JSON path) and what.</summary>
public sealed record JurisdictionError(string File, string Path, string Problem)
{
    public override string ToString() => $"{File}: {Path}: {Problem}";
}

/// <summary>Invalid jurisdiction settings; the message lists every problem, one per line.</summary>
public sealed class JurisdictionValidationException(IReadOnlyList<JurisdictionError> errors)
    : Exception("辖区设置无效 / Invalid jurisdiction settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<JurisdictionError> Errors { get; } = errors;
}
