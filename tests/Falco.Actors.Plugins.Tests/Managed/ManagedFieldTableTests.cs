using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Tests.Managed;

public sealed class ManagedFieldTableTests
{
    // A plugin whose "event" is a string; an alias shares its field's extraction.
    private static readonly FieldExtraction<string> Length = static (e, in r, v) => v.AddNumber(r.Slot, (ulong)e.Length);

    private static readonly ManagedFieldTable<string> Table = new(
    [
        new(new("text.upper", FieldType.String, "the text upper-cased") { Display = "Upper" },
            static (e, in r, v) => v.AddString(r.Slot, e.ToUpperInvariant())),
        new(new("text.length", FieldType.UInt64, "its length"), Length),
        new(new("text.len", FieldType.UInt64, "alias of text.length"), Length),
    ]);

    [Fact]
    public void The_fields_are_exported_in_table_order_and_found_by_name()
    {
        Assert.Equal(["text.upper", "text.length", "text.len"], Table.Fields.Select(f => f.Name));
        Assert.Equal("Upper", Table.Fields[0].Display);
        Assert.Equal(1, Table.IdOf("text.length"));
        Assert.Equal(-1, Table.IdOf("text.missing"));
    }

    [Fact]
    public void A_request_is_extracted_by_the_function_of_its_field_id()
    {
        var values = new FieldValues();
        values.Reset();
        Table.Extract("abc", new FieldRequest(0, 0, FieldType.String, false, FieldArgument.Absent), values);
        Table.Extract("abc", new FieldRequest(1, 2, FieldType.UInt64, false, FieldArgument.Absent), values);

        Assert.Equal("ABC", values.GetString(0));
        Assert.Equal(3UL, values.GetNumber(1));
    }
}
