namespace Falco.Actors.Rules.Tests.Filter.Evaluation;

/// <summary>glob, iglob, regex and pmatch tables from the reference and libs tests.</summary>
public sealed class MatchingTests
{
    [Theory]
    [InlineData("/opt/dir", true)]
    [InlineData("/opt/dir/subdir", true)]
    [InlineData("/opt/dir2", false)]
    [InlineData("/opt/dir, /opt/dir2", true)]
    [InlineData("/opt/*", true)]
    [InlineData("/opt/*/subdir", true)]
    [InlineData("/opt/di?/subdir", true)]
    [InlineData("/opt/dii?/subdir", false)]
    [InlineData("/opt/di[r]/subdir", true)]
    [InlineData("/opt/di[!r]/subdir", false)]
    [InlineData("/opt/di/subdir", false)]
    [InlineData("/opt/*/subdir2", false)]
    [InlineData("/opt/*/*", true)]
    [InlineData("/opt/*/*/subsubdir", false)]
    public void Pmatch_matches_path_prefixes_per_component(string prefixes, bool expected)
    {
        var h = new FilterHarness().Set("test.path", "/opt/dir/subdir/file.txt");
        Assert.Equal(expected, h.Eval($"test.path pmatch ({prefixes})"));
    }

    [Theory]
    [InlineData("/tmp/hello", true)]
    [InlineData("/tmp/hello/world", true)]
    [InlineData("/tmp/hello_world", false)]
    [InlineData("/tmp", false)]
    public void Pmatch_docs_example(string path, bool expected)
    {
        var h = new FilterHarness().Set("test.path", path);
        Assert.Equal(expected, h.Eval("test.path pmatch (/tmp/hello)"));
    }

    [Theory]
    [InlineData("/var/log/app.log", "*.log", true)]
    [InlineData("/var/log/app.log", "/var/*", true)]
    [InlineData("/var/log/app.log", "/var/?og/*", true)]
    [InlineData("/var/log/app.log", "/var/?og", false)]
    [InlineData("/var/log/app.log", "/var/lo?/app.lo[gx]", true)]
    [InlineData("/var/log/app.log", "/var/log/app.log[", false)]
    [InlineData("/var/log/app.log", "*app*", true)]
    [InlineData("/var/log/app.log", "app*", false)]
    [InlineData("a*b", "a\\*b", true)]
    [InlineData("axb", "a\\*b", false)]
    [InlineData("x", "[a-z]", true)]
    [InlineData("X", "[a-z]", false)]
    [InlineData("X", "[!a-z]", true)]
    [InlineData("", "*", true)]
    [InlineData("abc", "", false)]
    public void Glob_matches_the_whole_text(string value, string pattern, bool expected)
    {
        var h = new FilterHarness().Set("test.str", value);
        Assert.Equal(expected, h.Eval($"test.str glob '{pattern.Replace("\\", "\\\\")}'"));
    }

    [Theory]
    [InlineData("HELLO.TXT", "*.txt", true)]
    [InlineData("Hello.txt", "h*", true)]
    [InlineData("X", "[a-z]", true)]
    [InlineData("hello", "world", false)]
    public void Iglob_folds_case(string value, string pattern, bool expected)
    {
        var h = new FilterHarness().Set("test.str", value);
        Assert.Equal(expected, h.Eval($"test.str iglob '{pattern}'"));
    }

    [Theory]
    [InlineData("^[s]{1}ysca[l]{2}$", true)]
    [InlineData("yscal.*", false)]
    [InlineData(".*yscal", false)]
    [InlineData("syscal.*", true)]
    [InlineData("^unknown$", false)]
    [InlineData("sys|call", false)]
    [InlineData("sys(call|foo)", true)]
    public void Regex_is_an_anchored_full_match(string pattern, bool expected)
    {
        var h = new FilterHarness("syscall");
        Assert.Equal(expected, h.Eval($"evt.source regex '{pattern}'"));
    }

    [Theory]
    [InlineData("[[:alpha:]]+", true)]
    [InlineData("[[:lower:]]{7}", true)]
    [InlineData("[[:upper:]]+", false)]
    [InlineData("sys[[:alnum:]_]*", true)]
    [InlineData("[]a-z]+", true)]
    [InlineData("[^]0-9]+", true)]
    [InlineData("s.s.a.l", true)]
    public void Regex_understands_posix_classes(string pattern, bool expected)
    {
        var h = new FilterHarness("syscall");
        Assert.Equal(expected, h.Eval($"evt.source regex '{pattern}'"));
    }

    [Theory]
    [InlineData(@"\\d+", @"invalid regex pattern: invalid escape sequence: \d")]
    [InlineData(@"\\bsys", @"invalid regex pattern: invalid escape sequence: \b")]
    [InlineData("(?i)sys", "invalid regex pattern: missing argument to repetition operator: ?")]
    [InlineData("(?:sys)", "invalid regex pattern: missing argument to repetition operator: ?")]
    [InlineData("[[:nope:]]", "invalid regex pattern: invalid character class range: [:nope:]")]
    public void Perl_only_regex_syntax_is_rejected_like_re2_posix(string pattern, string message)
    {
        var h = new FilterHarness("syscall");
        Assert.Equal(message, h.CompileError($"evt.source regex '{pattern}'"));
    }

    [Fact]
    public void Regex_applies_to_transformed_values()
    {
        var h = new FilterHarness("syscall");
        Assert.True(h.Eval("toupper(evt.source) regex '^[A-Z]+$'"));
    }
}
