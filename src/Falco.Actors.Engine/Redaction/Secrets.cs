using System.Text.Json;
using System.Text.RegularExpressions;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Redaction;

/// <summary>
/// Masks secrets in text meant for people (log lines, errors, <c>--plugin-info</c>, metric labels): the values
/// registered at start (the password of <c>http_output.url</c>, the values of secret-looking keys of every
/// <c>init_config</c>, AWS keys and other secret-looking environment variables, certificate passwords), and
/// wherever they appear, the userinfo of URLs, AWS access key ids, <c>password=</c>/<c>aws_secret_access_key=</c>-like
/// pairs and Authorization header values. Alerts are never passed here: they are the evidence and stay as written.
/// </summary>
public static partial class Secrets
{
    public const string Mask = "***";

    /// <summary>Shorter values are not registered: masking every "ab" would make logs unreadable, and the patterns still apply.</summary>
    public const int MinimumLength = 4;

    private static readonly Lock Gate = new();
    private static string[] _values = [];

    /// <summary>The registered values (longest first), for tests and diagnostics that must not print them.</summary>
    public static IReadOnlyList<string> Known => _values;

    /// <summary>Masks <paramref name="value"/> (and its percent-decoded form) in everything redacted from now on.</summary>
    public static void Register(string? value)
    {
        foreach (var form in new[] { value, value is null ? null : Uri.UnescapeDataString(value) })
        {
            if (form is null || form.Trim().Length < MinimumLength)
            {
                continue;
            }
            lock (Gate)
            {
                if (!_values.Contains(form, StringComparer.Ordinal))
                {
                    _values = [.. _values.Append(form).OrderByDescending(v => v.Length)];
                }
            }
        }
    }

    /// <summary>The secrets of a configuration: the userinfo of <c>http_output.url</c> and the secret values of every <c>init_config</c>.</summary>
    public static void RegisterFrom(FalcoConfiguration config)
    {
        RegisterUserInfo(config.HttpOutput.Url);
        foreach (var plugin in config.Plugins)
        {
            RegisterInitConfig(plugin.InitConfig);
            RegisterUserInfo(plugin.OpenParams);
        }
    }

    /// <summary>
    /// The values of AWS credential variables and of every variable whose name says it holds a secret
    /// (<c>*PASSWORD*</c>, <c>*SECRET*</c>, <c>*TOKEN*</c>, <c>*PASSPHRASE*</c>, <c>*CREDENTIAL*</c>), of 8 characters or more.
    /// </summary>
    public static void RegisterEnvironment()
    {
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            // A short value (FOO_TOKEN=true) is a setting, not a secret: masking it would garble every line.
            if (variable.Key is string name && variable.Value is string { Length: >= 8 } value
                && (name == "AWS_ACCESS_KEY_ID" || SecretVariable().IsMatch(name)))
            {
                Register(value);
            }
        }
    }

    /// <summary>The password and user of a URL's userinfo (<c>scheme://user:password@host</c>), if any.</summary>
    public static void RegisterUserInfo(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }
        foreach (Match m in UserInfo().Matches(text))
        {
            var userInfo = m.Groups["info"].Value;
            var colon = userInfo.IndexOf(':');
            Register(colon < 0 ? userInfo : userInfo[(colon + 1)..]);
            Register(userInfo);
        }
    }

    /// <summary>The string values, at any depth, of the keys of a JSON init_config whose name says they hold a secret.</summary>
    public static void RegisterInitConfig(string? initConfig)
    {
        if (string.IsNullOrWhiteSpace(initConfig) || initConfig.TrimStart()[0] is not ('{' or '['))
        {
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(initConfig);
            Walk(document.RootElement, secretKey: false);
        }
        catch (JsonException)
        {
            // Not JSON: only the patterns apply.
        }
    }

    private static void Walk(JsonElement element, bool secretKey)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, secretKey || SecretKey().IsMatch(property.Name));
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, secretKey);
                }
                break;
            case JsonValueKind.String when secretKey:
                Register(element.GetString());
                break;
            case JsonValueKind.String:
                RegisterUserInfo(element.GetString());
                break;
        }
    }

    /// <summary>The text with every known secret and every secret-looking value masked.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }
        text = UserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
        text = AwsAccessKeyId().Replace(text, Mask);
        text = KeyValue().Replace(text, m => m.Groups["key"].Value + m.Groups["sep"].Value + Mask);
        return Authorization().Replace(text, m => m.Groups["head"].Value + Mask);
    }

    // Akka addresses (akka.tcp://system@host:port) name an actor system there, not a user.
    [GeneratedRegex(@"(?<scheme>(?<![\w.+\-])(?!akka)[a-zA-Z][a-zA-Z0-9+.\-]*://)(?<info>[^/\s@'""<>]+)@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?i)(?<key>\b(?:aws_secret_access_key|aws_session_token|secret_?access_?key|session_?token|access_?token|auth_?token|refresh_?token|api_?key|client_?secret|private_?key|password|passwd|passphrase|secret))(?<sep>[""']?\s*[:=]\s*[""']?)(?![""'\s])(?<value>[^\s""',;&}\]]+)")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(?i)(?<head>\bauthorization[""']?\s*[:=]\s*[""']?(?:basic|bearer|token|aws4-hmac-sha256)?\s*)[^\s""',;}]+")]
    private static partial Regex Authorization();

    [GeneratedRegex(@"(?i)pass|secret|token|key|credential")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"(?i)^AWS_SECRET_ACCESS_KEY$|^AWS_SESSION_TOKEN$|PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL")]
    private static partial Regex SecretVariable();
}
