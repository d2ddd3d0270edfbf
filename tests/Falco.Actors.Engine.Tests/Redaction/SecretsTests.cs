using Falco.Actors.Engine.Redaction;

namespace Falco.Actors.Engine.Tests.Redaction;

/// <summary>What <see cref="Secrets.Redact"/> masks without any registration, and a registered value written in pieces.</summary>
public class SecretsTests
{
    [Theory]
    [InlineData("POST https://user:pa55word@sidekick.example:2801/ failed", "POST https://***@sidekick.example:2801/ failed")]
    [InlineData("url 'http://token123@host/x'", "url 'http://***@host/x'")]
    [InlineData("key AKIAIOSFODNN7EXAMPLE used", "key *** used")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG", "aws_secret_access_key = ***")]
    [InlineData("""{"password":"hunter22","count":3}""", """{"password":"***","count":3}""")]
    [InlineData("Authorization: Basic YWxpY2U6c2VjcmV0", "Authorization: Basic ***")]
    [InlineData("[akka.tcp://falco-actors@127.0.0.1:46051/user/engine]", "[akka.tcp://falco-actors@127.0.0.1:46051/user/engine]")]
    [InlineData("no secret here: http://host:8080/path", "no secret here: http://host:8080/path")]
    public void Patterns_are_masked_wherever_they_appear(string text, string expected) =>
        Assert.Equal(expected, Secrets.Redact(text));

    [Fact]
    public void A_registered_value_is_masked_even_when_written_in_pieces()
    {
        Secrets.RegisterInitConfig("""{"nested":{"clientSecretValue":"Zq-registered-7788"},"count":1}""");
        var text = new StringWriter();
        using (var writer = new RedactingWriter(text))
        {
            writer.Write("init config: Zq-regis");
            writer.Write("tered-7788 done\nnext");
        }
        Assert.Equal("init config: *** done\nnext", text.ToString());
    }
}
