using System.Text;

namespace Falco.Actors.Bench.Rules;

/// <summary>
/// A generated rules file of N CloudTrail-style rules with lists and macros: most rules pin <c>ct.name</c>
/// (alone, with <c>in</c>, or with <c>ct.src</c>), some compare <c>json.value</c>, a few pin nothing.
/// </summary>
internal static class GeneratedRulesFile
{
    public static string OperationName(int i) => $"Operation{i:D4}";

    public static string Create(int ruleCount)
    {
        var sb = new StringBuilder();
        sb.AppendLine("- required_engine_version: 10");
        sb.AppendLine("- list: approved_regions");
        sb.AppendLine("  items: [us-east-0, us-east-1]");
        for (var k = 0; k < 10; k++)
        {
            sb.AppendLine($"- list: identity_types_{k}");
            sb.AppendLine($"  items: [Root, IAMUser, Type{k}]");
        }
        sb.AppendLine("- macro: succeeded");
        sb.AppendLine("  condition: not ct.error exists");
        for (var k = 0; k < 20; k++)
        {
            sb.AppendLine($"- macro: from_service_{k}");
            sb.AppendLine($"  condition: ct.src = \"service{k}.amazonaws.com\" and succeeded");
        }
        for (var i = 0; i < ruleCount; i++)
        {
            var condition = (i % 10) switch
            {
                0 => $"from_service_{i % 20} and ct.name in ({OperationName(i)}, {OperationName(i)}Batch)",
                1 => $"ct.name=\"{OperationName(i)}\" and succeeded and json.value[/requestParameters/flag{i % 5}]=\"true\"",
                2 when i % 100 == 2 => $"ct.user.identitytype=\"Root\" and ct.useragent contains \"agent{i}\"",
                _ => $"ct.name=\"{OperationName(i)}\" and succeeded and ct.user.identitytype in (identity_types_{i % 10}) and not ct.region in (approved_regions)",
            };
            sb.AppendLine($"- rule: Generated rule {i}");
            sb.AppendLine($"  desc: generated rule number {i}");
            sb.AppendLine($"  condition: '{condition}'");
            sb.AppendLine($"  output: 'Generated {i} (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, name=%ct.request.name)'");
            sb.AppendLine($"  priority: {(i % 3 == 0 ? "WARNING" : "NOTICE")}");
            sb.AppendLine("  source: aws_cloudtrail");
            sb.AppendLine("  tags: [cloud, aws, generated]");
        }
        return sb.ToString();
    }
}
