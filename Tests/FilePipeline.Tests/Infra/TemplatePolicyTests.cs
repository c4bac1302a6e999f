using System.Text.Json.Nodes;

namespace FilePipeline.Tests.Infra;

public sealed class TemplatePolicyTests
{
    [Fact]
    public void Template_has_no_wildcard_action_no_star_resource_and_encrypts_and_blocks_public_access()
    {
        var findings = TemplatePolicy.Findings(TemplateDocument.Load());

        Assert.Empty(findings);
    }

    [Fact]
    public void Policy_check_finds_a_wildcard_action_and_a_star_resource()
    {
        var template = TemplateDocument.Parse("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyName: p
                      PolicyDocument:
                        Statement:
                          - Sid: TooBroad
                            Effect: Allow
                            Action: [sqs:*]
                            Resource: !GetAtt Queue.Arn
                          - Sid: Everywhere
                            Effect: Allow
                            Action: s3:GetObject
                            Resource: "*"
                          - !If
                            - SomeCondition
                            - { Sid: Hidden, Effect: Allow, Action: "dynamodb:Put*", Resource: !GetAtt Table.Arn }
                            - !Ref AWS::NoValue
                          - Sid: Tracing
                            Effect: Allow
                            Action: [xray:PutTraceSegments]
                            Resource: "*"
            """);

        var findings = TemplatePolicy.Findings(template);

        Assert.Equal(
            [
                "Role Everywhere: Resource \"*\" for s3:GetObject",
                "Role Hidden: wildcard action dynamodb:Put*",
                "Role TooBroad: wildcard action sqs:*",
            ],
            findings);
    }

    [Fact]
    public void Policy_check_finds_missing_encryption_and_public_access_settings()
    {
        var template = TemplateDocument.Parse("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: true
                    BlockPublicPolicy: true
                    IgnorePublicAcls: !If [Cond, true, false]
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  KmsMasterKeyId: !If [HasKey, !Ref Key, !Ref AWS::NoValue]
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  SSESpecification: { SSEEnabled: false }
                  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
            """);

        var findings = TemplatePolicy.Findings(template);

        Assert.Equal(
            [
                "Bucket: bucket without default encryption",
                "Bucket: bucket without public-access block IgnorePublicAcls",
                "Bucket: bucket without public-access block RestrictPublicBuckets",
                "Queue: queue without SSE",
                "Table: table without SSE",
            ],
            findings);
    }
}
