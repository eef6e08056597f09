namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>Turns definition files into validated definitions, or into errors that name the file and JSON path.</summary>
public static class DefinitionLoader
{
    /// <summary>All problems of one definition text; empty when it may be installed.</summary>
    public static IReadOnlyList<DefinitionError> Check(string json, string file, DefinitionVocabulary? vocabulary) =>
        TryRead(json, file, vocabulary, out _);

    /// <summary>The definition, or <see cref="DefinitionValidationException"/> listing every problem.</summary>
    public static ProcedureDefinition Parse(string json, string file, DefinitionVocabulary? vocabulary)
    {
        var errors = TryRead(json, file, vocabulary, out var definition);
        return errors.Count == 0 ? definition! : throw new DefinitionValidationException(errors);
    }

    /// <summary>
    /// Every <c>*.json</c> directly in <paramref name="directory"/> (sub-folders hold calendars and settings).
    /// All files are checked before failing, so one start-up reports every broken file.
    /// </summary>
    public static IReadOnlyList<ProcedureDefinition> LoadDirectory(string directory, DefinitionVocabulary? vocabulary)
    {
        var definitions = new List<ProcedureDefinition>();
        var errors = new List<DefinitionError>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var found = TryRead(File.ReadAllText(path), path, vocabulary, out var definition);
            if (found.Count == 0)
            {
                definitions.Add(definition!);
            }
            errors.AddRange(found);
        }
        foreach (var twin in definitions.GroupBy(d => (d.Id, d.Version)).Where(g => g.Count() > 1))
        {
            errors.Add(new DefinitionError(twin.Last().SourceFile!, "$.version",
                $"{twin.Key.Id} version {twin.Key.Version} is also defined in {twin.First().SourceFile}"));
        }
        if (errors.Count == 0)
        {
            errors.AddRange(DefinitionValidator.ValidateSubProcedures(definitions));
        }
        return errors.Count == 0 ? definitions : throw new DefinitionValidationException(errors);
    }

    private static IReadOnlyList<DefinitionError> TryRead(string json, string file, DefinitionVocabulary? vocabulary, out ProcedureDefinition? definition)
    {
        var reader = new DefinitionReader(file);
        definition = reader.Read(json);
        if (definition is null)
        {
            return reader.Errors;
        }
        var errors = DefinitionValidator.Validate(definition, vocabulary);
        if (errors.Count > 0)
        {
            definition = null;
        }
        return errors;
    }
}
