using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Record;

namespace RuleOfLaw.Workflow.Tests.Record;

/// <summary>
/// The offline check of a dossier's SM2-signed statements (issue 20): a tampered signature, a wrong key, a published key
/// swapped and a re-signed forgery each fail with their own message; statements recorded before signatures count as
/// unsigned; a signature removed from the file, or left out of it, is caught by the journal's record of it.
/// </summary>
public sealed class DossierSignatureCheckTests
{
    private const string Path = DossierFormat.SignaturesPath;
    private static readonly Guid Matter = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid Findings = Guid.Parse("0193a000-0000-7000-8000-0000000000f1");
    private static readonly Guid Decision = Guid.Parse("0193a000-0000-7000-8000-0000000000d1");
    private static readonly Guid OldFindings = Guid.Parse("0193a000-0000-7000-8000-0000000000f0");
    private static readonly Guid OldOpinion = Guid.Parse("0193a000-0000-7000-8000-0000000000c0");
    private static readonly Guid MemberOpinion = Guid.Parse("0193a000-0000-7000-8000-0000000000e1");
    private static readonly Guid OldMemberOpinion = Guid.Parse("0193a000-0000-7000-8000-0000000000e0");
    private static readonly DateTimeOffset At = new(2026, 3, 2, 1, 2, 3, 456, TimeSpan.Zero);
    private static readonly string FindingsText = SignedStatements.FindingsText("决定机关有权作出。", "已履行公众参与程序。", "不违反上位法。", null);
    private static readonly string DecisionText = SignedStatements.DecisionText("approved", "同意。", null);
    private static readonly string MemberText = SignedStatements.MemberOpinionText("agree", "同意提交的方案。", "secretary");

    private readonly Sm2Key _reviewer = Sm2Key.New();
    private readonly Sm2Key _chief = Sm2Key.New();
    private readonly Sm2Key _member = Sm2Key.New();

    [Fact]
    public void Signed_statements_verify_and_statements_recorded_before_signatures_count_as_unsigned()
    {
        var (signatures, journal) = Build();
        var result = DossierSignatureCheck.Check(Path, signatures, journal);
        Assert.Null(result.Failure);
        // Signed: the findings, the decision, a member's opinion. Unsigned: old findings, an old counsel opinion, an old member's opinion.
        Assert.Equal((3, 3), (result.Signed, result.Unsigned));
    }

    [Fact]
    public void A_tampered_signature_fails()
    {
        var (signatures, journal) = Build();
        var findings = signatures.Statements[0];
        var tampered = Flip(findings.Signature!);
        var result = DossierSignatureCheck.Check(Path, Replace(signatures, findings with { Signature = tampered }), journal);
        Assert.Equal($"{Path} (legality-findings {Findings:D})", result.Failure?.Item);
        Assert.Contains("its SM2 signature does not verify with key reviewer-key", result.Failure?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_key_fails_whether_another_signers_key_is_named_or_the_published_key_is_swapped()
    {
        var (signatures, journal) = Build();
        var decision = signatures.Statements[1];
        var named = DossierSignatureCheck.Check(Path, Replace(signatures, decision with { KeyId = "reviewer-key" }), journal);
        Assert.Equal($"{Path} (head-decision {Decision:D})", named.Failure?.Item);
        Assert.Contains("belongs to reviewer, not to the signer chief (a wrong key)", named.Failure?.Problem, StringComparison.Ordinal);

        var other = Sm2Key.New();
        var swapped = signatures with { Keys = [.. signatures.Keys.Select(k => k.KeyId == "chief-key" ? k with { PublicKey = other.PublicKey } : k)] };
        var result = DossierSignatureCheck.Check(Path, swapped, journal);
        Assert.Contains("its SM2 signature does not verify with key chief-key of chief", result.Failure?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_text_re_signed_by_another_key_published_for_the_signer_fails_against_the_journal()
    {
        var (signatures, journal) = Build();
        var forger = Sm2Key.New();
        var decision = signatures.Statements[1];
        var forgedText = SignedStatements.DecisionText("rejected", "不同意。", null);
        var forged = decision with
        {
            Text = forgedText, KeyId = "forged-key",
            Signature = forger.Sign(SignedStatements.Message(decision.Kind, decision.Id, decision.MatterId, decision.Subject, decision.SignedBy, decision.SignedAt, forgedText)),
        };
        var withForger = Replace(signatures, forged) with
        {
            Keys = [.. signatures.Keys, new DossierSignerKey("forged-key", "chief", SignedStatements.Sm2WithSm3, forger.PublicKey, At)],
        };
        var result = DossierSignatureCheck.Check(Path, withForger, journal);
        Assert.Equal($"{Path} (head-decision {Decision:D})", result.Failure?.Item);
        Assert.Contains("but journal entry 4 recorded key chief-key", result.Failure?.Problem, StringComparison.Ordinal);
        Assert.Contains("re-signed by a key that is not the signer's published key (a forgery)", result.Failure?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_removed_from_the_file_or_a_statement_left_out_is_caught_by_the_journal()
    {
        var (signatures, journal) = Build();
        var findings = signatures.Statements[0];
        var removed = DossierSignatureCheck.Check(Path, Replace(signatures, findings with { Algorithm = null, Signature = null, KeyId = null }), journal);
        Assert.Contains("unsigned here, but journal entry 3 recorded an SM2 signature for it (the signature was removed)", removed.Failure?.Problem, StringComparison.Ordinal);

        var leftOut = DossierSignatureCheck.Check(Path, signatures with { Statements = [.. signatures.Statements.Skip(1)] }, journal);
        Assert.Equal(("journal entry 3", $"records an SM2 signature (LegalityFindingsRecorded) that {Path} does not hold"), leftOut.Failure);
    }

    [Fact]
    public void A_members_opinion_tampered_signed_with_a_wrong_key_or_re_signed_by_a_forger_fails_naming_it()
    {
        var (signatures, journal) = Build();
        var opinion = signatures.Statements.Single(s => s.Id == MemberOpinion);
        var item = $"{Path} (member-opinion {MemberOpinion:D})";

        var tampered = DossierSignatureCheck.Check(Path, Replace(signatures, opinion with { Signature = Flip(opinion.Signature!) }), journal);
        Assert.Equal(item, tampered.Failure?.Item);
        Assert.Contains("its SM2 signature does not verify with key member-key of member", tampered.Failure?.Problem, StringComparison.Ordinal);

        // Her words changed, the signature kept.
        var changed = DossierSignatureCheck.Check(Path,
            Replace(signatures, opinion with { Text = SignedStatements.MemberOpinionText("disagree", "同意提交的方案。", "secretary") }), journal);
        Assert.Equal(item, changed.Failure?.Item);
        Assert.Contains("its SM2 signature does not verify", changed.Failure?.Problem, StringComparison.Ordinal);

        // Signed with the head's key named as hers.
        var wrongKey = DossierSignatureCheck.Check(Path, Replace(signatures, opinion with { KeyId = "chief-key" }), journal);
        Assert.Equal(item, wrongKey.Failure?.Item);
        Assert.Contains("belongs to chief, not to the signer member (a wrong key)", wrongKey.Failure?.Problem, StringComparison.Ordinal);

        // Re-signed by a forger's key published for her.
        var forger = Sm2Key.New();
        var forgedText = SignedStatements.MemberOpinionText("disagree", "不同意。", "member");
        var forged = opinion with
        {
            Text = forgedText, KeyId = "forged-key",
            Signature = forger.Sign(SignedStatements.Message(opinion.Kind, opinion.Id, opinion.MatterId, opinion.Subject, opinion.SignedBy, opinion.SignedAt, forgedText)),
        };
        var withForger = Replace(signatures, forged) with
        {
            Keys = [.. signatures.Keys, new DossierSignerKey("forged-key", "member", SignedStatements.Sm2WithSm3, forger.PublicKey, At)],
        };
        var forgery = DossierSignatureCheck.Check(Path, withForger, journal);
        Assert.Equal(item, forgery.Failure?.Item);
        Assert.Contains("but journal entry 5 recorded key member-key", forgery.Failure?.Problem, StringComparison.Ordinal);
        Assert.Contains("(a forgery)", forgery.Failure?.Problem, StringComparison.Ordinal);

        // Her signature removed from the file: the journal still records it.
        var removed = DossierSignatureCheck.Check(Path, Replace(signatures, opinion with { Algorithm = null, Signature = null, KeyId = null }), journal);
        Assert.Equal(item, removed.Failure?.Item);
        Assert.Contains("journal entry 5 recorded an SM2 signature for it (the signature was removed)", removed.Failure?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_gives_each_statement_its_own_state()
    {
        var (signatures, journal) = Build();
        var decision = signatures.Statements[1];
        var statuses = DossierSignatureCheck.Statuses(Replace(signatures, decision with { Signature = Flip(decision.Signature!) }), journal);
        Assert.Equal(
            [DossierSignatureCheck.State.Valid, DossierSignatureCheck.State.Invalid, DossierSignatureCheck.State.Valid,
                DossierSignatureCheck.State.Unsigned, DossierSignatureCheck.State.Unsigned, DossierSignatureCheck.State.Unsigned],
            statuses.Select(s => s.State));
        Assert.Contains("its SM2 signature does not verify with key chief-key", statuses[1].Problem, StringComparison.Ordinal);
        Assert.All(statuses.Where(s => s.State != DossierSignatureCheck.State.Invalid), s => Assert.Null(s.Problem));
        Assert.Equal(signatures.Statements.Select(s => s.Id), statuses.Select(s => s.Statement.Id));
    }

    [Fact]
    public void A_certificate_outside_its_validity_period_at_signing_fails_and_one_within_it_verifies()
    {
        var (signatures, journal) = Build();
        var item = $"{Path} (member-opinion {MemberOpinion:D})";
        DossierSignatures Certified(DateTimeOffset from, DateTimeOffset to) =>
            signatures with { Keys = [.. signatures.Keys.Select(k => k.KeyId == "member-key" ? k with { Certificate = CertificateFor(_member, from, to) } : k)] };

        var within = DossierSignatureCheck.Check(Path, Certified(At.AddYears(-1), At.AddYears(1)), journal);
        Assert.Null(within.Failure);
        Assert.Equal(3, within.Signed);

        var expired = DossierSignatureCheck.Check(Path, Certified(At.AddYears(-2), At.AddDays(-1)), journal);
        Assert.Equal(item, expired.Failure?.Item);
        Assert.Contains("signed with key member-key at 2026-03-02T01:02:03Z, when its certificate (CN=member", expired.Failure?.Problem, StringComparison.Ordinal);
        Assert.Contains("had expired (valid from 2024-03-02T01:02:03Z to 2026-03-01T01:02:03Z)", expired.Failure?.Problem, StringComparison.Ordinal);

        var early = DossierSignatureCheck.Check(Path, Certified(At.AddDays(1), At.AddYears(2)), journal);
        Assert.Equal(item, early.Failure?.Item);
        Assert.Contains("was not yet valid (valid from 2026-03-03T01:02:03Z", early.Failure?.Problem, StringComparison.Ordinal);
        Assert.Equal(DossierSignatureCheck.State.Invalid,
            DossierSignatureCheck.Statuses(Certified(At.AddDays(1), At.AddYears(2)), journal).Single(s => s.Statement.Id == MemberOpinion).State);

        // A certificate for another key is still caught first, for the whole file.
        var other = signatures with { Keys = [.. signatures.Keys.Select(k => k.KeyId == "member-key" ? k with { Certificate = CertificateFor(_chief, At.AddYears(-1), At.AddYears(1)) } : k)] };
        Assert.Contains("the certificate listed with key member-key of member is for another public key", DossierSignatureCheck.Check(Path, other, journal).Failure?.Problem,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_signed_message_binds_every_field_so_none_moves_into_another()
    {
        Assert.NotEqual(SignedStatements.FindingsText("a", "b\nprocedure=1:c", "d", null), SignedStatements.FindingsText("a", "b", "c", "d"));
        Assert.Equal("outcome=8:approved\ntext=3:同意。\nreason=-", DecisionText);
        Assert.Equal("position=5:agree\ntext=8:同意提交的方案。\nrecordedBy=9:secretary", MemberText);
        // Who recorded it cannot be moved into her words, nor her words into the position.
        Assert.NotEqual(SignedStatements.MemberOpinionText("agree", "x\nrecordedBy=6:member", "secretary"), SignedStatements.MemberOpinionText("agree", "x", "member"));
        var message = Encoding.UTF8.GetString(SignedStatements.Message("head-decision", Decision, Matter, "m/i", "chief", At, "x"));
        Assert.Equal($"rolw-opinion-signature-v1\nhead-decision\n{Decision:D}\n{Matter:D}\nm/i\nchief\n2026-03-02T01:02:03.456Z\n1:x", message);
    }

    /// <summary>
    /// Signed findings, decision and member's opinion, with the journal entries that recorded them; old findings, an old
    /// counsel opinion and an old member's opinion (journaled before members' opinions were signed) unsigned.
    /// </summary>
    private (DossierSignatures, List<DossierJournalEntry>) Build()
    {
        var findings = new DossierSignedStatement(SignedStatements.LegalityFindings, Findings, Matter, "review-task", "reviewer", "李审查", At, FindingsText,
            "LegalityFindingsRecorded", SignedStatements.Sm2WithSm3, null, "reviewer-key");
        findings = findings with { Signature = _reviewer.Sign(MessageOf(findings)) };
        var decision = new DossierSignedStatement(SignedStatements.HeadDecision, Decision, Matter, "meeting/item", "chief", "赵县长", At, DecisionText,
            JournalEntryTypes.TaskCompleted, SignedStatements.Sm2WithSm3, null, "chief-key");
        decision = decision with { Signature = _chief.Sign(MessageOf(decision)) };
        var member = new DossierSignedStatement(SignedStatements.MemberOpinion, MemberOpinion, Matter, "meeting/item", "member", "吴副县长", At, MemberText,
            JournalEntryTypes.PartyTaskCompleted, SignedStatements.Sm2WithSm3, null, "member-key");
        member = member with { Signature = _member.Sign(MessageOf(member)) };
        var oldMember = new DossierSignedStatement(SignedStatements.MemberOpinion, OldMemberOpinion, Matter, "meeting/old-item", "member", "吴副县长", At.AddDays(-30),
            SignedStatements.MemberOpinionText("abstain", "弃权。", "member"), "MeetingOpinionRecorded", null, null, null);
        var oldFindings = new DossierSignedStatement(SignedStatements.LegalityFindings, OldFindings, Matter, "earlier-task", "reviewer", "李审查", At.AddDays(-9),
            FindingsText, "LegalityFindingsRecorded", null, null, null);
        var oldOpinion = new DossierSignedStatement(SignedStatements.CounselOpinion, OldOpinion, Matter, "counsel-task/staff-lawyer", "counsel", "周律师", At.AddDays(-10),
            "意见。", "CounselOpinionGiven", SignedStatements.LegacySha256Text, "ab12", null);
        (string Type, object Data)[] rows =
        [
            ("CounselOpinionGiven", new { opinionId = OldOpinion, signature = "ab12" }),
            ("LegalityFindingsRecorded", new { findingsId = OldFindings }),
            ("LegalityFindingsRecorded", new
            {
                findingsId = Findings, signature = findings.Signature, signatureAlgorithm = "sm2-sm3", signerKeyId = "reviewer-key", publicKey = _reviewer.PublicKey,
            }),
            (JournalEntryTypes.TaskCompleted, new
            {
                meetingId = Guid.NewGuid(), statementId = Decision, signature = decision.Signature, signatureAlgorithm = "sm2-sm3", signerKeyId = "chief-key", publicKey = _chief.PublicKey,
            }),
            // The engine embeds a party's completion data as "data" (version 5: the member's opinion completes her task).
            (JournalEntryTypes.PartyTaskCompleted, new
            {
                partyId = "member", partyName = "吴副县长",
                data = new
                {
                    meetingId = Guid.NewGuid(), memberId = "member", statementId = MemberOpinion, signature = member.Signature, signatureAlgorithm = "sm2-sm3",
                    signerKeyId = "member-key", publicKey = _member.PublicKey,
                },
            }),
            ("MeetingOpinionRecorded", new { meetingId = Guid.NewGuid(), memberId = "member", position = "abstain" }),
        ];
        var journal = rows.Select((row, i) => new DossierJournalEntry(Matter, i + 1, row.Type, null, null, null, "u", "u", At, null, null,
            JsonSerializer.Serialize(row.Data), "", "", JournalAlgorithms.Sm3)).ToList();
        var keys = new List<DossierSignerKey>
        {
            new("reviewer-key", "reviewer", SignedStatements.Sm2WithSm3, _reviewer.PublicKey, At.AddYears(-1)),
            new("chief-key", "chief", SignedStatements.Sm2WithSm3, _chief.PublicKey, At.AddYears(-1)),
            new("member-key", "member", SignedStatements.Sm2WithSm3, _member.PublicKey, At.AddYears(-1)),
        };
        return (new DossierSignatures(keys, [findings, decision, member, oldFindings, oldOpinion, oldMember]), journal);
    }

    /// <summary>An X.509 certificate (base64 DER) for <paramref name="subject"/>'s key, issued by a test SM2 CA, valid from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static string CertificateFor(Sm2Key subject, DateTimeOffset from, DateTimeOffset to)
    {
        var x9 = GMNamedCurves.GetByName("sm2p256v1");
        var domain = new ECDomainParameters(x9.Curve, x9.G, x9.N, x9.H);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(20));
        generator.SetIssuerDN(new X509Name("CN=Test SM2 CA,C=CN"));
        generator.SetSubjectDN(new X509Name("CN=member,C=CN"));
        generator.SetNotBefore(from.UtcDateTime);
        generator.SetNotAfter(to.UtcDateTime);
        generator.SetPublicKey(new ECPublicKeyParameters(domain.G.Multiply(subject.Private.D).Normalize(), domain));
        return Convert.ToBase64String(generator.Generate(new Asn1SignatureFactory("SM3WITHSM2", Sm2Key.New().Private)).GetEncoded());
    }

    private static byte[] MessageOf(DossierSignedStatement s) => SignedStatements.Message(s.Kind, s.Id, s.MatterId, s.Subject, s.SignedBy, s.SignedAt, s.Text);

    private static DossierSignatures Replace(DossierSignatures signatures, DossierSignedStatement statement) =>
        signatures with { Statements = [.. signatures.Statements.Select(s => s.Id == statement.Id ? statement : s)] };

    private static string Flip(string hex) => hex[..^4] + (hex[^4] == '0' ? "1" : "0") + hex[^3..];

    /// <summary>An SM2 key pair on sm2p256v1, signing as the server does (BouncyCastle, default user id).</summary>
    private sealed record Sm2Key(ECPrivateKeyParameters Private, string PublicKey)
    {
        public static Sm2Key New()
        {
            var x9 = GMNamedCurves.GetByName("sm2p256v1");
            var generator = new ECKeyPairGenerator();
            generator.Init(new ECKeyGenerationParameters(new ECDomainParameters(x9.Curve, x9.G, x9.N, x9.H), new SecureRandom()));
            var pair = generator.GenerateKeyPair();
            return new Sm2Key((ECPrivateKeyParameters)pair.Private, Convert.ToHexStringLower(((ECPublicKeyParameters)pair.Public).Q.GetEncoded(false)));
        }

        public string Sign(byte[] message)
        {
            var signer = new SM2Signer();
            signer.Init(true, new ParametersWithID(new ParametersWithRandom(Private, new SecureRandom()), Encoding.ASCII.GetBytes(SignedStatements.DefaultUserId)));
            signer.BlockUpdate(message, 0, message.Length);
            return Convert.ToHexStringLower(signer.GenerateSignature());
        }
    }
}
