using Falco.Actors.Rules.Fields.Values;

namespace Falco.Actors.Rules.Tests.Fields;

public sealed class FieldValueParserTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("42", 42UL)]
    [InlineData("+7", 7UL)]
    [InlineData(" 12", 12UL)]
    [InlineData("-1", ulong.MaxValue)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void Numbers_parse_as_sscanf_decimal(string text, ulong expected) =>
        Assert.Equal(expected, FieldValueParser.ParseUInt64(text));

    [Theory]
    [InlineData("-5", -5L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("99999999999999999999", long.MaxValue)]
    [InlineData("-99999999999999999999", long.MinValue)]
    public void Signed_numbers_saturate_like_sscanf(string text, long expected) =>
        Assert.Equal(expected, (long)FieldValueParser.ParseInt64(text));

    [Theory]
    [InlineData("1.0")]
    [InlineData("0x10")]
    [InlineData("abc")]
    [InlineData("12 ")]
    [InlineData("")]
    [InlineData("-")]
    public void Non_decimal_numbers_are_rejected(string text)
    {
        var e = Assert.Throws<FieldValueException>(() => FieldValueParser.ParseUInt64(text));
        Assert.Equal($"{text} is not a valid number", e.Message);
    }

    [Fact]
    public void Bools_are_exactly_true_or_false()
    {
        Assert.True(FieldValueParser.ParseBool("true"));
        Assert.False(FieldValueParser.ParseBool("false"));
        Assert.Equal("filter error: unrecognized boolean value 1", Assert.Throws<FieldValueException>(() => FieldValueParser.ParseBool("1")).Message);
    }

    [Theory]
    [InlineData("127.0.0.1", "7F000001")]
    [InlineData("::1", "00000000000000000000000000000001")]
    [InlineData("2001:db8::ff", "20010DB80000000000000000000000FF")]
    public void Addresses_parse_to_network_order_bytes(string text, string hex) =>
        Assert.Equal(hex, Convert.ToHexString(FieldValueParser.ParseIpAddr(text)));

    [Theory]
    [InlineData("256.0.0.1")]
    [InlineData("1.2.3")]
    [InlineData("01.2.3.4")]
    [InlineData("::ffff:1.2.3.4")] // has a '.', so it is read as IPv4 as libsinsp does
    public void Bad_ipv4_addresses_are_rejected(string text) =>
        Assert.Equal($"unrecognized IPv4 address {text}", Assert.Throws<FieldValueException>(() => FieldValueParser.ParseIpAddr(text)).Message);

    [Theory]
    [InlineData("10.1.2.3/8", "0A00000008")]
    [InlineData("192.168.1.0/24", "C0A8010018")]
    [InlineData("2001:db8::/32", "20010DB800000000000000000000000020")]
    public void Networks_parse_with_host_bits_cleared(string text, string hex) =>
        Assert.Equal(hex, Convert.ToHexString(FieldValueParser.ParseIpNet(text)));

    [Theory]
    [InlineData("10.0.0.0", "unrecognized IP network 10.0.0.0")]
    [InlineData("10.0.0.0/33", "invalid netmask 33")]
    [InlineData("10.0.0.0/", " is not a valid number")]
    [InlineData("10.0.0/8", "unrecognized IP address 10.0.0/8")]
    [InlineData("::/129", "unrecognized IP network ::/129")]
    [InlineData("zz::/64", "unrecognized IP network zz::/64")]
    public void Bad_networks_are_rejected(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FieldValueException>(() => FieldValueParser.ParseIpNet(text)).Message);

    [Fact]
    public void Hex_strings_are_pairs_of_hex_digits()
    {
        Assert.Equal("HTTP"u8.ToArray(), FieldValueParser.ParseHex("48545450"));
        Assert.Equal([0xAB], FieldValueParser.ParseHex("ab"));
        foreach (var bad in new[] { "g", "123", "12Z4", "abc_1" })
        {
            Assert.Equal("filter error: bcontains and bstartswith operator support hex strings only",
                Assert.Throws<FieldValueException>(() => FieldValueParser.ParseHex(bad)).Message);
        }
    }
}
