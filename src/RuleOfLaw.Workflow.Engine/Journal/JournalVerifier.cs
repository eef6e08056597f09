namespace RuleOfLaw.Workflow.Engine.Journal;

public static class JournalVerifier
{
    /// <summary>
    /// Checks numbering, links and hashes in order and reports the first broken link. With the head the instance
    /// recorded (<paramref name="expectedCount"/>, <paramref name="expectedHead"/>), entries cut from the end are caught too.
    /// </summary>
    public static JournalVerification Verify(IEnumerable<JournalEntry> entries, long? expectedCount = null, string? expectedHead = null)
    {
        var expectedPrevious = JournalHash.Genesis;
        long expectedSequence = 1;
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            string? problem = null;
            if (entry.Sequence != expectedSequence)
            {
                problem = $"entry {expectedSequence} is missing (found {entry.Sequence} next)";
            }
            else if (entry.PreviousHash != expectedPrevious)
            {
                problem = "its link to the previous entry does not match (an entry before it was changed, removed or inserted)";
            }
            else if (!JournalAlgorithms.IsKnown(entry.HashAlgorithm))
            {
                problem = $"its hash algorithm \"{entry.HashAlgorithm}\" is unknown (known: {string.Join(", ", JournalAlgorithms.All)})";
            }
            else if (JournalHash.Compute(entry) != entry.Hash)
            {
                problem = "its content does not match its hash (the entry was changed after it was written)";
            }
            if (problem is not null)
            {
                return new JournalVerification(false, expectedSequence - 1, expectedSequence, problem);
            }
            expectedPrevious = entry.Hash;
            expectedSequence++;
        }
        var count = expectedSequence - 1;
        if (expectedCount is { } n && (count != n || (expectedHead is not null && expectedPrevious != expectedHead)))
        {
            return new JournalVerification(false, count, Math.Min(count, n) + 1,
                $"the instance recorded {n} entries ending in {expectedHead}, but the journal has {count} ending in {expectedPrevious}");
        }
        return new JournalVerification(true, count, null, null);
    }
}
