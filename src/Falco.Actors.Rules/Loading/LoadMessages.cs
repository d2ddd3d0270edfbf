using Falco.Actors.Rules.Loading.Schema;

namespace Falco.Actors.Rules.Loading;

/// <summary>The messages gathered while loading one file.</summary>
internal sealed class LoadMessages
{
    private readonly List<LoadMessage> _messages = [];

    public IReadOnlyList<LoadMessage> All => _messages;

    /// <summary>Where the file does not match the rules schema (warnings of their own, as Falco reports them apart).</summary>
    public List<SchemaWarning> Schema { get; } = [];

    public bool HasErrors => _messages.Any(m => m.IsError);

    public void Warn(LoadCode code, string message, ItemContext context) =>
        _messages.Add(new LoadMessage(LoadSeverity.Warning, code, message, context.Item, context.Location));

    public void Add(LoadMessage message) => _messages.Add(message);

    public void AddRange(IEnumerable<LoadMessage> messages) => _messages.AddRange(messages);
}
