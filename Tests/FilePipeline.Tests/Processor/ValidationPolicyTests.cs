using FilePipeline.Processor;
using FilePipeline.Processor.Scanning;
using FilePipeline.Processor.Validation;

namespace FilePipeline.Tests.Processor;

public sealed class ValidationPolicyTests
{
    [Fact]
    public void Objects_over_the_size_limit_are_rejected()
    {
        var policy = ValidationPolicy.From(new ProcessorOptions { MaxObjectBytes = 1_000 });

        Assert.True(policy.CheckSize(1_000).Accepted);
        var verdict = policy.CheckSize(1_001);
        Assert.False(verdict.Accepted);
        Assert.Contains("exceeds the limit of 1000 bytes", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_list_takes_exact_types_and_wildcards()
    {
        var policy = ValidationPolicy.From(new ProcessorOptions { AllowedTypes = "image/*, application/pdf" });

        Assert.True(policy.CheckContent("a.png", "image/png", MediaTypes.Png).Accepted);
        Assert.True(policy.CheckContent("a.pdf", "application/pdf", MediaTypes.Pdf).Accepted);
        var verdict = policy.CheckContent("a.txt", "text/plain", MediaTypes.Text);
        Assert.False(verdict.Accepted);
        Assert.Contains("text/plain is not in the allowed types", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoice.pdf", "application/pdf", MediaTypes.Elf, "executable")]
    [InlineData("invoice.pdf", null, MediaTypes.PortableExecutable, "executable")]
    [InlineData("invoice", "application/pdf", MediaTypes.PortableExecutable, "executable")]
    [InlineData("photo.png", "image/png", MediaTypes.Jpeg, "declares image/png but the content is image/jpeg")]
    [InlineData("report.pdf", "application/octet-stream", MediaTypes.Text, "extension declares application/pdf")]
    public void Declared_type_contradicting_the_content_is_rejected(string key, string? contentType, string detected, string reason)
    {
        var verdict = ValidationPolicy.From(new ProcessorOptions()).CheckContent(key, contentType, detected);

        Assert.False(verdict.Accepted);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tool.exe", "application/x-msdownload", MediaTypes.PortableExecutable)]
    [InlineData("data.bin", "application/octet-stream", MediaTypes.Elf)]
    [InlineData("report.docx", "application/zip", MediaTypes.Docx)]
    [InlineData("notes.txt", "text/plain", MediaTypes.Json)]
    [InlineData("noextension", null, MediaTypes.Gzip)]
    [InlineData("photo.jpg", "image/jpg", MediaTypes.Jpeg)]
    public void Compatible_declarations_are_accepted(string key, string? contentType, string detected)
    {
        Assert.True(ValidationPolicy.From(new ProcessorOptions()).CheckContent(key, contentType, detected).Accepted);
    }

    [Fact]
    public void Mismatch_check_can_be_turned_off()
    {
        var policy = ValidationPolicy.From(new ProcessorOptions { RejectTypeMismatch = false });

        Assert.True(policy.CheckContent("invoice.pdf", "application/pdf", MediaTypes.Elf).Accepted);
    }
}
