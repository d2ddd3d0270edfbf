using Falco.Actors.Cli.Options;

namespace Falco.Actors.Cli.Tests;

public sealed class OptionsParserTests
{
    [Fact]
    public void Falco_flags_are_read_with_separate_and_attached_values()
    {
        var options = OptionsParser.Parse([
            "-c", "my.yaml", "-r", "a.yaml", "-rb.yaml", "-o", "json_output=true", "--option=priority=error",
            "-e", "in.scap", "--write-capture=out.scap", "-M", "5", "-U", "--dry-run",
        ]);
        Assert.Equal("my.yaml", options.ConfigFile);
        Assert.Equal(["a.yaml", "b.yaml"], options.RulesFiles);
        Assert.Equal(["json_output=true", "priority=error"], options.ConfigOverrides);
        Assert.Equal("in.scap", options.ReplayCapture);
        Assert.Equal("out.scap", options.WriteCapture);
        Assert.Equal(5, options.DurationSeconds);
        Assert.True(options.Unbuffered);
        Assert.True(options.DryRun);
    }

    [Theory]
    [InlineData(new[] { "--list" }, "")]
    [InlineData(new[] { "--list=aws_cloudtrail" }, "aws_cloudtrail")]
    [InlineData(new[] { "--list", "aws_cloudtrail", "-N" }, "aws_cloudtrail")]
    [InlineData(new[] { "--list", "-N" }, "")]
    public void List_takes_an_optional_source(string[] args, string source)
    {
        var options = OptionsParser.Parse(args);
        Assert.True(options.ListFields);
        Assert.Equal(source, options.ListSource);
    }

    [Theory]
    [InlineData(new[] { "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "-M", "soon" }, "option '-M' expects a whole number of seconds, got 'soon'")]
    [InlineData(new[] { "-o", "json_output" }, "option '-o' expects key=value, got 'json_output'")]
    [InlineData(new[] { "-c" }, "option '-c' requires a configuration file")]
    [InlineData(new[] { "--dry-run=yes" }, "option '--dry-run' takes no value")]
    public void Bad_command_lines_exit_1_with_what_is_wrong(string[] args, string message)
    {
        var (exit, stdout, stderr) = Cli.Run(args);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("Error: " + message, stderr);
    }

    [Fact]
    public void Help_lists_every_flag()
    {
        var (exit, stdout, _) = Cli.Run("--help");
        Assert.Equal(0, exit);
        foreach (var flag in new[]
                 {
                     "-c <path>", "-r <path>", "--option", "-e <events_file>", "--write-capture", "-M <num_seconds>", "-L", "-l <rule>",
                     "--list [<source>]", "-N", "--list-plugins", "--plugin-info", "--validate", "--unbuffered", "--dry-run", "--version",
                 })
        {
            Assert.Contains(flag, stdout);
        }
    }
}
