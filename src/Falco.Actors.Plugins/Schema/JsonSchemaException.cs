namespace Falco.Actors.Plugins.Schema;

/// <summary>The schema document itself is unusable (not JSON, a dangling <c>$ref</c>, a bad pattern, …).</summary>
public sealed class JsonSchemaException(string message, Exception? inner = null) : Exception(message, inner);
