namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>A definition that must not be installed; <see cref="Errors"/> lists every problem found.</summary>
public sealed class DefinitionValidationException(IReadOnlyList<DefinitionError> errors)
    : Exception("程序定义无效 / Invalid procedure definition:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
