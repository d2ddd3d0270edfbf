using System.Net;
using System.Text;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Rules.Tests.Filter.Evaluation;

/// <summary>
/// A test provider with a field of every type (and list fields), and an extractor that serves the values set for
/// the current event and counts what it was asked for.
/// </summary>
public sealed class TestExtractor(FieldProvider provider) : IFieldExtractor
{
    // Keyed by (field name, argument text or null); values pre-converted so that serving them allocates nothing.
    private readonly Dictionary<(string Name, string? Arg), object[]> _values = [];

    /// <summary>Extract calls so far.</summary>
    public int Calls { get; private set; }

    /// <summary>How many times each field was requested.</summary>
    public Dictionary<string, int> Requested { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets the values of <c>name</c> or <c>name[arg]</c> for the coming events.</summary>
    public TestExtractor Set(string field, params object[] values)
    {
        var bracket = field.IndexOf('[');
        var name = bracket < 0 ? field : field[..bracket];
        var arg = bracket < 0 ? null : field[(bracket + 1)..^1];
        var type = provider.Fields.First(f => f.Name == name).Type;
        _values[(name, arg)] = values.Select(v => Convert(v, type)).ToArray();
        return this;
    }

    private static object Convert(object value, FieldType type) => (value, type) switch
    {
        (string s, FieldType.IpAddr) => IPAddress.Parse(s).GetAddressBytes(),
        (string s, FieldType.IpNet) => (byte[])[.. IPAddress.Parse(s.Split('/')[0]).GetAddressBytes(), byte.Parse(s.Split('/')[1])],
        (string s, FieldType.String) => Encoding.UTF8.GetBytes(s),
        (string s, FieldType.ByteBuf) => Encoding.UTF8.GetBytes(s),
        (byte[] b, _) => b,
        (bool b, _) => b ? 1UL : 0UL,
        (long l, _) => (ulong)l,
        (int i, _) => (ulong)(long)i,
        (ulong u, _) => u,
        _ => throw new InvalidOperationException($"unsupported test value {value} for {type}"),
    };

    public void Clear() => _values.Clear();

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        Calls++;
        foreach (var r in requests)
        {
            var name = provider.Fields[r.FieldId].Name;
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Requested, name, out _);
            count++;
            if (!_values.TryGetValue((name, r.Arg.IsPresent ? r.Arg.Text : null), out var items))
            {
                continue;
            }
            foreach (var item in items)
            {
                if (item is byte[] bytes)
                {
                    values.AddBytes(r.Slot, bytes);
                }
                else
                {
                    values.AddNumber(r.Slot, (ulong)item);
                }
            }
        }
    }
}

/// <summary>A registry (evt.* + test.* + c.*), a compiler and a context wired together.</summary>
public sealed class FilterHarness
{
    public static readonly FieldProvider TestProvider = new("test",
    [
        new FieldInfo("test.str", FieldType.String, "a string"),
        new FieldInfo("test.str2", FieldType.String, "another string"),
        new FieldInfo("test.path", FieldType.String, "a path"),
        new FieldInfo("test.u64", FieldType.UInt64, "a number"),
        new FieldInfo("test.u64b", FieldType.UInt64, "another number"),
        new FieldInfo("test.i64", FieldType.Int64, "a signed number"),
        new FieldInfo("test.bool", FieldType.Bool, "a bool"),
        new FieldInfo("test.rel", FieldType.RelTime, "a duration"),
        new FieldInfo("test.abs", FieldType.AbsTime, "a time"),
        new FieldInfo("test.ip", FieldType.IpAddr, "an address"),
        new FieldInfo("test.net", FieldType.IpNet, "a network"),
        new FieldInfo("test.buf", FieldType.ByteBuf, "bytes"),
        new FieldInfo("test.strlist", FieldType.String, "strings") { IsList = true },
        new FieldInfo("test.strlist2", FieldType.String, "more strings") { IsList = true },
        new FieldInfo("test.u64list", FieldType.UInt64, "numbers") { IsList = true },
        new FieldInfo("test.boollist", FieldType.Bool, "bools") { IsList = true },
        new FieldInfo("test.iplist", FieldType.IpAddr, "addresses") { IsList = true },
        new FieldInfo("test.key", FieldType.String, "key arg") { Arg = new FieldArgSpec(false, false, true) },
        new FieldInfo("test.reqkey", FieldType.String, "required key") { Arg = new FieldArgSpec(true, false, true) },
        new FieldInfo("test.index", FieldType.String, "index arg") { Arg = new FieldArgSpec(false, true, false) },
        new FieldInfo("test.indexkey", FieldType.String, "index or key") { Arg = new FieldArgSpec(false, true, true) },
    ]);

    // Mocks of libs' filter_compiler tests: c.true holds "1", c.false "0", and the quote fields the expected text.
    public static readonly FieldProvider MockProvider = new("mock",
    [
        new FieldInfo("c.true", FieldType.String, "always 1"),
        new FieldInfo("c.false", FieldType.String, "always 0"),
        new FieldInfo("c.singlequote", FieldType.String, "single quotes"),
        new FieldInfo("c.doublequote", FieldType.String, "double quotes"),
    ]);

    public FilterHarness(string source = "test")
    {
        Registry = GenericEventFields.CreateRegistry(source);
        Registry.Add(TestProvider);
        Registry.Add(MockProvider);
        Compiler = new FilterCompiler(Registry);
        Generic = new GenericEventExtractor(source, "testplugin", "testhost", e => $"info of {e.Num}", TimeZoneInfo.Utc);
        Test = new TestExtractor(TestProvider);
        Mock = new TestExtractor(MockProvider)
            .Set("c.true", "1").Set("c.false", "0")
            .Set("c.singlequote", "hello 'quoted'").Set("c.doublequote", "hello \"quoted\"");
        Context = Compiler.CreateContext([Generic, Test, Mock]);
    }

    public FieldRegistry Registry { get; }
    public FilterCompiler Compiler { get; }
    public GenericEventExtractor Generic { get; }
    public TestExtractor Test { get; }
    public TestExtractor Mock { get; }
    public EvalContext Context { get; }

    public CompiledFilter Compile(string condition) => Compiler.Compile(FilterParser.Parse(condition));

    public bool Eval(string condition, PluginEvent evt = default)
    {
        var filter = Compile(condition);
        Context.Reset(evt);
        return filter.Evaluate(Context);
    }

    public FilterHarness Set(string field, params object[] values)
    {
        Test.Set(field, values);
        return this;
    }

    public string CompileError(string condition) =>
        Assert.Throws<FilterCompileException>(() => Compile(condition)).Message;

    public string? Format(string expression, PluginEvent evt = default)
    {
        var value = Compiler.CompileValue(FilterParser.Parse(expression + " exists") is UnaryCheckExpr u ? u.Left : throw new InvalidOperationException());
        Context.Reset(evt);
        var text = new StringBuilder();
        return value.TryFormat(Context, text) ? text.ToString() : null;
    }
}
