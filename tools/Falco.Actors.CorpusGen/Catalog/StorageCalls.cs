namespace Falco.Actors.CorpusGen.Catalog;

using System.Text.Json;
using Falco.Actors.CorpusGen.Generation;

/// <summary>Benign S3 (object data events and bucket reads) and DynamoDB calls.</summary>
public static class StorageCalls
{
    private const string S3 = "s3.amazonaws.com";
    private static readonly string[] KeyStems = ["logs/app", "exports/orders", "images/upload", "models/checkpoint", "reports/daily", "tfstate/env"];
    private static readonly string[] Extensions = [".json.gz", ".parquet", ".jpg", ".csv", ".tfstate", ".bin"];

    public static IReadOnlyList<ApiCall> All { get; } =
    [
        ObjectCall("GetObject", true, 140, withKey: true, bytesOut: true),
        ObjectCall("PutObject", false, 60, withKey: true, bytesOut: false),
        ObjectCall("HeadObject", true, 35, withKey: true, bytesOut: false),
        ObjectCall("DeleteObject", false, 8, withKey: true, bytesOut: false),
        new ApiCall
        {
            Source = S3, Name = "ListObjects", ReadOnly = true, Weight = 25, Data = true, ServiceCallable = true,
            Request = (w, c) =>
            {
                c.S1 = c.Rng.Pick(c.Account.Buckets);
                w.WriteString("list-type", "2");
                w.WriteString("bucketName", c.S1);
                w.WriteString("encoding-type", "url");
                w.WriteString("prefix", c.Rng.Pick(KeyStems) + "/");
                w.WriteString("Host", RecordWriter.Host(c));
            },
            Additional = (w, c) => S3Additional(w, c, 0, c.Rng.Next(300, 40_000)),
            Resources = (w, c) => Json.Resource(w, c.Account.Id, "AWS::S3::Bucket", "arn:aws:s3:::" + c.S1),
        },
        BucketCall("GetBucketLocation", 12, (w, c) => Json.Empty(w, "location")),
        BucketCall("GetBucketAcl", 8, (w, c) => Json.Empty(w, "acl")),
        BucketCall("GetBucketPolicy", 4, (w, c) => Json.Empty(w, "policy")),
        BucketCall("GetBucketEncryption", 3, (w, c) => Json.Empty(w, "encryption")),
        BucketCall("GetBucketVersioning", 3, (w, c) => Json.Empty(w, "versioning")),
        Dynamo("DescribeTable", 15, data: false, (w, c) => w.WriteString("tableName", c.Rng.Pick(c.Account.Tables))),
        Dynamo("ListTables", 6, data: false, null),
        Dynamo("GetItem", 10, data: true, (w, c) =>
        {
            w.WriteString("tableName", c.Rng.Pick(c.Account.Tables));
            Json.Obj(w, "key", k => k.WriteString("pk", "HIDDEN_DUE_TO_SECURITY_REASONS"));
            w.WriteBoolean("consistentRead", false);
        }),
        Dynamo("Query", 8, data: true, (w, c) =>
        {
            w.WriteString("tableName", c.Rng.Pick(c.Account.Tables));
            w.WriteString("indexName", "gsi-customer");
            w.WriteString("keyConditionExpression", "customerId = :c");
            w.WriteNumber("limit", 50);
        }),
    ];

    private static ApiCall ObjectCall(string name, bool readOnly, int weight, bool withKey, bool bytesOut) => new()
    {
        Source = S3, Name = name, ReadOnly = readOnly, Weight = weight, Data = true, ServiceCallable = true,
        ErrorCodes = name == "GetObject" ? ["NoSuchKey", "AccessDenied"] : ["AccessDenied"],
        Request = (w, c) =>
        {
            c.S1 = c.Rng.Pick(c.Account.Buckets);
            c.S2 = $"{c.Rng.Pick(KeyStems)}/{c.Time:yyyy/MM/dd}/{Ids.HexString(c.Rng, 12)}{c.Rng.Pick(Extensions)}";
            w.WriteString("bucketName", c.S1);
            w.WriteString("Host", RecordWriter.Host(c));
            if (withKey) w.WriteString("key", c.S2);
            if (name == "PutObject") w.WriteString("x-amz-server-side-encryption", "aws:kms");
        },
        Response = name == "PutObject"
            ? (w, c) =>
            {
                w.WriteString("x-amz-server-side-encryption", "aws:kms");
                w.WriteString("x-amz-server-side-encryption-aws-kms-key-id", c.Arn("kms", "key/" + c.Account.KmsKeys[0]));
            }
            : null,
        Additional = (w, c) =>
        {
            long size = c.Rng.Next(10) == 0 ? c.Rng.NextLong(50_000_000) : c.Rng.NextLong(200_000);
            S3Additional(w, c, name == "PutObject" ? size : 0, bytesOut && c.ErrorCode is null ? size : 0);
        },
        Resources = (w, c) =>
        {
            Json.Resource(w, null, "AWS::S3::Object", $"arn:aws:s3:::{c.S1}/{c.S2}");
            Json.Resource(w, c.Account.Id, "AWS::S3::Bucket", "arn:aws:s3:::" + c.S1);
        },
    };

    /// <summary>Bucket-level reads are management events with the bucket in requestParameters.</summary>
    private static ApiCall BucketCall(string name, int weight, BodyWriter extra) => new()
    {
        Source = S3, Name = name, ReadOnly = true, Weight = weight, ServiceCallable = true,
        Request = (w, c) =>
        {
            c.S1 = c.Rng.Pick(c.Account.Buckets);
            w.WriteString("bucketName", c.S1);
            w.WriteString("Host", RecordWriter.Host(c));
            extra(w, c);
        },
        Additional = (w, c) => S3Additional(w, c, 0, 0),
        Resources = (w, c) => Json.Resource(w, c.Account.Id, "AWS::S3::Bucket", "arn:aws:s3:::" + c.S1),
    };

    private static readonly JsonEncodedText SignatureVersion = JsonEncodedText.Encode("SignatureVersion");
    private static readonly JsonEncodedText SigV4 = JsonEncodedText.Encode("SigV4");
    private static readonly JsonEncodedText CipherSuite = JsonEncodedText.Encode("CipherSuite");
    private static readonly JsonEncodedText Aes128 = JsonEncodedText.Encode("TLS_AES_128_GCM_SHA256");
    private static readonly JsonEncodedText BytesIn = JsonEncodedText.Encode("bytesTransferredIn");
    private static readonly JsonEncodedText BytesOut = JsonEncodedText.Encode("bytesTransferredOut");
    private static readonly JsonEncodedText AuthenticationMethod = JsonEncodedText.Encode("AuthenticationMethod");
    private static readonly JsonEncodedText AuthHeader = JsonEncodedText.Encode("AuthHeader");
    private static readonly JsonEncodedText AmzId2 = JsonEncodedText.Encode("x-amz-id-2");

    public static void S3Additional(Utf8JsonWriter w, RecordContext c, long bytesIn, long bytesOut)
    {
        w.WriteString(SignatureVersion, SigV4);
        w.WriteString(CipherSuite, Aes128);
        w.WriteNumber(BytesIn, bytesIn);
        w.WriteString(AuthenticationMethod, AuthHeader);
        Span<char> id = stackalloc char[57];
        Ids.MixedAlnum(c.Rng, id[..56]);
        id[56] = '=';
        w.WriteString(AmzId2, id);
        w.WriteNumber(BytesOut, bytesOut);
    }

    private static ApiCall Dynamo(string name, int weight, bool data, BodyWriter? request) => new()
    {
        Source = "dynamodb.amazonaws.com", Name = name, ReadOnly = true, Weight = weight, Data = data,
        ErrorCodes = ["AccessDenied", "ResourceNotFoundException"], Request = request,
        Resources = data
            ? (w, c) => Json.Resource(w, c.Account.Id, "AWS::DynamoDB::Table", c.Arn("dynamodb", "table/" + c.Rng.Pick(c.Account.Tables)))
            : null,
    };
}
