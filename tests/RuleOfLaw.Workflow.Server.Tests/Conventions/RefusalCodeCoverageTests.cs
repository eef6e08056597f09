namespace RuleOfLaw.Workflow.Server.Tests.Conventions;

/// <summary>
/// Every refusal code the code base can answer is asserted by at least one test (issue 19): a code nobody triggers
/// is a statutory rule nobody has seen work. The scanner reads syntax, not text (<see cref="RefusalCodeScanner"/>).
/// </summary>
public sealed class RefusalCodeCoverageTests
{
    /// <summary>
    /// Codes that were never asserted when this test was written (issue 19 covered the statutory ones it listed); they
    /// are mostly input validation of the after-decision, hearing and meeting endpoints. The list may only shrink:
    /// a test for one of them, or its removal from src/, fails the test until the code is struck off here.
    /// </summary>
    private static readonly string[] NotYetAsserted =
    [
        // Landed on main (engine sub-procedures and migration, integrity keys) while this test was written: no test yet.
        "organization-required", "shortening-reason-required", "sub-procedure-changed", "party-required", "step-decided", "step-ambiguous",
    ];

    [Fact]
    public void Every_refusal_code_defined_in_src_is_asserted_by_a_test()
    {
        var defined = RefusalCodeScanner.DefinedCodes(RefusalCodeScanner.Parse("src"));
        var asserted = RefusalCodeScanner.AssertedCodes(RefusalCodeScanner.Parse("tests"));

        var missing = defined.Where(d => !asserted.Contains(d.Key) && !NotYetAsserted.Contains(d.Key)).OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => $"{d.Key} ({string.Join(", ", d.Value)})").ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} refusal code(s) defined in src/ are asserted by no test:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");

        var stale = NotYetAsserted.Where(c => asserted.Contains(c) || !defined.ContainsKey(c)).ToList();
        Assert.True(stale.Count == 0, $"asserted now or no longer defined, strike them off {nameof(NotYetAsserted)}: {string.Join(", ", stale)}");
    }

    [Fact]
    public void The_scanner_finds_the_codes_of_every_kind_of_refusal_factory_and_ignores_comments()
    {
        var source = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""
            static class Factories
            {
                const string Sealed = "consultation-sealed";
                static object Refuse(int status, string code, string message) => null!;
                static object Field(string code) => code; // a consumer of codes: called with variables only
                static void Use(bool b, string variable)
                {
                    // new Refusal("in-a-comment", "…")
                    _ = new Refusal("from-a-record", "…");
                    _ = Refuse(409, b ? "when-true" : "when-false", "not-a-code-either");
                    _ = Refuse(409, Sealed, "…");
                    _ = Refuse(message: "…", code: "named-argument", status: 409);
                    _ = Refuse(422, "catalog-key.its-variant", "…");
                    _ = Field(variable);
                    _ = Other("looks-like-a-code");
                }
            }
            sealed record Refusal(string Code, string Message);
            """);
        var defined = RefusalCodeScanner.DefinedCodes([source]);
        Assert.Equal(["catalog-key", "consultation-sealed", "from-a-record", "named-argument", "when-false", "when-true"], defined.Keys.Order(StringComparer.Ordinal));

        var test = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""
            class T
            {
                const string Expected = "by-constant";
                void M(Problem p)
                {
                    // Assert.Equal("in-a-comment", p.Code);
                    Assert.Equal(("in-a-tuple", "第一条"), (p.Code, p.Article));
                    Assert.True(p.Code == Expected, "…");
                    Refused(new { kind = "in-a-request-body" }, "by-helper");
                    Post(new { code = "posted-not-asserted" });
                    void Refused(object body, string code) => Assert.Equal(code, p.Code);
                    server.RefusedAsync(() => Send(), 409, "by-extension-helper", "第一条");
                }
                [Theory]
                [InlineData("from-inline-data", 1)]
                void Theory(string code, int n) { }
            }
            static class Helpers
            {
                public static Task RefusedAsync(this Server server, Func<Task> request, int status, string code, string? article) => Task.CompletedTask;
            }
            """);
        Assert.Equal(["by-constant", "by-extension-helper", "by-helper", "from-inline-data", "in-a-tuple"], RefusalCodeScanner.AssertedCodes([test]).Order(StringComparer.Ordinal));
    }
}
