using System.Text;
using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Engine.Tests.Journal;

/// <summary>The engine's SM3 against the example vectors of GB/T 32905-2016 (appendix A) and the padding boundaries.</summary>
public sealed class Sm3Tests
{
    private static string Hex(string ascii) => Convert.ToHexStringLower(Sm3.HashData(Encoding.ASCII.GetBytes(ascii)));

    [Fact]
    public void Example_1_abc()
    {
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Hex("abc"));
    }

    [Fact]
    public void Example_2_sixty_four_bytes()
    {
        Assert.Equal("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732", Hex(string.Concat(Enumerable.Repeat("abcd", 16))));
    }

    [Fact]
    public void The_empty_message()
    {
        // The value every SM3 implementation (GmSSL, BouncyCastle, OpenSSL 3) gives for the empty string.
        Assert.Equal("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b", Hex(""));
    }

    [Theory]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(119)]
    [InlineData(120)]
    public void Lengths_around_the_padding_boundary_give_distinct_digests(int length)
    {
        // Each length is padded into one or two blocks; a digest equal to its neighbour's would mean bytes were lost.
        var a = Sm3.HashData(new byte[length]);
        var b = Sm3.HashData(new byte[length + 1]);
        Assert.Equal(Sm3.HashSizeInBytes, a.Length);
        Assert.NotEqual(a, b);
    }
}
