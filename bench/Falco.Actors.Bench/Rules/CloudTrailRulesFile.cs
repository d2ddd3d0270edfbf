namespace Falco.Actors.Bench.Rules;

/// <summary>
/// The 22 rules of Falco's <c>aws_cloudtrail_rules.yaml</c> (reference §6.2: conditions, outputs, priorities, tags
/// and enabled flags as shipped), as a rules file the loader reads.
/// </summary>
internal static class CloudTrailRulesFile
{
    public const string Yaml = """
        - required_engine_version: 10

        - list: approved_regions
          items:
            - us-east-0

        - rule: All Cloudtrail Events
          desc: All Cloudtrail Events
          condition: 'evt.num > 0'
          output: 'Some Cloudtrail Event (evtnum=%evt.num info=%evt.plugininfo ts=%evt.time.iso8601 id=%ct.id error=%ct.error)'
          priority: DEBUG
          source: aws_cloudtrail
          tags: [cloud, aws]
          enabled: false

        - rule: Console Login Through Assume Role
          desc: Console Login Through Assume Role
          condition: 'ct.name="ConsoleLogin" and not ct.error exists and ct.user.identitytype="AssumedRole" and json.value[/responseElements/ConsoleLogin]="Success"'
          output: 'Detected a console login through Assume Role (principal=%ct.user.principalid, assumedRole=%ct.user.arn, requesting IP=%ct.srcip, AWS region=%ct.region)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_console, aws_iam]

        - rule: Console Login Without MFA
          desc: Console Login Without MFA
          condition: 'ct.name="ConsoleLogin" and not ct.error exists and ct.user.identitytype!="AssumedRole" and json.value[/responseElements/ConsoleLogin]="Success" and json.value[/additionalEventData/MFAUsed]="No"'
          output: 'Detected a console login without MFA (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region)'
          priority: CRITICAL
          source: aws_cloudtrail
          tags: [cloud, aws, aws_console, aws_iam]

        - rule: Console Root Login Without MFA
          desc: Console Root Login Without MFA
          condition: 'ct.name="ConsoleLogin" and not ct.error exists and json.value[/additionalEventData/MFAUsed]="No" and ct.user.identitytype!="AssumedRole" and json.value[/responseElements/ConsoleLogin]="Success" and ct.user.identitytype="Root"'
          output: 'Detected a root console login without MFA. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region)'
          priority: CRITICAL
          source: aws_cloudtrail
          tags: [cloud, aws, aws_console, aws_iam]

        - rule: Deactivate MFA for Root User
          desc: Deactivate MFA for Root User
          condition: 'ct.name="DeactivateMFADevice" and not ct.error exists and ct.user.identitytype="Root" and ct.request.username="AWS ROOT USER"'
          output: 'Multi Factor Authentication configuration has been disabled for root (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, MFA serial number=%ct.request.serialnumber)'
          priority: CRITICAL
          source: aws_cloudtrail
          tags: [cloud, aws, aws_iam]

        - rule: Create AWS user
          desc: Create AWS user
          condition: 'ct.name="CreateUser" and not ct.error exists'
          output: 'A new AWS user has been created (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, new user created=%ct.request.username)'
          priority: INFO
          source: aws_cloudtrail
          tags: [cloud, aws, aws_iam]

        - rule: Create Group
          desc: Create Group
          condition: 'ct.name="CreateGroup" and not ct.error exists'
          output: 'A new user group has been created. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, group name=%ct.request.groupname)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_iam]

        - rule: Delete Group
          desc: Delete Group
          condition: 'ct.name="DeleteGroup" and not ct.error exists'
          output: 'A user group has been deleted. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, group name=%ct.request.groupname)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_iam]

        - rule: ECS Service Created
          desc: ECS Service Created
          condition: 'ct.src="ecs.amazonaws.com" and ct.name="CreateService" and not ct.error exists'
          output: 'A new service has been created in ECS (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, cluster=%ct.request.cluster, service name=%ct.request.servicename, task definition=%ct.request.taskdefinition)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_ecs, aws_fargate]

        - rule: ECS Task Run or Started
          desc: ECS Task Run or Started
          condition: 'ct.src="ecs.amazonaws.com" and (ct.name="RunTask" or ct.name="StartTask") and not ct.error exists'
          output: 'A new task has been started in ECS (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, cluster=%ct.request.cluster, task definition=%ct.request.taskdefinition)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_ecs, aws_fargate]

        - rule: Create Lambda Function
          desc: Create Lambda Function
          condition: 'ct.name="CreateFunction20150331" and not ct.error exists'
          output: 'Lambda function has been created. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, lambda function=%ct.request.functionname)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_lambda]

        - rule: Update Lambda Function Code
          desc: Update Lambda Function Code
          condition: 'ct.name="UpdateFunctionCode20150331v2" and not ct.error exists'
          output: 'The code of a Lambda function has been updated. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, lambda function=%ct.request.functionname)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_lambda]

        - rule: Update Lambda Function Configuration
          desc: Update Lambda Function Configuration
          condition: 'ct.name="UpdateFunctionConfiguration20150331v2" and not ct.error exists'
          output: 'The configuration of a Lambda function has been updated. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, lambda function=%ct.request.functionname)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_lambda]

        - rule: Run Instances
          desc: Run Instances
          condition: 'ct.name="RunInstances" and not ct.error exists'
          output: 'A number of instances have been launched. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, availability zone=%ct.request.availabilityzone, subnet id=%ct.response.subnetid, reservation id=%ct.response.reservationid)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_ec2]

        - rule: Run Instances in Non-approved Region
          desc: Run Instances in Non-approved Region
          condition: 'ct.name="RunInstances" and not ct.error exists and not ct.region in (approved_regions)'
          output: 'A number of instances have been launched in a non-approved region. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, availability zone=%ct.request.availabilityzone, subnet id=%ct.response.subnetid, reservation id=%ct.response.reservationid, image id=%json.value[/responseElements/instancesSet/items/0/instanceId])'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_ec2]

        - rule: Delete Bucket Encryption
          desc: Delete Bucket Encryption
          condition: 'ct.name="DeleteBucketEncryption" and not ct.error exists'
          output: 'A encryption configuration for a bucket has been deleted (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, bucket=%s3.bucket)'
          priority: CRITICAL
          source: aws_cloudtrail
          tags: [cloud, aws, aws_s3]

        - rule: Delete Bucket Public Access Block
          desc: Delete Bucket Public Access Block
          condition: 'ct.name="PutBucketPublicAccessBlock" and not ct.error exists and json.value[/requestParameters/publicAccessBlock]="" and (json.value[/requestParameters/PublicAccessBlockConfiguration/RestrictPublicBuckets]=false or json.value[/requestParameters/PublicAccessBlockConfiguration/BlockPublicPolicy]=false or json.value[/requestParameters/PublicAccessBlockConfiguration/BlockPublicAcls]=false or json.value[/requestParameters/PublicAccessBlockConfiguration/IgnorePublicAcls]=false)'
          output: 'A public access block for a bucket has been deleted (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, bucket=%s3.bucket)'
          priority: CRITICAL
          source: aws_cloudtrail
          tags: [cloud, aws, aws_s3]

        - rule: List Buckets
          desc: List Buckets
          condition: 'ct.name="ListBuckets" and not ct.error exists'
          output: 'A list of all S3 buckets has been requested. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, host=%ct.request.host)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_s3]
          enabled: false

        - rule: Put Bucket ACL
          desc: Put Bucket ACL
          condition: 'ct.name="PutBucketAcl" and not ct.error exists'
          output: 'The permissions on an existing bucket have been set using access control lists. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, bucket name=%s3.bucket)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_s3]

        - rule: Put Bucket Policy
          desc: Put Bucket Policy
          condition: 'ct.name="PutBucketPolicy" and not ct.error exists'
          output: 'An Amazon S3 bucket policy has been applied to an Amazon S3 bucket. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, bucket name=%s3.bucket, policy=%ct.request.policy)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_s3]

        - rule: CloudTrail Trail Created
          desc: CloudTrail Trail Created
          condition: 'ct.name="CreateTrail" and not ct.error exists'
          output: 'A new trail has been created. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, trail name=%ct.request.name)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_cloudtrail]

        - rule: CloudTrail Logging Disabled
          desc: CloudTrail Logging Disabled
          condition: 'ct.name="StopLogging" and not ct.error exists'
          output: 'The CloudTrail logging has been disabled. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, resource name=%ct.request.name)'
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_cloudtrail]

        """;
}
