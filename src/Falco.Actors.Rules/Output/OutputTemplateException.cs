namespace Falco.Actors.Rules.Output;

/// <summary>
/// An output format string that cannot be used, with libsinsp's wording (<c>empty formatting token</c>,
/// <c>invalid formatting syntax: formatting cannot end with a %</c>, <c>unknown filter: ...</c>).
/// <see cref="Offset"/> is where in the format the problem starts (0-based, counting the leading <c>*</c>).
/// </summary>
public sealed class OutputTemplateException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}
