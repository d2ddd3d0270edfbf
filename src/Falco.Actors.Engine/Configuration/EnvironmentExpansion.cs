using System.Text;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Falco's environment variables in falco.yaml values: <c>${NAME}</c> becomes the variable's value (nothing when
/// it is not set) and <c>$${text}</c> becomes the literal <c>${text}</c>. Applied to every value (not to keys) when
/// the file is loaded, before <c>-o</c> options, as Falco does. Unlike Falco, a lone <c>$</c> does not stop the
/// expansion of the rest of the value, and an inserted value is not expanded again.
/// </summary>
internal static class EnvironmentExpansion
{
    public static void Apply(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar when scalar.Value is { } value && value.Contains('$'):
                scalar.Value = Expand(value, Environment.GetEnvironmentVariable);
                break;
            case YamlMappingNode map:
                foreach (var value in map.Children.Values)
                {
                    Apply(value);
                }
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    Apply(item);
                }
                break;
        }
    }

    public static string Expand(string value, Func<string, string?> environment)
    {
        var result = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var dollar = value.IndexOf('$', i);
            if (dollar < 0)
            {
                break;
            }
            result.Append(value, i, dollar - i);
            var close = value.IndexOf('}', dollar);
            if (string.CompareOrdinal(value, dollar, "$${", 0, 3) == 0 && close > 0)
            {
                result.Append(value, dollar + 1, close - dollar);   // "${...}" kept literally
                i = close + 1;
            }
            else if (string.CompareOrdinal(value, dollar, "${", 0, 2) == 0 && close > 0)
            {
                result.Append(environment(value[(dollar + 2)..close]));
                i = close + 1;
            }
            else
            {
                result.Append('$');
                i = dollar + 1;
            }
        }
        result.Append(value, i, value.Length - i);
        return result.ToString();
    }
}
