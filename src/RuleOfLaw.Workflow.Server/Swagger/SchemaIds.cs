namespace RuleOfLaw.Workflow.Server.Swagger;

/// <summary>
/// OpenAPI schema ids: the type's short name, as Swashbuckle would give it, unless two of the project's types share
/// that name (modules name their requests after their use case, so <c>PublicationRequest</c> exists in AfterDecision
/// and in NormativeDocuments); then the module (the namespace's last part) comes first, e.g.
/// <c>NormativeDocuments.PublicationRequest</c>. Without this, one clash made the whole OpenAPI document a 500.
/// </summary>
public static class SchemaIds
{
    public static Func<Type, string> Create()
    {
        var shared = new[] { typeof(SchemaIds).Assembly, typeof(RuleOfLaw.Workflow.Organizations.Roles).Assembly, typeof(RuleOfLaw.Workflow.Engine.Execution.Refusal).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => !type.IsGenericTypeDefinition && type.Namespace is not null)
            .GroupBy(type => type.Name)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToHashSet(StringComparer.Ordinal);
        return type => For(type, shared);
    }

    private static string For(Type type, IReadOnlySet<string> shared)
    {
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return name + "Of" + string.Concat(type.GetGenericArguments().Select(argument => For(argument, shared)));
        }
        if (!shared.Contains(type.Name) || type.Namespace is null)
        {
            return type.Name;
        }
        var module = type.Namespace[(type.Namespace.LastIndexOf('.') + 1)..];
        var outer = type.DeclaringType is { } declaring ? declaring.Name + "." : "";
        return $"{module}.{outer}{type.Name}";
    }
}
