using RuleOfLaw.Workflow.Record;

namespace RuleOfLaw.Workflow.Server.Record;

/// <summary>
/// <c>RuleOfLaw.Workflow.Server verify-dossier &lt;file.zip&gt;…</c>: checks exported dossiers offline — no host is
/// built, no configuration read, no database opened. Prints one line per file (OK with the journal head, or FAILED
/// naming the first thing that fails) and exits 0 when all verify, 1 when one does not, 2 on wrong usage.
/// </summary>
public static class VerifyDossierCommand
{
    public const string Name = "verify-dossier";

    public static int Run(IReadOnlyList<string> paths, TextWriter output)
    {
        if (paths.Count == 0)
        {
            output.WriteLine($"usage: RuleOfLaw.Workflow.Server {Name} <dossier.zip> [more.zip …]");
            return 2;
        }
        var failed = false;
        foreach (var path in paths)
        {
            DossierVerification result;
            try
            {
                using var stream = File.OpenRead(path);
                result = DossierVerifier.Verify(stream);
            }
            catch (IOException e)
            {
                result = new DossierVerification(false, path, e.Message, 0, 0, null, null);
            }
            catch (UnauthorizedAccessException e)
            {
                result = new DossierVerification(false, path, e.Message, 0, 0, null, null);
            }
            output.WriteLine($"{path}: {result}");
            failed |= !result.Valid;
        }
        return failed ? 1 : 0;
    }
}
