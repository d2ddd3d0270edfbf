namespace Falco.Actors.Plugins.CloudTrail;

/// <summary>Who the cloudtrail plugin is: registry id 2, event source <c>aws_cloudtrail</c>, sourcing + extraction.</summary>
public static class CloudTrailPluginIdentity
{
    public const string Name = "cloudtrail";
    public const uint Id = 2;
    public const string EventSource = "aws_cloudtrail";
    /// <summary>The Falco plugin version whose field set and behaviour this implements.</summary>
    public const string Version = "0.17.1";
    public const string Description = "reads cloudtrail JSON data saved to file in the directory specified in the settings";
    public const string Contact = "github.com/falcosecurity/plugins/";
}
