using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Tests.Monitoring;

/// <summary>The exposition writer's escaping and number formats, read back by the strict parser.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Label_values_and_help_are_escaped_and_read_back_unchanged()
    {
        const string value = "a \"quoted\" C:\\path\nsecond line";
        var text = new PrometheusText()
            .Family("x_total", MetricType.Counter, "help with a back\\slash\nand a \"quote\"")
            .Sample(1L, ("path", value))
            .ToString();

        Assert.Contains("""x_total{path="a \"quoted\" C:\\path\nsecond line"} 1""", text);
        Assert.Contains("""# HELP x_total help with a back\\slash\nand a "quote" """.TrimEnd(), text);
        var scrape = Exposition.Parse(text);
        Assert.Equal(value, Assert.Single(scrape.Samples).Labels["path"]);
        Assert.Equal("help with a back\\slash\nand a \"quote\"", scrape.Helps["x_total"]);
    }

    [Fact]
    public void Numbers_are_written_as_prometheus_reads_them()
    {
        var text = new PrometheusText()
            .Family("g", MetricType.Gauge, "g")
            .Sample(1_795_717_687_485_000_000L, ("k", "ns"))
            .Sample(0.25, ("k", "ratio"))
            .Sample(double.PositiveInfinity, ("k", "inf"))
            .Sample(double.NegativeInfinity, ("k", "-inf"))
            .Sample(double.NaN, ("k", "nan"))
            .ToString();

        Assert.Equal(
            """
            # HELP g g
            # TYPE g gauge
            g{k="ns"} 1795717687485000000
            g{k="ratio"} 0.25
            g{k="inf"} +Inf
            g{k="-inf"} -Inf
            g{k="nan"} NaN

            """.Replace("\r\n", "\n"),
            text);
        Assert.Equal(5, Exposition.Parse(text).Samples.Count);
    }

    [Fact]
    public void A_family_written_twice_or_a_sample_without_family_is_a_programming_error()
    {
        var text = new PrometheusText().Family("a", MetricType.Gauge, "a");

        Assert.Throws<InvalidOperationException>(() => text.Family("a", MetricType.Gauge, "a"));
        Assert.Throws<InvalidOperationException>(() => new PrometheusText().Sample(1L));
    }
}
