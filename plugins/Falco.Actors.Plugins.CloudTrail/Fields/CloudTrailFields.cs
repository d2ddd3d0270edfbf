using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.CloudTrail.Fields;

/// <summary>The cloudtrail plugin's fields in get_fields order: position = field id = <see cref="CloudTrailField"/>.</summary>
public static class CloudTrailFields
{
    public static IReadOnlyList<FieldInfo> All { get; } =
    [
        // Id
        new("ct.id", FieldType.String, "the unique ID of the cloudtrail event (eventID in the json).") { Display = "Event ID" },
        // Error
        new("ct.error", FieldType.String, "The error code from the event. Will be \"<NA>\" (e.g. the NULL/empty/none value) if there was no error.") { Display = "Error Code" },
        // ErrorMessage
        new("ct.errormessage", FieldType.String, "The description of an error. Will be \"<NA>\" (e.g. the NULL/empty/none value) if there was no error.") { Display = "Error Message" },
        // Time
        new("ct.time", FieldType.String, "the timestamp of the cloudtrail event (eventTime in the json).") { Display = "Timestamp", Properties = FieldProperties.Hidden },
        // Src
        new("ct.src", FieldType.String, "the source of the cloudtrail event (eventSource in the json).") { Display = "AWS Service" },
        // ShortSrc
        new("ct.shortsrc", FieldType.String, "the source of the cloudtrail event (eventSource in the json, without the '.amazonaws.com' trailer).") { Display = "AWS Service" },
        // Name
        new("ct.name", FieldType.String, "the name of the cloudtrail event (eventName in the json).") { Display = "Event Name" },
        // User
        new("ct.user", FieldType.String, "the user of the cloudtrail event (userIdentity.userName in the json).") { Display = "User Name", Properties = FieldProperties.Conversation },
        // OriginalUser
        new("ct.originaluser", FieldType.String, "the original user name of an assumed role session (the session name), or the user name for other identity types.") { Display = "Original User Name" },
        // UserAccountId
        new("ct.user.accountid", FieldType.String, "the account id of the user of the cloudtrail event.") { Display = "User Account ID" },
        // UserIdentityType
        new("ct.user.identitytype", FieldType.String, "the kind of user identity (e.g. Root, IAMUser,AWSService, etc.)") { Display = "User Identity Type" },
        // UserPrincipalId
        new("ct.user.principalid", FieldType.String, "A unique identifier for the user that made the request.") { Display = "User Principal Id" },
        // UserArn
        new("ct.user.arn", FieldType.String, "the Amazon Resource Name (ARN) of the user that made the request.") { Display = "User ARN" },
        // Region
        new("ct.region", FieldType.String, "the region of the cloudtrail event (awsRegion in the json).") { Display = "Region" },
        // ResponseSubnetId
        new("ct.response.subnetid", FieldType.String, "the subnet ID included in the response.") { Display = "Response Subnet ID" },
        // ResponseReservationId
        new("ct.response.reservationid", FieldType.String, "the reservation ID included in the response.") { Display = "Response Reservation ID" },
        // Response
        new("ct.response", FieldType.String, "All response elements.") { Display = "Response Elements" },
        // RequestAvailabilityZone
        new("ct.request.availabilityzone", FieldType.String, "the availability zone included in the request.") { Display = "Request Availability Zone" },
        // RequestCluster
        new("ct.request.cluster", FieldType.String, "the cluster included in the request.") { Display = "Request Cluster" },
        // RequestFunctionName
        new("ct.request.functionname", FieldType.String, "the function name included in the request.") { Display = "Request Function Name" },
        // RequestGroupName
        new("ct.request.groupname", FieldType.String, "the group name included in the request.") { Display = "Request Group Name" },
        // RequestHost
        new("ct.request.host", FieldType.String, "the host included in the request") { Display = "Request Host Name" },
        // RequestName
        new("ct.request.name", FieldType.String, "the name of the entity being acted on in the request.") { Display = "Request Name" },
        // RequestPolicy
        new("ct.request.policy", FieldType.String, "the policy included in the request") { Display = "Request Policy" },
        // RequestReason
        new("ct.request.reason", FieldType.String, "the reason included in the request (e.g. SSM StartSession).") { Display = "Request Reason" },
        // RequestTarget
        new("ct.request.target", FieldType.String, "the target included in the request (e.g. SSM StartSession).") { Display = "Request Target" },
        // RequestDocumentName
        new("ct.request.documentname", FieldType.String, "the document name included in the request (e.g. SSM StartSession).") { Display = "Request Document Name" },
        // RequestSerialNumber
        new("ct.request.serialnumber", FieldType.String, "the serial number provided in the request.") { Display = "Request Serial Number" },
        // RequestServiceName
        new("ct.request.servicename", FieldType.String, "the service name provided in the request.") { Display = "Request Service" },
        // RequestSubnetId
        new("ct.request.subnetid", FieldType.String, "the subnet ID provided in the request.") { Display = "Request Subnet ID" },
        // RequestTaskDefinition
        new("ct.request.taskdefinition", FieldType.String, "the task definition prrovided in the request.") { Display = "Request Task Definition" },
        // RequestUserName
        new("ct.request.username", FieldType.String, "the username provided in the request.") { Display = "Request User Name" },
        // Request
        new("ct.request", FieldType.String, "All request parameters.") { Display = "Request Parameters" },
        // SrcIp
        new("ct.srcip", FieldType.String, "the IP address generating the event (sourceIPAddress in the json).") { Display = "Source IP", Properties = FieldProperties.Conversation },
        // UserAgent
        new("ct.useragent", FieldType.String, "the user agent generating the event (userAgent in the json).") { Display = "User Agent" },
        // Info
        new("ct.info", FieldType.String, "summary information about the event. This varies depending on the event type and, for some events, it contains event-specific details.") { Display = "Info", Properties = FieldProperties.Info },
        // ManagementEvent
        new("ct.managementevent", FieldType.String, "'true' if the event is a management event (AwsApiCall, AwsConsoleAction, AwsConsoleSignIn, or AwsServiceEvent), 'false' otherwise.") { Display = "Management Event" },
        // ReadOnly
        new("ct.readonly", FieldType.String, "'true' if the event only reads information (e.g. DescribeInstances), 'false' if the event modifies the state (e.g. RunInstances, CreateLoadBalancer...).") { Display = "Read Only" },
        // RequestId
        new("ct.requestid", FieldType.String, "The value that identifies the request. The service being called generates this value.") { Display = "Request ID" },
        // EventType
        new("ct.eventtype", FieldType.String, "Identifies the type of event that generated the event record.") { Display = "Event Type" },
        // ApiVersion
        new("ct.apiversion", FieldType.String, "The API version associated with the AwsApiCall eventType value.") { Display = "API Version" },
        // Resources
        new("ct.resources", FieldType.String, "A list of resources accessed in the event.") { Display = "Resources" },
        // RecipientAccountId
        new("ct.recipientaccountid", FieldType.String, "The account ID that received this event.") { Display = "Recipient Account Id" },
        // ServiceEventDetails
        new("ct.serviceeventdetails", FieldType.String, "Identifies the service event, including what triggered the event and the result.") { Display = "Service Event Details" },
        // SharedEventId
        new("ct.sharedeventid", FieldType.String, "GUID generated by CloudTrail to uniquely identify CloudTrail events from the same AWS action that is sent to different AWS accounts.") { Display = "Shared Event ID" },
        // VpcEndpointId
        new("ct.vpcendpointid", FieldType.String, "Identifies the VPC endpoint in which requests were made from a VPC to another AWS service, such as Amazon S3.") { Display = "VPC Endpoint ID" },
        // EventCategory
        new("ct.eventcategory", FieldType.String, "Shows the event category that is used in LookupEvents calls.") { Display = "Event Category" },
        // AddendumReason
        new("ct.addendum.reason", FieldType.String, "The reason that the event or some of its contents were missing.") { Display = "Addendum Reason" },
        // AddendumUpdatedFields
        new("ct.addendum.updatedfields", FieldType.String, "The event record fields that are updated by the addendum.") { Display = "Addendum Updated Fields" },
        // AddendumOriginalRequestId
        new("ct.addendum.originalrequestid", FieldType.String, "The original unique ID of the request.") { Display = "Addendum Original Request ID" },
        // AddendumOriginalEventId
        new("ct.addendum.originaleventid", FieldType.String, "The original event ID.") { Display = "Addendum Original Event ID" },
        // SessionCredentialFromConsole
        new("ct.sessioncredentialfromconsole", FieldType.String, "Shows whether or not an event originated from an AWS Management Console session.") { Display = "Session Credential From Console" },
        // EdgeDeviceDetails
        new("ct.edgedevicedetails", FieldType.String, "Information about edge devices that are targets of a request.") { Display = "Edge Device Details" },
        // TlsVersion
        new("ct.tlsdetails.tlsversion", FieldType.String, "The TLS version of a request.") { Display = "TLS Version" },
        // TlsCipherSuite
        new("ct.tlsdetails.ciphersuite", FieldType.String, "The cipher suite (combination of security algorithms used) of a request.") { Display = "TLS Cipher Suite" },
        // TlsClientProvidedHostHeader
        new("ct.tlsdetails.clientprovidedhostheader", FieldType.String, "The client-provided host name used in the service API call.") { Display = "Client Provided Host Header" },
        // AdditionalEventData
        new("ct.additionaleventdata", FieldType.String, "All the event data.") { Display = "Additional Event Data" },
        // S3Uri
        new("s3.uri", FieldType.String, "the s3 URI (s3://<bucket>/<key>).") { Display = "Key URI", Properties = FieldProperties.Conversation },
        // S3Bucket
        new("s3.bucket", FieldType.String, "the bucket name for s3 events.") { Display = "Bucket Name", Properties = FieldProperties.Conversation },
        // S3Key
        new("s3.key", FieldType.String, "the S3 key name.") { Display = "Key Name" },
        // S3Bytes
        new("s3.bytes", FieldType.UInt64, "the size of an s3 download or upload, in bytes.") { Display = "Total Bytes" },
        // S3BytesIn
        new("s3.bytes.in", FieldType.UInt64, "the size of an s3 upload, in bytes.") { Display = "Bytes In", Properties = FieldProperties.Hidden },
        // S3BytesOut
        new("s3.bytes.out", FieldType.UInt64, "the size of an s3 download, in bytes.") { Display = "Bytes Out", Properties = FieldProperties.Hidden },
        // S3CntGet
        new("s3.cnt.get", FieldType.UInt64, "the number of get operations. This field is 1 for GetObject events, 0 otherwise.") { Display = "N Get Ops", Properties = FieldProperties.Hidden },
        // S3CntPut
        new("s3.cnt.put", FieldType.UInt64, "the number of put operations. This field is 1 for PutObject events, 0 otherwise.") { Display = "N Put Ops", Properties = FieldProperties.Hidden },
        // S3CntOther
        new("s3.cnt.other", FieldType.UInt64, "the number of non I/O operations. This field is 0 for GetObject and PutObject events, 1 for all the other events.") { Display = "N Other Ops", Properties = FieldProperties.Hidden },
        // Ec2Name
        new("ec2.name", FieldType.String, "the name of the ec2 instances, typically stored in the instance tags.") { Display = "Instance Name" },
        // Ec2ImageId
        new("ec2.imageid", FieldType.String, "the ID for the image used to run the ec2 instance in the response. Deprecated: use ec2.imageids instead.") { Display = "Image Id" },
        // Ec2ImageIds
        new("ec2.imageids", FieldType.String, "the IDs of the images used to run the ec2 instances in the response; an index selects one.") { Display = "Image Ids", IsList = true, Arg = new FieldArgSpec(IsRequired: false, IsIndex: true, IsKey: false) },
        // EcrRepository
        new("ecr.repository", FieldType.String, "the name of the ecr Repository specified in the request.") { Display = "ECR Repository name" },
        // EcrImageTag
        new("ecr.imagetag", FieldType.String, "the tag of the image specified in the request.") { Display = "Image Tag" },
        // IamRole
        new("iam.role", FieldType.String, "the IAM role specified in the request.") { Display = "IAM Role" },
        // IamPolicy
        new("iam.policy", FieldType.String, "the IAM policy specified in the request.") { Display = "IAM Policy" },
    ];
}
